// kube-scheduler: filters in the default profile's order, FitError texts per version, binding and events.
import type { StoreEvent } from '@/lib/sim/store/types';
import { R, type Any } from '../gvr';
import { refOf } from '../events';
import { fitError, insufficient, REASON_NODE_SELECTOR, REASON_TOO_MANY_PODS, REASON_UNSCHEDULABLE, taintReason, type NodeVerdict } from '../messages';
import type { ClusterRuntime, Controller } from '../runtime';
import { firstUntolerated, isTerminal, matchesNodeAffinity, podRequests, quantity, tolerates, type Taint } from './match';

const rfc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Why `pod` cannot go to `node`, or undefined if it fits (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit). */
export function filterNode(rt: Pick<ClusterRuntime, 'version'>, pod: Any, node: Any, podsOnNode: Any[]): NodeVerdict | undefined {
  return placementVerdict(rt, pod, node) ?? resourceVerdict(pod, node, podsOnNode);
}

/** The filters that depend only on the node and the pod's placement fields (see placementKey). */
function placementVerdict(rt: Pick<ClusterRuntime, 'version'>, pod: Any, node: Any): NodeVerdict | undefined {
  if (node.spec?.unschedulable && !(pod.spec?.tolerations ?? []).some((t: Any) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })))
    return { reason: REASON_UNSCHEDULABLE, unresolvable: true };
  const taint: Taint | undefined = firstUntolerated(node.spec?.taints, pod.spec?.tolerations);
  if (taint) return { reason: taintReason(rt.version, taint.key, taint.value ?? ''), unresolvable: true };
  if (!matchesNodeAffinity(pod, node)) return { reason: REASON_NODE_SELECTOR, unresolvable: true };
  return undefined;
}

/** What placementVerdict reads from a pod: pods of one template share their verdict per node. */
const placementKey = (pod: Any) => JSON.stringify([pod.spec?.tolerations, pod.spec?.nodeSelector, pod.spec?.affinity?.nodeAffinity]);

function resourceVerdict(pod: Any, node: Any, podsOnNode: Any[]): NodeVerdict | undefined {
  const alloc = node.status?.allocatable ?? {};
  if (podsOnNode.length + 1 > quantity(alloc.pods ?? '110', false)) return { reason: REASON_TOO_MANY_PODS, unresolvable: false };
  const want = podRequests(pod);
  const { cpu, mem } = usedOn(podsOnNode);
  if (want.cpu && cpu + want.cpu > quantity(alloc.cpu, true)) return { reason: insufficient('cpu'), unresolvable: false };
  if (want.memory && mem + want.memory > quantity(alloc.memory, false)) return { reason: insufficient('memory'), unresolvable: false };
  return undefined;
}

// Sum of requests per node list; the list object is rebuilt every reconcile, so this lives as long
// as one scheduling pass and is recomputed when a bind appends to it (length changes).
const usedMemo = new WeakMap<Any[], { n: number; cpu: number; mem: number }>();
function usedOn(podsOnNode: Any[]): { cpu: number; mem: number } {
  const hit = usedMemo.get(podsOnNode);
  if (hit && hit.n === podsOnNode.length) return hit;
  let cpu = 0;
  let mem = 0;
  for (const p of podsOnNode) {
    const r = podRequests(p);
    cpu += r.cpu;
    mem += r.memory;
  }
  const v = { n: podsOnNode.length, cpu, mem };
  usedMemo.set(podsOnNode, v);
  return v;
}

/**
 * kube-scheduler's numFeasibleNodesToFind with the default percentageOfNodesToScore (adaptive): all
 * nodes below 100, else 50% minus 1% per 125 nodes, at least 5% and at least 100 nodes.
 */
export function feasibleNodesToFind(all: number): number {
  if (all < 100) return all;
  const pct = Math.max(5, 50 - Math.trunc(all / 125));
  return Math.max(100, Math.trunc((all * pct) / 100));
}

