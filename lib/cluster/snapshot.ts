// Pure functions from raw API objects (as a watch delivers them) to the compact views of
// ClusterSnapshot. No Node-only imports: unit-tested on the simulator's real objects.
import { podCells } from '@/lib/sim/api/printers/pods';
import type { ClusterSnapshot, ConditionView, ContainerView, EventView, NamespaceView, NodeView, PodView } from './types';

// Raw Kubernetes JSON; the watcher hands over objects exactly as the API serialised them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = any;

export const MAX_EVENTS = 200;
const MAX_MESSAGE = 2000;

const cut = (s: unknown, n = MAX_MESSAGE): string | undefined => (typeof s === 'string' ? (s.length > n ? `${s.slice(0, n)}…` : s) : undefined);

/** Roles the way `kubectl get nodes` derives them (node-role.kubernetes.io/<role>, kubernetes.io/role). */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

function conditionView(c: Raw): ConditionView {
  return { type: String(c?.type ?? ''), status: String(c?.status ?? 'Unknown'), reason: c?.reason || undefined, message: cut(c?.message), lastTransitionTime: c?.lastTransitionTime || undefined };
}

/** Which CNI a pod's main container image belongs to (the agent that writes the node's conflist). */
export function cniPluginOfImage(image: string): string | undefined {
  // Repository path without registry tag or digest, so cilium-envoy or flannel-cni-plugin never match.
  const repo = image.split('@')[0].replace(/:[^/:]+$/, '');
  if (/(^|\/)kindnetd$/.test(repo)) return 'kindnet';
  if (/(^|\/)calico\/node$/.test(repo)) return 'calico';
  if (/(^|\/)cilium\/cilium$/.test(repo)) return 'cilium';
  if (/(^|\/)flannel$/.test(repo)) return 'flannel';
  return undefined;
}

export function cniPluginOfPod(pod: Raw): string | undefined {
  for (const c of pod?.spec?.containers ?? []) {
    const p = cniPluginOfImage(String(c?.image ?? ''));
    if (p) return p;
  }
  return undefined;
}

const NO_CNI = /cni plugin not initialized|NetworkPluginNotReady|cni config uninitialized|No CNI configuration file/i;

function podRunningReady(pod: Raw): boolean {
  if (pod?.status?.phase !== 'Running' || pod?.metadata?.deletionTimestamp) return false;
  return (pod.status.conditions ?? []).some((c: Raw) => c?.type === 'Ready' && c?.status === 'True');
}

/** CNI state of one node from its Ready condition and the CNI agent pods bound to it. */
export function nodeCni(ready: ConditionView | undefined, agents: Raw[]): NodeView['cni'] {
  const agent = agents.find(podRunningReady) ?? agents[0];
  const plugin = agent ? cniPluginOfPod(agent) : undefined;
  if (ready?.status === 'True') return plugin ? { state: 'ready', plugin } : { state: 'ready' };
  if (agent) return { state: podRunningReady(agent) ? 'agent-running' : 'agent-starting', plugin };
  if (ready && NO_CNI.test(ready.message ?? '')) return { state: 'missing' };
  return { state: 'unknown' };
}

export function nodeView(n: Raw, agentPods: Raw[] = []): NodeView {
  const conditions: ConditionView[] = (n?.status?.conditions ?? []).map(conditionView);
  const ready = conditions.find((c) => c.type === 'Ready');
  const info = n?.status?.nodeInfo ?? {};
  return {
    name: String(n?.metadata?.name ?? ''),
    uid: String(n?.metadata?.uid ?? ''),
    ready: ready?.status === 'True' ? 'True' : ready?.status === 'False' ? 'False' : 'Unknown',
    readyReason: ready?.reason,
    readyMessage: ready?.message,
    conditions,
    taints: (n?.spec?.taints ?? []).map((t: Raw) => ({ key: String(t.key), ...(t.value ? { value: String(t.value) } : {}), effect: String(t.effect) })),
    roles: nodeRoles(n?.metadata?.labels),
    internalIP: (n?.status?.addresses ?? []).find((a: Raw) => a?.type === 'InternalIP')?.address,
    podCIDR: n?.spec?.podCIDR || undefined,
    kubeletVersion: info.kubeletVersion || undefined,
    containerRuntime: info.containerRuntimeVersion || undefined,
    unschedulable: Boolean(n?.spec?.unschedulable),
    cni: nodeCni(ready, agentPods),
  };
}

function containerView(spec: Raw, statuses: Raw[]): ContainerView {
  const s = statuses.find((x) => x?.name === spec?.name);
  const st = s?.state ?? {};
  const state: ContainerView['state'] = st.running ? 'running' : st.waiting ? 'waiting' : st.terminated ? 'terminated' : 'unknown';
  const detail = st.waiting ?? st.terminated;
  return {
    name: String(spec?.name ?? ''),
    image: String(spec?.image ?? ''),
    ready: Boolean(s?.ready),
    restartCount: Number(s?.restartCount ?? 0),
    state,
    reason: detail?.reason || undefined,
    message: cut(detail?.message, 500),
  };
}

