// Why a pod is not on a node: the scheduler's TaintToleration filter, evaluated per pod × node.
// Like the scheduler, it reports the FIRST NoSchedule/NoExecute taint the pod does not tolerate.
// Pure (browser and server); only taints and cordons are modelled, not resources or affinity.
import type { NodeView, PodView, TaintView } from './types';

type Toleration = PodView['tolerations'][number];

export interface NodeVerdict {
  node: string;
  /** True when neither a taint nor a cordon keeps the pod off this node. */
  fits: boolean;
  /** The first taint the pod does not tolerate. */
  taint?: TaintView;
  /** The node is cordoned (spec.unschedulable). */
  unschedulable?: boolean;
}

export type SchedulingExplanation =
  | { kind: 'static' }
  | { kind: 'scheduled'; node: string }
  | { kind: 'pending'; perNode: NodeVerdict[] };

/** `key=value:effect`, or `key:effect` without a value, as kubectl describe prints taints. */
export function taintString(t: TaintView): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** The Kubernetes toleration rule (v1 helper ToleratesTaint). */
export function tolerates(tol: Toleration, taint: TaintView): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  // An empty key only matches every key together with Exists.
  if (!tol.key && tol.operator !== 'Exists') return false;
  if (tol.operator === 'Exists') return true;
  return (tol.value ?? '') === (taint.value ?? '');
}

export function firstUntoleratedTaint(pod: Pick<PodView, 'tolerations'>, node: Pick<NodeView, 'taints'>): TaintView | undefined {
  return node.taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !pod.tolerations.some((tol) => tolerates(tol, t)));
}

/** Cordoned nodes carry node.kubernetes.io/unschedulable:NoSchedule; a pod may tolerate it. */
function cordonBlocks(pod: Pick<PodView, 'tolerations'>, node: NodeView): boolean {
  if (!node.unschedulable) return false;
  const t: TaintView = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
  return !pod.tolerations.some((tol) => tolerates(tol, t));
}

export function explainScheduling(pod: PodView, nodes: NodeView[]): SchedulingExplanation {
  // The kubelet runs static pods from its manifest directory; the scheduler never sees them.
  if (pod.static) return { kind: 'static' };
  if (pod.nodeName) return { kind: 'scheduled', node: pod.nodeName };
  return {
    kind: 'pending',
    perNode: nodes.map((n) => {
      const taint = firstUntoleratedTaint(pod, n);
      const unschedulable = cordonBlocks(pod, n);
      return { node: n.name, fits: !taint && !unschedulable, ...(taint ? { taint } : {}), ...(unschedulable ? { unschedulable } : {}) };
    }),
  };
}
