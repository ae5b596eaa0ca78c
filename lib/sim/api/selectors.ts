// Label and field selectors with the apiserver's semantics (k8s.io/apimachinery labels/fields).
import { ApiError, type KObject, type ResourceInfo } from '../store/types';

type Op = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
export interface LabelRequirement {
  key: string;
  op: Op;
  values: string[];
}
export type LabelSelector = LabelRequirement[];

const KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function bad(msg: string): ApiError {
  return new ApiError(400, 'BadRequest', msg);
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function checkKey(key: string): void {
  if (!KEY_RE.test(key) || key.length > 316) throw bad(`unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}
function checkValue(v: string): void {
  if (v.length > 63 || !VALUE_RE.test(v)) throw bad(`unable to parse requirement: values[0]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}

export function parseLabelSelector(input: string | undefined): LabelSelector {
  const s = (input ?? '').trim();
  if (!s) return [];
  const reqs: LabelSelector = [];
  for (const rawTerm of splitTopLevel(s)) {
    const term = rawTerm.trim();
    if (!term) throw bad(`found '', expected: !, identifier, or 'end of string'`);
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^!\s*(\S+)$/))) {
      checkKey(m[1]);
      reqs.push({ key: m[1], op: '!', values: [] });
    } else if ((m = term.match(/^(\S+?)\s+(in|notin)\s*\((.*)\)$/))) {
      checkKey(m[1]);
      const values = m[3].split(',').map((v) => v.trim());
      values.forEach(checkValue);
      reqs.push({ key: m[1], op: m[2] as Op, values });
    } else if ((m = term.match(/^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/))) {
      checkKey(m[1]);
      const v = m[3].trim();
      const op: Op = m[2] === '!=' ? '!=' : m[2] === '>' ? 'gt' : m[2] === '<' ? 'lt' : '=';
      if (op === 'gt' || op === 'lt') {
        if (!/^-?\d+$/.test(v)) throw bad(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      } else checkValue(v);
      reqs.push({ key: m[1], op, values: [v] });
    } else if (/^\S+$/.test(term)) {
      checkKey(term);
      reqs.push({ key: term, op: 'exists', values: [] });
    } else {
      throw bad(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return reqs;
}

export function matchLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const r of sel) {
    const has = labels != null && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
        if (v !== r.values[0]) return false;
        break;
      case '!=':
        if (has && v === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v!)) return false;
        const n = Number(v);
        const want = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > want) : !(n < want)) return false;
      }
    }
  }
  return true;
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Parses `a=b,c!=d,e==` (escapes `\,` `\=` `\\` as the apiserver does). */
export function parseFieldSelector(input: string | undefined): FieldRequirement[] {
  const s = input ?? '';
  if (!s.trim()) return [];
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[++i];
    } else if (ch === ',') {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  const unescape = (v: string) => v.replace(/\\(.)/g, '$1');
  return terms.map((t) => {
    const m = t.match(/^(.*?)(!=|==|=)(.*)$/s);
    if (!m) throw bad(`invalid selector: '${s}'; can't understand '${t}'`);
    return { field: unescape(m[1]).trim(), op: m[2] === '!=' ? '!=' : '=', value: unescape(m[3]) };
  });
}

const str = (v: unknown): string => (v == null ? '' : typeof v === 'string' ? v : String(v));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

/** Field labels each built-in resource supports (apiserver GetAttrs / field label conversions). */
const FIELD_GETTERS: Record<string, Record<string, (o: AnyObj) => string>> = {
  '/pods': {
    'spec.nodeName': (o) => str(o.spec?.nodeName),
    'spec.restartPolicy': (o) => str(o.spec?.restartPolicy),
    'spec.schedulerName': (o) => str(o.spec?.schedulerName),
    'spec.serviceAccountName': (o) => str(o.spec?.serviceAccountName),
    'spec.hostNetwork': (o) => String(o.spec?.hostNetwork === true),
    'status.phase': (o) => str(o.status?.phase),
    'status.podIP': (o) => str(o.status?.podIPs?.[0]?.ip ?? o.status?.podIP),
    'status.nominatedNodeName': (o) => str(o.status?.nominatedNodeName),
  },
  '/nodes': { 'spec.unschedulable': (o) => String(o.spec?.unschedulable === true) },
  '/namespaces': { 'status.phase': (o) => str(o.status?.phase) },
  '/secrets': { type: (o) => str(o.type) },
  '/events': {
    'involvedObject.kind': (o) => str(o.involvedObject?.kind),
    'involvedObject.namespace': (o) => str(o.involvedObject?.namespace),
    'involvedObject.name': (o) => str(o.involvedObject?.name),
    'involvedObject.uid': (o) => str(o.involvedObject?.uid),
    'involvedObject.apiVersion': (o) => str(o.involvedObject?.apiVersion),
    'involvedObject.resourceVersion': (o) => str(o.involvedObject?.resourceVersion),
    'involvedObject.fieldPath': (o) => str(o.involvedObject?.fieldPath),
    reason: (o) => str(o.reason),
    reportingComponent: (o) => str(o.reportingComponent),
    source: (o) => str(o.source?.component),
    type: (o) => str(o.type),
  },
  'events.k8s.io/events': {
    'regarding.kind': (o) => str(o.regarding?.kind),
    'regarding.namespace': (o) => str(o.regarding?.namespace),
    'regarding.name': (o) => str(o.regarding?.name),
    'regarding.uid': (o) => str(o.regarding?.uid),
    reason: (o) => str(o.reason),
    reportingController: (o) => str(o.reportingController),
    type: (o) => str(o.type),
  },
  '/replicationcontrollers': { 'status.replicas': (o) => str(o.status?.replicas ?? 0) },
  'apps/replicasets': { 'status.replicas': (o) => str(o.status?.replicas ?? 0) },
  'batch/jobs': { 'status.successful': (o) => str(o.status?.succeeded ?? 0) },
  'certificates.k8s.io/certificatesigningrequests': { 'spec.signerName': (o) => str(o.spec?.signerName) },
};

export type FieldMatcher = (obj: KObject) => boolean;

/** Compiles a field selector for one resource; unknown labels are the apiserver's 400. */
export function compileFieldSelector(info: Pick<ResourceInfo, 'group' | 'resource' | 'namespaced'>, reqs: FieldRequirement[]): FieldMatcher | undefined {
  if (reqs.length === 0) return undefined;
  const getters = FIELD_GETTERS[`${info.group}/${info.resource}`] ?? {};
  const compiled = reqs.map((r) => {
    let get: ((o: AnyObj) => string) | undefined;
    if (r.field === 'metadata.name') get = (o) => str(o.metadata?.name);
    else if (r.field === 'metadata.namespace') get = (o) => str(o.metadata?.namespace);
    else get = getters[r.field];
    if (!get) throw bad(`field label not supported: ${r.field}`);
    return { get, r };
  });
  return (obj) => compiled.every(({ get, r }) => (get(obj) === r.value) === (r.op === '='));
}

/** Formats a metav1.LabelSelector as kubectl/apiserver do (FormatLabelSelector). */
export function formatLabelSelector(sel: AnyObj): string {
  if (sel == null) return '<none>';
  const parts: string[] = [];
  const ml = sel.matchLabels ?? {};
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${ml[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = String(e.operator ?? '').toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  const s = parts.join(',');
  return s === '' ? '<none>' : s;
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}
