// Evaluates a check's `expect` against a ClusterSnapshot. Pure. A failure lists every mismatch as
// subject / field / expected / seen, so the learner sees exactly which node or pod differs and how.
import type { ClusterSnapshot, EventView, NodeView, PodView, TaintView } from '@/lib/cluster/types';
import {
  parseSelector,
  parseTaint,
  type CheckExpect,
  type EventMatch,
  type EventsExpect,
  type NodeExpect,
  type NodesExpect,
  type PodExpect,
  type PodsExpect,
  type TaintSpec,
} from './schema';

export interface CheckDetail {
  /** What differs, e.g. `node test-worker`, `pods kube-system k8s-app=kube-dns`. */
  subject: string;
  /** Which field, e.g. `Ready`, `count with phase Running`. */
  field: string;
  expected: string;
  seen: string;
}

export interface CheckResult {
  /** 'unknown': the cluster does not answer, so nothing can be said. */
  status: 'pass' | 'fail' | 'unknown';
  details: CheckDetail[];
}

type Out = CheckDetail[];
const d = (subject: string, field: string, expected: string, seen: string): CheckDetail => ({ subject, field, expected, seen });

/** Lists longer than this are cut with "… and N more" so a detail line stays readable. */
const MAX_LIST = 6;
export function listText(items: readonly string[], empty = 'none'): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, MAX_LIST).join(', ');
  return items.length > MAX_LIST ? `${shown}, … and ${items.length - MAX_LIST} more` : shown;
}

/** Evaluates one check (`{ expect }` as a lesson declares it; holdSeconds is lib/checks/hold's business). */
export function evaluateCheck(check: { expect: CheckExpect }, snap: ClusterSnapshot | null | undefined): CheckResult {
  return evaluateExpect(check.expect, snap);
}

export function evaluateExpect(expect: CheckExpect, snap: ClusterSnapshot | null | undefined): CheckResult {
  if (!snap) return { status: 'unknown', details: [d('cluster', 'connection', 'a snapshot', 'nothing received yet')] };
  const out: Out = [];
  // A check about the cluster's existence is decided even when no cluster answers.
  if (expect.cluster) clusterCheck(expect.cluster, snap, out);
  const needsCluster = Object.entries(expect).some(([k, v]) => v !== undefined && k !== 'cluster');
  if (needsCluster && !snap.reachable) {
    return { status: 'unknown', details: [...out, d('cluster', 'reachable', 'yes', snap.error ? `no (${snap.error})` : 'no')] };
  }
  if (expect.context !== undefined && snap.context !== expect.context) out.push(d('kubeconfig', 'current context', expect.context, snap.context ?? 'none'));
  if (expect.nodes) nodesCheck(expect.nodes, snap.nodes, out);
  if (expect.node) nodeCheck(expect.node, snap.nodes, out);
  if (expect.pod) podCheck(expect.pod, snap, out);
  if (expect.pods) podsCheck(expect.pods, snap.pods, out);
  if (expect.namespaces) namespacesCheck(expect.namespaces, snap, out);
  if (expect.events) eventsCheck(expect.events, snap.events, out);
  return { status: out.length === 0 ? 'pass' : 'fail', details: out };
}

function clusterCheck(c: NonNullable<CheckExpect['cluster']>, snap: ClusterSnapshot, out: Out) {
  const ctx = `kind-${c.name}`;
  const exists = snap.reachable && snap.context === ctx;
  if (exists === c.exists) return;
  const seen = !snap.reachable ? `no cluster answers${snap.error ? ` (${snap.error})` : ''}` : snap.context === ctx ? 'it answers' : `the lab sees context ${snap.context ?? 'none'}`;
  out.push(d(`cluster ${c.name}`, 'exists', c.exists ? 'yes' : 'no', seen));
}

// ---- nodes ---------------------------------------------------------------------------------------

const readyText = (n: NodeView) => `${n.ready}${n.readyReason ? ` (${n.readyReason})` : ''}`;

function taintMatches(spec: TaintSpec, t: TaintView): boolean {
  const alts = typeof spec === 'string' ? [spec] : spec.anyOf;
  return alts.some((a) => {
    const p = parseTaint(a);
    return p.key === t.key && p.effect === t.effect && (p.value === undefined || p.value === (t.value ?? ''));
  });
}
const specText = (spec: TaintSpec) => (typeof spec === 'string' ? spec : spec.anyOf.join(' or '));
export const taintText = (t: TaintView) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

