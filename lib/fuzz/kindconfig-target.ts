// Fuzz target: the kind-config checks in the order every caller uses them (lib/lab/run.ts,
// validate-file.ts, sim kind): checkConfigText → parseKindConfig → checkLabPolicy.
import { isAlias, parseAllDocuments, visit } from 'yaml';
import { checkConfigText, checkLabPolicy, parseKindConfig, MAX_CONFIG_BYTES, type PolicyMessage } from '../kindconfig';
import { anyKindConfigText } from './arb-yaml';
import { printable, timed, type FuzzTarget } from './target';

export const KINDCONFIG_BUDGET_MS = 100;

export type KindVerdict = { ok: true } | { ok: false; messages: string[] };

export function kindVerdict(text: string): KindVerdict {
  const pre = checkConfigText(text);
  if (pre.length) return { ok: false, messages: policyTexts(pre) };
  const parsed = parseKindConfig(text);
  if (!parsed.ok) return { ok: false, messages: [parsed.error] };
  const policy = checkLabPolicy(parsed.config);
  return policy.length ? { ok: false, messages: policyTexts(policy) } : { ok: true };
}

const policyTexts = (ms: PolicyMessage[]) => ms.flatMap((m) => [m.en, m.ja]);

const LOOPBACK = (a: unknown) => typeof a === 'string' && (a === '127.0.0.1' || a === '::1' || a === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a));

/** Independent reading of an accepted config (plain YAML → JS): what would mount host files or listen beyond loopback. */
export function exposure(text: string): string | null {
  const doc = parseAllDocuments(text)[0];
  if (!doc || !('toJS' in doc)) return null;
  let hasAlias = false;
  visit(doc, { Alias: () => void (hasAlias = true) });
  if (hasAlias) return 'accepted a config with YAML aliases';
  const js = doc.toJS() as Record<string, unknown> | null;
  if (!js || typeof js !== 'object') return null;
  const net = (js.networking ?? {}) as Record<string, unknown>;
  if (net.apiServerAddress !== undefined && net.apiServerAddress !== null && net.apiServerAddress !== '' && !LOOPBACK(net.apiServerAddress)) return `accepted apiServerAddress ${JSON.stringify(net.apiServerAddress)}`;
  const nodes = Array.isArray(js.nodes) && js.nodes.length ? js.nodes : [{}];
  for (const n of nodes as Array<Record<string, unknown> | null>) {
    for (const m of (Array.isArray(n?.extraMounts) ? n.extraMounts : []) as Array<Record<string, unknown> | null>) {
      if (m && m.hostPath !== undefined && m.hostPath !== null && m.hostPath !== '') return `accepted hostPath ${JSON.stringify(m.hostPath)}`;
    }
    for (const pm of (Array.isArray(n?.extraPortMappings) ? n.extraPortMappings : []) as Array<Record<string, unknown> | null>) {
      const listen = pm?.listenAddress || '0.0.0.0'; // kind's default for extraPortMappings
      if (!LOOPBACK(listen)) return `accepted listenAddress ${JSON.stringify(listen)}`;
    }
  }
  return null;
}

function hasAliases(text: string): boolean {
  let found = false;
  for (const d of parseAllDocuments(text)) if ('contents' in d) visit(d, { Alias: () => { found = true; return visit.BREAK; } });
  return found || /\*[^\s,\]}]/.test(text) && parseAllDocuments(text).some((d) => 'contents' in d && isAlias(d.contents));
}

export const kindConfigTarget: FuzzTarget<string> = {
  name: 'kindconfig',
  arbitrary: anyKindConfigText,
  check(text) {
    const r = timed(() => kindVerdict(text));
    if (r.error) return r.error;
    const small = Buffer.byteLength(text) <= MAX_CONFIG_BYTES;
    // Best of three, so a GC pause or a busy neighbour on a shared machine is not reported as a finding.
    if (small && r.ms > KINDCONFIG_BUDGET_MS) {
      const best = Math.min(r.ms, timed(() => kindVerdict(text)).ms, timed(() => kindVerdict(text)).ms);
      if (best > KINDCONFIG_BUDGET_MS) return `took ${best.toFixed(0)} ms (> ${KINDCONFIG_BUDGET_MS} ms, best of 3)`;
    }
    const v = r.value!;
    if (!v.ok) return v.messages.length && v.messages.every((m) => typeof m === 'string' && m.trim() !== '') ? null : 'rejection with an empty message';
    // parseKindConfig alone must also hold up; it is only called alone on alias-free text (see kindconfig.fuzz.test.ts for why).
    if (small && !hasAliases(text)) {
      const alone = timed(() => parseKindConfig(text));
      if (alone.error) return `parseKindConfig alone ${alone.error}`;
    }
    return exposure(text);
  },
  show: (s) => printable(s),
};
