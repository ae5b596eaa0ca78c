// Node lifecycle controller: not-ready/unreachable NoSchedule taints from the Ready condition, NoExecute
// only outside "master disruption mode" (every node NotReady → no NoExecute taints; facts §2.3).
import { R, type Any } from '../gvr';
import { nodeRef } from '../events';
import type { ClusterRuntime, Controller } from '../runtime';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

function readyStatus(n: Any): string {
  return n.status?.conditions?.find((c: Any) => c.type === 'Ready')?.status ?? 'Unknown';
}

const rfc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class NodeLifecycle implements Controller {
  readonly name = 'node-lifecycle';
  readonly watches = [R.nodes];
  constructor(private readonly rt: ClusterRuntime) {}

  reconcile() {
    const nodes = this.rt.store.list(R.nodes, undefined).items as Any[];
    // ComputeZoneState: FullDisruption when no node is Ready; PartialDisruption when more than 2 nodes
    // and ≥55% are NotReady. Clusters of ≤50 nodes get a NoExecute tainting rate of 0 in both, so
    // NoExecute taints appear only in the Normal state.
    const ready = nodes.filter((n) => readyStatus(n) === 'True').length;
    const notReady = nodes.length - ready;
    const normal = !(ready === 0 && notReady > 0) && !(notReady > 2 && notReady / nodes.length >= 0.55);
    for (const n of nodes) {
      const name = n.metadata.name;
      const st = this.rt.nodes.get(name);
      if (st && !st.registered) {
        st.registered = true;
        this.rt.dirty();
        this.rt.events.legacy(nodeRef(name), 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, { component: 'node-controller' });
      }
      const status = readyStatus(n);
      const key = status === 'False' ? NOT_READY : status === 'Unknown' ? UNREACHABLE : undefined;
      const current: Any[] = n.spec?.taints ?? [];
      const keep = current.filter(
        (t) => !((t.key === NOT_READY || t.key === UNREACHABLE) && (t.effect === 'NoSchedule' || t.effect === 'NoExecute')) && !(t.key === UNSCHEDULABLE && t.effect === 'NoSchedule'),
      );
      const want: Any[] = [...keep];
      // TaintNodesByCondition also mirrors spec.unschedulable (kubectl cordon) as a taint.
      if (n.spec?.unschedulable) want.push(current.find((t) => t.key === UNSCHEDULABLE && t.effect === 'NoSchedule') ?? { key: UNSCHEDULABLE, effect: 'NoSchedule' });
      if (key) {
        const prevNs = current.find((t) => t.key === key && t.effect === 'NoSchedule');
        want.push(prevNs ?? { key, effect: 'NoSchedule' });
        // Outside full disruption a NotReady node also gets the NoExecute taint (taint manager evicts after tolerationSeconds).
        if (normal) {
          const prevNe = current.find((t) => t.key === key && t.effect === 'NoExecute');
          want.push(prevNe ?? { key, effect: 'NoExecute', timeAdded: rfc(this.rt.clock.now()) });
        }
      }
      if (JSON.stringify(current) === JSON.stringify(want)) continue;
      this.rt.store.mutate(R.nodes, undefined, name, (o: Any) => {
        o.spec ??= {};
        if (want.length) o.spec.taints = want;
        else delete o.spec.taints;
      });
    }
  }
}