function nodesCheck(e: NodesExpect, nodes: NodeView[], out: Out) {
  if (e.count !== undefined && nodes.length !== e.count)
    out.push(d('nodes', 'count', String(e.count), `${nodes.length}${nodes.length ? ` (${listText(nodes.map((n) => n.name))})` : ''}`));
  for (const n of nodes) {
    const s = `node ${n.name}`;
    if (e.allReady && n.ready !== 'True') out.push(d(s, 'Ready', 'True', readyText(n)));
    if (e.noneReady && n.ready === 'True') out.push(d(s, 'Ready', 'False', readyText(n)));
    if (e.readyReason !== undefined && n.readyReason !== e.readyReason) out.push(d(s, 'Ready reason', e.readyReason, n.readyReason ?? 'none'));
    if (e.readyMessageIncludes !== undefined && !(n.readyMessage ?? '').includes(e.readyMessageIncludes))
      out.push(d(s, 'Ready message', `contains "${e.readyMessageIncludes}"`, n.readyMessage ? `"${n.readyMessage}"` : 'none'));
    if (e.taintOnAll && !n.taints.some((t) => taintMatches(e.taintOnAll!, t)))
      out.push(d(s, 'taints', `include ${specText(e.taintOnAll)}`, listText(n.taints.map(taintText))));
    if (e.taintOnNone && n.taints.some((t) => taintMatches(e.taintOnNone!, t)))
      out.push(d(s, 'taints', `without ${specText(e.taintOnNone)}`, listText(n.taints.map(taintText))));
  }
  // With no nodes at all, "every node is Ready" is not true, whatever count says.
  if (nodes.length === 0 && (e.allReady || e.readyReason || e.taintOnAll) && e.count === undefined) out.push(d('nodes', 'count', 'at least 1', '0'));
}

function nodeCheck(e: NodeExpect, nodes: NodeView[], out: Out) {
  const s = `node ${e.name}`;
  const n = nodes.find((x) => x.name === e.name);
  if (!n) {
    out.push(d(s, 'exists', 'yes', `no (nodes: ${listText(nodes.map((x) => x.name))})`));
    return;
  }
  if (e.ready !== undefined && (n.ready === 'True') !== e.ready) out.push(d(s, 'Ready', e.ready ? 'True' : 'False', readyText(n)));
  if (e.readyReason !== undefined && n.readyReason !== e.readyReason) out.push(d(s, 'Ready reason', e.readyReason, n.readyReason ?? 'none'));
  if (e.readyMessageIncludes !== undefined && !(n.readyMessage ?? '').includes(e.readyMessageIncludes))
    out.push(d(s, 'Ready message', `contains "${e.readyMessageIncludes}"`, n.readyMessage ? `"${n.readyMessage}"` : 'none'));
  const seenTaints = listText(n.taints.map(taintText));
  if (e.taints) {
    const missing = e.taints.filter((spec) => !n.taints.some((t) => taintMatches(spec, t)));
    const extra = n.taints.filter((t) => !e.taints!.some((spec) => taintMatches(spec, t)));
    if (missing.length || extra.length) out.push(d(s, 'taints', e.taints.length ? listText(e.taints.map(specText)) : 'none', seenTaints));
  }
  for (const spec of e.taintsInclude ?? []) if (!n.taints.some((t) => taintMatches(spec, t))) out.push(d(s, 'taints', `include ${specText(spec)}`, seenTaints));
  for (const spec of e.taintsAbsent ?? []) if (n.taints.some((t) => taintMatches(spec, t))) out.push(d(s, 'taints', `without ${specText(spec)}`, seenTaints));
  for (const [type, status] of Object.entries(e.conditions ?? {})) {
    const c = n.conditions.find((x) => x.type === type);
    if (c?.status !== status) out.push(d(s, `condition ${type}`, status, c ? `${c.status}${c.reason ? ` (${c.reason})` : ''}` : 'absent'));
  }
}

// ---- pods ----------------------------------------------------------------------------------------

function eventMatches(e: EventMatch | EventsExpect, ev: EventView): boolean {
  if (ev.reason !== e.reason) return false;
  if (e.type && ev.type !== e.type) return false;
  if (e.messageIncludes && !ev.message.includes(e.messageIncludes)) return false;
  if (e.messageMatches) {
    const alts = Array.isArray(e.messageMatches) ? e.messageMatches : [e.messageMatches];
    if (!alts.some((p) => new RegExp(p).test(ev.message))) return false;
  }
  return true;
}
function eventWant(e: EventMatch | EventsExpect): string {
  const parts = [`${e.type ? `${e.type} ` : ''}${e.reason}`];
  if (e.messageIncludes) parts.push(`message contains "${e.messageIncludes}"`);
  if (e.messageMatches) parts.push(`message matches /${(Array.isArray(e.messageMatches) ? e.messageMatches : [e.messageMatches]).join('/ or /')}/`);
  return parts.join(', ');
}
const eventSeen = (evs: EventView[]) => listText(evs.map((v) => `${v.type} ${v.reason}: "${v.message.length > 160 ? `${v.message.slice(0, 160)}…` : v.message}"`));

