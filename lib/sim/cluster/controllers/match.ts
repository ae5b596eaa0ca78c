// Label/taint/affinity/resource matching shared by the scheduler, DaemonSet controller and Services.
import type { Any } from '../gvr';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** v1.Toleration.ToleratesTaint */
export function tolerates(t: Any, taint: Taint): boolean {
  if (t?.effect && t.effect !== taint.effect) return false;
  if (t?.key && t.key !== taint.key) return false;
  const op = t?.operator || 'Equal';
  if (op === 'Exists') return true;
  return (t?.value ?? '') === (taint.value ?? '');
}

/** First taint with one of `effects` that no toleration tolerates (FindMatchingUntoleratedTaint). */
export function firstUntolerated(taints: Taint[] | undefined, tolerations: Any[] | undefined, effects = ['NoSchedule', 'NoExecute']): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!effects.includes(taint.effect)) continue;
    if (!(tolerations ?? []).some((t) => tolerates(t, taint))) return taint;
  }
  return undefined;
}

export function matchLabelSelector(sel: Any, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) if (!matchExpression(e, (k) => l[k])) return false;
  return true;
}

function matchExpression(e: Any, get: (k: string) => string | undefined): boolean {
  const v = get(e.key);
  const vals: string[] = e.values ?? [];
  switch (e.operator) {
    case 'In':
      return v !== undefined && vals.includes(v);
    case 'NotIn':
      return v === undefined || !vals.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
      return v !== undefined && Number(v) > Number(vals[0]);
    case 'Lt':
      return v !== undefined && Number(v) < Number(vals[0]);
    default:
      return false;
  }
}

/** nodeSelector + requiredDuringSchedulingIgnoredDuringExecution. */
export function matchesNodeAffinity(pod: Any, node: Any): boolean {
  const labels: Record<string, string> = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms: Any[] | undefined = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => {
    const exprs: Any[] = t.matchExpressions ?? [];
    const fields: Any[] = t.matchFields ?? [];
    if (!exprs.length && !fields.length) return false;
    return exprs.every((e) => matchExpression(e, (k) => labels[k])) && fields.every((e) => matchExpression(e, (k) => (k === 'metadata.name' ? node.metadata.name : undefined)));
  });
}

/** Quantity → number (cpu in millicores when `cpu`, bytes otherwise). */
export function quantity(q: unknown, cpu: boolean): number {
  if (q === undefined || q === null) return 0;
  const s = String(q).trim();
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = m[2];
  const bin: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };
  const dec: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, m: 1e-3, '': 1 };
  const mult = bin[unit] ?? dec[unit] ?? 1;
  return cpu ? n * mult * 1000 : n * mult;
}

// Controllers see the store's own (unchanging) objects, so a pod's requests are computed once per
// version of it: the scheduler sums them for every node on every attempt.
const requestsMemo = new WeakMap<object, { cpu: number; memory: number }>();

export function podRequests(pod: Any): { cpu: number; memory: number } {
  if (pod && typeof pod === 'object') {
    const hit = requestsMemo.get(pod);
    if (hit) return hit;
    const r = computeRequests(pod);
    requestsMemo.set(pod, r);
    return r;
  }
  return computeRequests(pod);
}

function computeRequests(pod: Any): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = c?.resources?.requests ?? c?.resources?.limits ?? {};
    cpu += quantity(r.cpu ?? c?.resources?.limits?.cpu, true);
    memory += quantity(r.memory ?? c?.resources?.limits?.memory, false);
  }
  return { cpu, memory };
}

export const isTerminal = (pod: Any) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
export const isStatic = (pod: Any) => !!pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
export const isHostNetwork = (pod: Any) => pod.spec?.hostNetwork === true;
