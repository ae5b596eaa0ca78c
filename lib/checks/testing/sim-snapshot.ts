// Test fixtures: a ClusterSnapshot built from the objects of an in-process simulated cluster, the
// way the watcher sees them through the API (raw Node/Pod/Event/Namespace JSON). STATUS comes from
// the simulator's own kubectl pod printer, so "ContainerCreating" etc. match what kubectl shows.
import { podCells } from '@/lib/sim/api/printers/pods';
import { eventSource } from '@/lib/sim/api/printers/events';
import { R, type Any } from '@/lib/sim/cluster/gvr';
import type { SimCluster } from '@/lib/sim/cluster/cluster';
import type { ClusterSnapshot, NodeView, PodView } from '@/lib/cluster/types';

function nodeView(n: Any): NodeView {
  const conds: Any[] = n.status?.conditions ?? [];
  const ready = conds.find((c) => c.type === 'Ready');
  const labels: Record<string, string> = n.metadata.labels ?? {};
  return {
    name: n.metadata.name,
    uid: n.metadata.uid,
    ready: ready?.status === 'True' ? 'True' : ready?.status === 'False' ? 'False' : 'Unknown',
    readyReason: ready?.reason,
    readyMessage: ready?.message,
    conditions: conds.map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    taints: (n.spec?.taints ?? []).map((t: Any) => ({ key: t.key, value: t.value, effect: t.effect })),
    roles: Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)),
    internalIP: (n.status?.addresses ?? []).find((a: Any) => a.type === 'InternalIP')?.address,
    podCIDR: n.spec?.podCIDR,
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion,
    unschedulable: Boolean(n.spec?.unschedulable),
    cni: { state: 'unknown' },
  };
}

function podView(p: Any, now: Date): PodView {
  const sched = (p.status?.conditions ?? []).find((c: Any) => c.type === 'PodScheduled');
  return {
    namespace: p.metadata.namespace,
    name: p.metadata.name,
    uid: p.metadata.uid,
    phase: p.status?.phase ?? 'Pending',
    status: String(podCells(p, now)[2]),
    nodeName: p.spec?.nodeName,
    podIP: p.status?.podIP,
    hostNetwork: Boolean(p.spec?.hostNetwork),
    static: p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined,
    labels: p.metadata.labels ?? {},
    tolerations: p.spec?.tolerations ?? [],
    scheduled: sched ? { type: sched.type, status: sched.status, reason: sched.reason, message: sched.message } : undefined,
    containers: [],
    deleting: Boolean(p.metadata.deletionTimestamp),
  };
}

export function snapshotOf(c: SimCluster, context = `kind-${c.name}`): ClusterSnapshot {
  const now = new Date();
  const list = (gvr: Any) => c.store.list(gvr, undefined).items as Any[];
  return {
    reachable: true,
    mode: 'sim',
    context,
    serverVersion: c.version.gitVersion,
    nodes: list(R.nodes).map(nodeView),
    pods: list(R.pods).map((p) => podView(p, now)),
    events: list(R.events).map((e) => ({
      namespace: e.metadata.namespace,
      name: e.metadata.name,
      uid: e.metadata.uid,
      type: e.type,
      reason: e.reason,
      message: e.message ?? '',
      involved: { kind: e.involvedObject?.kind, name: e.involvedObject?.name, namespace: e.involvedObject?.namespace },
      source: eventSource(e),
      count: e.count ?? e.series?.count ?? 1,
    })),
    namespaces: list(R.namespaces).map((n) => ({ name: n.metadata.name, phase: n.status?.phase ?? 'Active' })),
    revision: 1,
    at: now.getTime(),
  };
}

/** What the watcher reports when no cluster answers (before create, after delete). */
export function unreachable(error = 'no cluster'): ClusterSnapshot {
  return { reachable: false, error, mode: 'sim', nodes: [], pods: [], events: [], namespaces: [], revision: 0, at: 0 };
}
