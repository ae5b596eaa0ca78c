// kube-scheduler: filters in the default profile's order, FitError texts per version, binding and events.
import type { StoreEvent } from '@/lib/sim/store/types';
import { R, type Any } from '../gvr';
import { refOf } from '../events';
import { fitError, insufficient, REASON_NODE_SELECTOR, REASON_TOO_MANY_PODS, REASON_UNSCHEDULABLE, taintReason, type NodeVerdict } from '../messages';
import type { ClusterRuntime, Controller } from '../runtime';
import { firstUntolerated, isTerminal, matchesNodeAffinity, podRequests, quantity, tolerates, type Taint } from './match';

const rfc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The scheduler cache's view of a node for one pass (kube-scheduler's NodeInfo): its pods and what they request. */
interface NodeInfo {
  node: Any;
  name: string;
  pods: Any[];
  maxPods: number;
  cpu: number;
  memory: number;
  usedCpu: number;
  usedMemory: number;
}

function nodeInfo(node: Any, pods: Any[]): NodeInfo {
  const alloc = node.status?.allocatable ?? {};
  const info: NodeInfo = { node, name: node.metadata.name, pods: [], maxPods: quantity(alloc.pods ?? '110', false), cpu: quantity(alloc.cpu, true), memory: quantity(alloc.memory, false), usedCpu: 0, usedMemory: 0 };
  for (const p of pods) addPod(info, p);
  return info;
}

function addPod(info: NodeInfo, pod: Any) {
  const r = podRequests(pod);
  info.pods.push(pod);
  info.usedCpu += r.cpu;
  info.usedMemory += r.memory;
}

// Why a pod cannot go to a node (NodeUnschedulable, TaintToleration, NodeAffinity, then NodeResourcesFit),
// in two parts: placementVerdict depends only on the node and the pod's placement fields (see
// placementKey), resourceVerdict on what the node already runs.
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

const TOO_MANY_PODS: NodeVerdict = { reason: REASON_TOO_MANY_PODS, unresolvable: false };

function resourceVerdict(pod: Any, info: NodeInfo): NodeVerdict | undefined {
  if (info.pods.length + 1 > info.maxPods) return TOO_MANY_PODS;
  const want = podRequests(pod);
  if (want.cpu && info.usedCpu + want.cpu > info.cpu) return { reason: insufficient('cpu'), unresolvable: false };
  if (want.memory && info.usedMemory + want.memory > info.memory) return { reason: insufficient('memory'), unresolvable: false };
  return undefined;
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
    const infos = nodes.map((n) => nodeInfo(n, byNode.get(n.metadata.name) ?? []));
    // Nodes do not change during a pass: each node's placement verdict is worked out once per pod template.
    const placements = new Map<string, Array<NodeVerdict | null | undefined>>();
    for (const pod of pods) {
      if (pod.spec?.nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)) continue;
      if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') continue;
      if ((pod.spec?.schedulingGates ?? []).length) continue;
      if (this.attempted.get(pod.metadata.uid)?.sig === sig) continue;
      this.schedule(pod, infos, sig, placements);
    }
  }

  private schedule(pod: Any, nodes: NodeInfo[], sig: string, placements: Map<string, Array<NodeVerdict | null | undefined>>) {
    const { store, version, name: cluster } = this.rt;
    const feasible: NodeInfo[] = [];
    const verdicts: NodeVerdict[] = [];
    const key = placementKey(pod);
    let placed = placements.get(key);
    if (!placed) placements.set(key, (placed = new Array(nodes.length)));
    // Like kube-scheduler, stop once enough feasible nodes are found, and start the next pod's search
    // where this one stopped; a pod that fits nowhere has looked at every node (the FitError counts all).
    const enough = feasibleNodesToFind(nodes.length);
    const start = this.nextStart % Math.max(1, nodes.length);
    let looked = 0;
    for (; looked < nodes.length && feasible.length < enough; looked++) {
      const i = (start + looked) % nodes.length;
      let pv = placed[i]; // undefined: not worked out yet; null: fits
      if (pv === undefined) pv = placed[i] = placementVerdict(this.rt, pod, nodes[i].node) ?? null;
      const v = pv ?? resourceVerdict(pod, nodes[i]);
      if (v) verdicts.push(v);
      else feasible.push(nodes[i]);
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
    let best = Infinity;
    for (const n of feasible) best = Math.min(best, n.pods.length);
    const choices = feasible.filter((n) => n.pods.length === best);
    const node = choices[Math.floor(Math.random() * choices.length)];
    const bound = store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p: Any) => {
      if (p.spec.nodeName) return;
      p.spec.nodeName = node.name;
      const st = (p.status ??= {});
      const conds: Any[] = (st.conditions ?? []).filter((x: Any) => x.type !== 'PodScheduled');
      conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc(now) });
      st.conditions = conds;
    });
    if (!bound) return;
    addPod(node, bound);
    this.rt.events.modern(refOf(bound), 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.name}`, {
      ...reporter,
      action: 'Binding',
    });
  }
}