function podCheck(e: PodExpect, snap: ClusterSnapshot, out: Out) {
  const s = `pod ${e.namespace}/${e.name}`;
  const p = snap.pods.find((x) => x.namespace === e.namespace && x.name === e.name);
  if (e.exists === false) {
    if (p) out.push(d(s, 'exists', 'no', `yes (${p.status})`));
    return;
  }
  if (!p) {
    out.push(d(s, 'exists', 'yes', 'no'));
    return;
  }
  if (e.phase && p.phase !== e.phase) out.push(d(s, 'phase', e.phase, p.phase));
  if (e.status && p.status !== e.status) out.push(d(s, 'STATUS', e.status, p.status));
  if (e.scheduled !== undefined) {
    const sch = p.scheduled?.status === 'True';
    if (sch !== e.scheduled) out.push(d(s, 'PodScheduled', e.scheduled ? 'True' : 'False', p.scheduled ? `${p.scheduled.status}${p.scheduled.reason ? ` (${p.scheduled.reason})` : ''}` : 'absent'));
  }
  if (e.nodeAssigned !== undefined && Boolean(p.nodeName) !== e.nodeAssigned) out.push(d(s, 'node', e.nodeAssigned ? 'assigned' : 'none', p.nodeName ?? 'none'));
  if (e.hasIP !== undefined && Boolean(p.podIP) !== e.hasIP) out.push(d(s, 'pod IP', e.hasIP ? 'assigned' : 'none', p.podIP ?? 'none'));
  if (e.event) {
    const mine = snap.events.filter((v) => v.involved.kind === 'Pod' && v.involved.name === p.name && (v.namespace === p.namespace || v.involved.namespace === p.namespace));
    if (!mine.some((v) => eventMatches(e.event!, v))) {
      const sameReason = mine.filter((v) => v.reason === e.event!.reason);
      out.push(d(s, 'event', eventWant(e.event), sameReason.length ? eventSeen(sameReason) : mine.length ? `only ${listText([...new Set(mine.map((v) => v.reason))])}` : 'no events'));
    }
  }
}

export function selectPods(pods: PodView[], namespace: string, selector?: string): PodView[] {
  const sel = selector ? parseSelector(selector) : [];
  return pods.filter((p) => p.namespace === namespace && sel.every(([k, v]) => p.labels[k] === v));
}
const podStates = (ps: PodView[]) => listText(ps.map((p) => `${p.name} ${p.status === p.phase ? p.phase : `${p.phase}/${p.status}`}`), 'no pods');

function podsCheck(e: PodsExpect, pods: PodView[], out: Out) {
  const s = `pods ${e.namespace}${e.selector ? ` ${e.selector}` : ''}`;
  const sel = selectPods(pods, e.namespace, e.selector);
  const filters = [e.phase && `phase ${e.phase}`, e.status && `STATUS ${e.status}`].filter(Boolean).join(' and ');
  const ok = (p: PodView) => (!e.phase || p.phase === e.phase) && (!e.status || p.status === e.status);
  const matching = sel.filter(ok);
  const field = filters ? `count with ${filters}` : 'count';
  if (e.count !== undefined && matching.length !== e.count) out.push(d(s, field, String(e.count), `${matching.length} (${podStates(sel)})`));
  if (e.minCount !== undefined && matching.length < e.minCount) out.push(d(s, field, `at least ${e.minCount}`, `${matching.length} (${podStates(sel)})`));
  if (e.count === undefined && e.minCount === undefined && filters) {
    // Without a count, "phase: X" means every selected pod, and at least one.
    const off = sel.filter((p) => !ok(p));
    if (sel.length === 0 || off.length) out.push(d(s, `all with ${filters}`, sel.length ? `all ${sel.length}` : 'at least 1', sel.length ? `${off.length} differ (${podStates(off)})` : 'no pods'));
  }
  if (e.allRunning) {
    const off = sel.filter((p) => p.phase !== 'Running');
    if (sel.length === 0 || off.length) out.push(d(s, 'all Running', sel.length ? `all ${sel.length}` : 'at least 1 pod', sel.length ? `${off.length} not Running (${podStates(off)})` : 'no pods'));
  }
}

// ---- namespaces, events --------------------------------------------------------------------------

function namespacesCheck(e: NonNullable<CheckExpect['namespaces']>, snap: ClusterSnapshot, out: Out) {
  for (const name of e.active ?? []) {
    const ns = snap.namespaces.find((n) => n.name === name);
    if (ns?.phase !== 'Active') out.push(d(`namespace ${name}`, 'phase', 'Active', ns ? ns.phase : 'absent'));
  }
  for (const name of e.absent ?? []) {
    const ns = snap.namespaces.find((n) => n.name === name);
    if (ns) out.push(d(`namespace ${name}`, 'exists', 'no', `yes (${ns.phase})`));
  }
}

function eventsCheck(e: EventsExpect, events: EventView[], out: Out) {
  const pool = events.filter((v) => (!e.namespace || v.namespace === e.namespace) && (!e.involvedKind || v.involved.kind === e.involvedKind) && (!e.involvedName || v.involved.name === e.involvedName));
  const hits = pool.filter((v) => eventMatches(e, v));
  if (hits.length >= e.minCount) return;
  const where = [e.namespace && `in ${e.namespace}`, e.involvedKind && `on ${e.involvedKind}${e.involvedName ? ` ${e.involvedName}` : ''}`].filter(Boolean).join(' ');
  const sameReason = pool.filter((v) => v.reason === e.reason);
  out.push(d(`events${where ? ` ${where}` : ''}`, eventWant(e), `at least ${e.minCount}`, `${hits.length}${sameReason.length > hits.length ? `; other ${e.reason}: ${eventSeen(sameReason.filter((v) => !hits.includes(v)))}` : ''}`));
}