/** A static pod's API object is the kubelet's mirror: annotated, and owned by the Node. */
export function isStaticPod(p: Raw): boolean {
  if (p?.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return true;
  return (p?.metadata?.ownerReferences ?? []).some((o: Raw) => o?.kind === 'Node');
}

export function podView(p: Raw, now: Date): PodView {
  const owner = (p?.metadata?.ownerReferences ?? []).find((o: Raw) => o?.controller) ?? p?.metadata?.ownerReferences?.[0];
  const sched = (p?.status?.conditions ?? []).find((c: Raw) => c?.type === 'PodScheduled');
  const statuses: Raw[] = p?.status?.containerStatuses ?? [];
  return {
    namespace: String(p?.metadata?.namespace ?? ''),
    name: String(p?.metadata?.name ?? ''),
    uid: String(p?.metadata?.uid ?? ''),
    phase: String(p?.status?.phase ?? 'Pending'),
    status: String(podCells(p, now)[2] ?? ''),
    nodeName: p?.spec?.nodeName || undefined,
    podIP: p?.status?.podIP || undefined,
    hostNetwork: Boolean(p?.spec?.hostNetwork),
    static: isStaticPod(p),
    ownerKind: owner?.kind,
    ownerName: owner?.name,
    labels: { ...(p?.metadata?.labels ?? {}) },
    tolerations: (p?.spec?.tolerations ?? []).map((t: Raw) => {
      const v: PodView['tolerations'][number] = {};
      if (t.key) v.key = t.key;
      if (t.operator) v.operator = t.operator;
      if (t.value) v.value = t.value;
      if (t.effect) v.effect = t.effect;
      if (typeof t.tolerationSeconds === 'number') v.tolerationSeconds = t.tolerationSeconds;
      return v;
    }),
    scheduled: sched ? conditionView(sched) : undefined,
    containers: (p?.spec?.containers ?? []).map((c: Raw) => containerView(c, statuses)),
    deleting: Boolean(p?.metadata?.deletionTimestamp),
    createdAt: p?.metadata?.creationTimestamp || undefined,
  };
}

/**
 * The event's source as the lab shows it: `kubelet, test-worker` from source.component + host, else
 * the reporting controller alone (core/v1 serialises it as reportingComponent), e.g. default-scheduler.
 */
export function eventSource(e: Raw): string {
  const component = e?.source?.component;
  if (component) return e.source.host ? `${component}, ${e.source.host}` : String(component);
  return String(e?.reportingComponent || e?.reportingController || '');
}

/** When an event last happened, across core/v1 (lastTimestamp) and events.k8s.io-style fields. */
export function eventTime(e: Raw): string | undefined {
  return e?.series?.lastObservedTime || e?.lastTimestamp || e?.eventTime || e?.firstTimestamp || e?.metadata?.creationTimestamp || undefined;
}

export function eventView(e: Raw): EventView {
  const io = e?.involvedObject ?? {};
  return {
    namespace: String(e?.metadata?.namespace ?? ''),
    name: String(e?.metadata?.name ?? ''),
    uid: String(e?.metadata?.uid ?? ''),
    type: String(e?.type ?? 'Normal'),
    reason: String(e?.reason ?? ''),
    message: cut(e?.message) ?? '',
    involved: { kind: String(io.kind ?? ''), name: String(io.name ?? ''), ...(io.namespace ? { namespace: io.namespace } : {}), ...(io.uid ? { uid: io.uid } : {}) },
    source: eventSource(e),
    count: Number(e?.series?.count ?? e?.count ?? 1) || 1,
    firstTime: e?.firstTimestamp || e?.eventTime || undefined,
    lastTime: eventTime(e),
  };
}

/** Newest first; ties keep a stable order by name so snapshots do not flicker. */
export function newestEvents(events: Raw[], max = MAX_EVENTS): EventView[] {
  const t = (e: Raw) => Date.parse(eventTime(e) ?? '') || 0;
  return [...events]
    .sort((a, b) => t(b) - t(a) || String(b?.metadata?.name).localeCompare(String(a?.metadata?.name)))
    .slice(0, max)
    .map(eventView);
}

export interface RawState {
  nodes: Raw[];
  pods: Raw[];
  events: Raw[];
  namespaces: Raw[];
}

export interface SnapshotMeta {
  mode: 'live' | 'sim';
  context?: string;
  serverVersion?: string;
  revision: number;
  now?: Date;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export function buildSnapshot(raw: RawState, meta: SnapshotMeta): ClusterSnapshot {
  const now = meta.now ?? new Date();
  const agents = new Map<string, Raw[]>();
  for (const p of raw.pods) {
    const node = p?.spec?.nodeName;
    if (node && cniPluginOfPod(p)) agents.set(node, [...(agents.get(node) ?? []), p]);
  }
  return {
    reachable: true,
    mode: meta.mode,
    ...(meta.context ? { context: meta.context } : {}),
    ...(meta.serverVersion ? { serverVersion: meta.serverVersion } : {}),
    nodes: raw.nodes.map((n) => nodeView(n, agents.get(n?.metadata?.name) ?? [])).sort(byName),
    pods: raw.pods.map((p) => podView(p, now)).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)),
    events: newestEvents(raw.events),
    namespaces: raw.namespaces.map((n): NamespaceView => ({ name: String(n?.metadata?.name ?? ''), phase: String(n?.status?.phase ?? 'Active') })).sort(byName),
    revision: meta.revision,
    at: now.getTime(),
  };
}

export type UnreachableCode = NonNullable<ClusterSnapshot['errorCode']>;

export function unreachableSnapshot(mode: 'live' | 'sim', code: UnreachableCode, error: string, revision: number, context?: string): ClusterSnapshot {
  return { reachable: false, error, errorCode: code, mode, ...(context ? { context } : {}), nodes: [], pods: [], events: [], namespaces: [], revision, at: Date.now() };
}