function nodeSignature(nodes: Any[]): string {
  return JSON.stringify(
    nodes.map((n) => [n.metadata.name, n.metadata.labels, n.spec?.taints, n.spec?.unschedulable, n.status?.allocatable, (n.status?.conditions ?? []).map((c: Any) => `${c.type}=${c.status}`)]),
  );
}

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  readonly watches = [R.pods, R.nodes];
  /** pod uid → node signature at the last failed attempt, and whether resources were part of the failure */
  private attempted = new Map<string, { sig: string; resources: boolean }>();
  private flushTimer?: { cancel(): void };
  /** Where the next pod's node search starts (kube-scheduler's nextStartNodeIndex). */
  private nextStart = 0;

  constructor(private readonly rt: ClusterRuntime) {}

  start() {
    // Unschedulable pods are retried periodically even without cluster changes (flushUnschedulablePodsLeftover):
    // 60 s up to 1.21, then 5 min (podMaxInUnschedulablePodsDuration).
    const every = this.rt.version.minor <= 21 ? 60_000 : 300_000;
    this.flushTimer = this.rt.clock.every(every, () => {
      this.attempted.clear();
      this.reconcile();
    });
  }

  stop() {
    this.flushTimer?.cancel();
  }

  onEvent(ev: StoreEvent) {
    if (ev.type !== 'DELETED' || ev.gvr.resource !== 'pods') return;
    this.attempted.delete(ev.object.metadata.uid!);
    if (!(ev.object as Any).spec?.nodeName) return;
    // An assigned pod went away: up to ~1.27 every unschedulable pod was moved back to the active
    // queue (AssignedPodDelete); later queueing hints only requeue pods that failed on resources.
    for (const [uid, a] of this.attempted) if (this.rt.version.minor <= 27 || a.resources) this.attempted.delete(uid);
  }

  reconcile() {
    const { store } = this.rt;
    const nodes = store.list(R.nodes, undefined).items as Any[];
    const pods = store.list(R.pods, undefined).items as Any[];
    const sig = nodeSignature(nodes);
    const byNode = new Map<string, Any[]>();
    for (const p of pods) {
      if (!p.spec?.nodeName || isTerminal(p)) continue;
      const l = byNode.get(p.spec.nodeName) ?? [];
      l.push(p);
      byNode.set(p.spec.nodeName, l);
    }
    // Nodes do not change during a pass: each node's placement verdict is worked out once per pod template.
    const placements = new Map<string, Map<string, NodeVerdict | undefined>>();
    for (const pod of pods) {
      if (pod.spec?.nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)) continue;
      if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') continue;
      if ((pod.spec?.schedulingGates ?? []).length) continue;
      if (this.attempted.get(pod.metadata.uid)?.sig === sig) continue;
      this.schedule(pod, nodes, byNode, sig, placements);
    }
  }

  private schedule(pod: Any, nodes: Any[], byNode: Map<string, Any[]>, sig: string, placements: Map<string, Map<string, NodeVerdict | undefined>>) {
    const { store, version, name: cluster } = this.rt;
    const feasible: Any[] = [];
    const verdicts: NodeVerdict[] = [];
    const key = placementKey(pod);
    let placed = placements.get(key);
    if (!placed) placements.set(key, (placed = new Map()));
    // Like kube-scheduler, stop once enough feasible nodes are found, and start the next pod's search
    // where this one stopped; a pod that fits nowhere has looked at every node (the FitError counts all).
    const enough = feasibleNodesToFind(nodes.length);
    const start = this.nextStart % Math.max(1, nodes.length);
    let looked = 0;
    for (; looked < nodes.length && feasible.length < enough; looked++) {
      const n = nodes[(start + looked) % nodes.length];
      const name = n.metadata.name;
      let pv = placed.get(name);
      if (pv === undefined && !placed.has(name)) placed.set(name, (pv = placementVerdict(this.rt, pod, n)));
      const v = pv ?? resourceVerdict(pod, n, byNode.get(name) ?? []);
      if (v) verdicts.push(v);
      else feasible.push(n);
    }
    this.nextStart = (start + looked) % Math.max(1, nodes.length);
    const now = this.rt.clock.now();
    const reporter = { controller: 'default-scheduler', instance: `default-scheduler-${cluster}-control-plane` };
    if (!feasible.length) {
      this.attempted.set(pod.metadata.uid, { sig, resources: verdicts.some((x) => !x.unresolvable) });
      const msg = nodes.length ? fitError(version, nodes.length, verdicts, { preemptionNever: pod.spec?.preemptionPolicy === 'Never' }) : 'no nodes available to schedule pods';
      store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p: Any) => {
        const st = (p.status ??= {});
        const conds: Any[] = (st.conditions ??= []);
        const c = conds.find((x) => x.type === 'PodScheduled');
        if (c && c.status === 'False' && c.message === msg) return;
        const next = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: c?.status === 'False' ? c.lastTransitionTime : rfc(now), reason: 'Unschedulable', message: msg };
        if (c) Object.assign(c, next);
        else conds.push(next);
      });
      this.rt.events.modern(refOf(pod), 'Warning', 'FailedScheduling', msg, { ...reporter, action: 'Scheduling' });
      return;
    }
    this.attempted.delete(pod.metadata.uid);
    // Spread: fewest pods first, random among equals (stands in for the scoring plugins).
    const load = (n: Any) => (byNode.get(n.metadata.name) ?? []).length;
    const best = Math.min(...feasible.map(load));
    const choices = feasible.filter((n) => load(n) === best);
    const node = choices[Math.floor(Math.random() * choices.length)];
    const bound = store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p: Any) => {
      if (p.spec.nodeName) return;
      p.spec.nodeName = node.metadata.name;
      const st = (p.status ??= {});
      const conds: Any[] = (st.conditions ?? []).filter((x: Any) => x.type !== 'PodScheduled');
      conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc(now) });
      st.conditions = conds;
    });
    if (!bound) return;
    const l = byNode.get(node.metadata.name) ?? [];
    l.push(bound);
    byNode.set(node.metadata.name, l);
    this.rt.events.modern(refOf(bound), 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.metadata.name}`, {
      ...reporter,
      action: 'Binding',
    });
  }
}
