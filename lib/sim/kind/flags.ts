// Minimal cobra/pflag-style parsing with cobra's error texts (kind prints them as "ERROR: …").

export interface FlagSpec {
  name: string;
  short?: string;
  /** boolean flags take no value */
  bool?: boolean;
}

export type ParsedFlags = { ok: true; flags: Record<string, string | boolean>; args: string[]; help: boolean } | { ok: false; error: string };

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const flags: Record<string, string | boolean> = {};
  const args: string[] = [];
  let help = false;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h') {
      help = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      if (spec.bool) {
        flags[name] = eq < 0 ? true : a.slice(eq + 1) !== 'false';
        continue;
      }
      if (eq >= 0) flags[name] = a.slice(eq + 1);
      else {
        if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: --${name}` };
        flags[name] = argv[++i];
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const c = a[1];
      const spec = byShort.get(c);
      if (!spec) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
      if (spec.bool) {
        flags[spec.name] = true;
        continue;
      }
      if (a.length > 2) flags[spec.name] = a.slice(a[2] === '=' ? 3 : 2);
      else {
        if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: '${c}' in -${c}` };
        flags[spec.name] = argv[++i];
      }
      continue;
    }
    args.push(a);
  }
  return { ok: true, flags, args, help };
}

/** Go time.ParseDuration for the forms people type (300ms, 30s, 1m, 1h30m). */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(s))) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    pos = re.lastIndex;
  }
  return pos === s.length && s.length > 0 ? total : undefined;
}

/** Go time.Duration.String() for whole seconds and more ("1m0s", "30s", "1h0m0s"). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}
