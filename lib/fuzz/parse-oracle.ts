// Independent checks on the command parser's verdicts: a quote-aware scan of the raw line and a
// small model of how kubectl's flag library (pflag) reads argv. Written apart from lib/runner so a
// shared mistake is unlikely; where this model is unsure it assumes the dangerous reading.
import type { ParseOutcome } from '../runner/parse';

/** Long flags that pick another server, identity or local file (brief §3.4); `_` spellings included via normalisation. */
export const DENIED_LONG = new Set([
  'kubeconfig', 'server', 'token', 'as', 'as-group', 'as-uid', 'as-user-extra', 'user', 'cluster', 'username', 'password',
  'certificate-authority', 'client-certificate', 'client-key', 'insecure-skip-tls-verify', 'tls-server-name', 'cache-dir', 'kuberc',
  'kustomize',
]);
/** Short flags with those meanings: -s (--server), -k (--kustomize). */
const DENIED_SHORT = new Set(['s', 'k']);
/** kubectl flags that certainly take a value (so the next word is data, not a flag). */
const VALUE_LONG = new Set(['namespace', 'output', 'filename', 'selector', 'field-selector', 'container', 'image', 'context', 'v', 'request-timeout', 'template', 'label-columns', 'sort-by']);
const VALUE_SHORT = new Set(['n', 'o', 'l', 'f', 'c', 'L', 'v']);

const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const BARE_FILE = /^[a-z0-9][a-z0-9._-]*\.ya?ml$/;

/** Shell syntax found outside single quotes (where a shell would act on it), or `$`/backquote inside double quotes. */
export function unquotedShellSyntax(raw: string): string | null {
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = null;
      else if (c === '$' || c === '`') return c;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === ';' || c === '`' || c === '&' || c === '>' || c === '<') return c;
    else if (c === '$' && raw[i + 1] === '(') return '$(';
  }
  return null;
}

interface FlagUse { name: string; value?: string; raw: string }

/** pflag's reading of kubectl argv (conservative: unknown letters are booleans). */
export function kubectlFlagUses(args: string[]): FlagUse[] {
  const verb = args.find((a) => !a.startsWith('-'));
  const valueShort = verb === 'logs' ? new Set([...VALUE_SHORT].filter((c) => c !== 'f')) : VALUE_SHORT;
  const out: FlagUse[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = (eq < 0 ? a.slice(2) : a.slice(2, eq)).replace(/_/g, '-');
      let value = eq < 0 ? undefined : a.slice(eq + 1);
      if (value === undefined && VALUE_LONG.has(name) && i + 1 < args.length) value = args[++i];
      out.push({ name, value, raw: a });
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (valueShort.has(c)) {
        let value: string | undefined = a.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '' && j + 1 === a.length) value = i + 1 < args.length ? args[++i] : undefined;
        out.push({ name: c, value, raw: a });
        break;
      }
      out.push({ name: c, raw: a });
    }
  }
  return out;
}

/** Returns a description of the first broken parser property, or null when the verdict is sound. */
export function checkParseVerdict(_raw: string, v: ParseOutcome): string | null {
  if (!v || typeof v !== 'object') return 'parse returned no object';
  if (!v.ok) {
    if (typeof v.message !== 'string' || v.message.trim() === '') return 'refusal without a learner-facing message';
    return null;
  }
  const { command, filters } = v.pipeline;
  if (!['kind', 'kubectl', 'docker'].includes(command.program)) return `accepted program ${JSON.stringify(command.program)}`;
  const words = [...command.args, ...filters.flatMap((f) => (f.name === 'grep' ? [f.pattern] : []))];
  const ctl = words.find((w) => CONTROL.test(w));
  if (ctl !== undefined) return `accepted token with a control byte: ${JSON.stringify(ctl)}`;
  // The pipeline's raw text is the line after escape sequences were removed: what was tokenized.
  if (CONTROL.test(v.pipeline.raw.replace(/\t/g, ' '))) return 'accepted line still contains a control byte';
  const shell = unquotedShellSyntax(v.pipeline.raw);
  if (shell) return `accepted a line with unquoted shell syntax ${JSON.stringify(shell)}`;
  if (command.program === 'kubectl') {
    for (const f of kubectlFlagUses(command.args)) {
      const long = f.raw.startsWith('--');
      if (long ? DENIED_LONG.has(f.name) || /^(as|client)-/.test(f.name) : DENIED_SHORT.has(f.name)) return `accepted denied kubectl flag ${f.raw}`;
      // `--f`/`--o` are not kubectl flags (kubectl refuses them), so only the real spellings count.
      if ((long ? f.name === 'filename' : f.name === 'f') && command.args[0] !== 'logs') {
        const val = f.value ?? '';
        if (val !== '-' && !(BARE_FILE.test(val) && !val.includes('/'))) return `accepted -f value ${JSON.stringify(val)}`;
      }
      if ((long ? f.name === 'output' : f.name === 'o') && f.value !== undefined && /file$|^template$/i.test(f.value.split('=')[0])) {
        return `accepted -o ${f.value}`;
      }
    }
    const plain = command.args.map((a) => (/^--[^=]+/.exec(a)?.[0] ?? '').slice(2).replace(/_/g, '-')).find((n) => DENIED_LONG.has(n));
    if (plain) return `accepted a word spelling a denied flag (--${plain})`;
  }
  if (command.program === 'kind') {
    const cfg = command.args.flatMap((a, i) => (a === '--config' ? [command.args[i + 1] ?? ''] : a.startsWith('--config=') ? [a.slice(9)] : []));
    const bad = cfg.find((c) => !BARE_FILE.test(c));
    if (bad !== undefined) return `accepted kind --config ${JSON.stringify(bad)}`;
  }
  return null;
}
