// DaemonSet controller: one pod per eligible node (nodeSelector/affinity + NoSchedule/NoExecute taints
// against the pod's tolerations plus the defaults the controller adds), status counts.
import { R, type Any } from '../gvr';
import { refOf } from '../events';
import type { ClusterRuntime, Controller } from '../runtime';
import { firstUntolerated, isTerminal, matchesNodeAffinity } from './match';
import { deletePod, podFromTemplate, podReady, templateHash } from './workloads';

/** Tolerations the DaemonSet controller adds to every pod (util.AddOrUpdateDaemonPodTolerations). */
export function daemonTolerations(hostNetwork: boolean): Any[] {
  const t = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

function mergeTolerations(own: Any[] | undefined, add: Any[]): Any[] {
  const out = [...(own ?? [])];
  for (const t of add) if (!out.some((o) => o.key === t.key && o.effect === t.effect && (o.operator ?? 'Equal') === t.operator)) out.push(t);
  return out;
}

export class DaemonSetController implements Controller {
  readonly name = 'daemonset';
  readonly watches = [R.daemonsets, R.pods, R.nodes];
  constructor(private readonly rt: ClusterRuntime) {}

  reconcile() {
    const { store } = this.rt;
    const nodes = store.list(R.nodes, undefined).items as Any[];
    const pods = store.list(R.pods, undefined).items as Any[];
    for (const ds of store.list(R.daemonsets, undefined).items as Any[]) {
      if (ds.metadata.deletionTimestamp) continue;
      const hostNet = ds.spec?.template?.spec?.hostNetwork === true;
      const tols = mergeTolerations(ds.spec?.template?.spec?.tolerations, daemonTolerations(hostNet));
      const mine = pods.filter((p) => p.metadata.namespace === ds.metadata.namespace && (p.metadata.ownerReferences ?? []).some((r: Any) => r.uid === ds.metadata.uid) && !isTerminal(p) && !p.metadata.deletionTimestamp);
      const hash = templateHash(ds.spec?.template).slice(0, 10);
      let desired = 0;
      let misscheduled = 0;
      const nodeOf = (p: Any) => p.spec?.nodeName ?? p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
      for (const n of nodes) {
        const probe = { spec: { ...(ds.spec?.template?.spec ?? {}), tolerations: tols } };
        const should = matchesNodeAffinity(probe, n) && !firstUntolerated(n.spec?.taints, tols);
        const here = mine.filter((p) => nodeOf(p) === n.metadata.name);
        if (should) desired++;
        if (should && here.length === 0) {
          const pod = podFromTemplate(ds, 'DaemonSet', {
            labels: { 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n.metadata.name] }] }] } } },
          });
          pod.spec.tolerations = tols;
          try {
            const created = store.create(R.pods, pod);
            this.rt.events.legacySimilar(refOf(ds), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, { component: 'daemonset-controller' });
          } catch {
            // namespace terminating
          }
        } else if (!should && here.length) {
          misscheduled += here.length;
          for (const p of here) deletePod(store, p);
        }
      }
      const live = mine;
      const ready = live.filter(podReady).length;
      store.mutate(R.daemonsets, ds.metadata.namespace, ds.metadata.name, (o: Any) => {
        o.status = {
          currentNumberScheduled: live.length,
          desiredNumberScheduled: desired,
          numberMisscheduled: misscheduled,
          numberReady: ready,
          observedGeneration: o.metadata.generation ?? 1,
          updatedNumberScheduled: live.length,
          ...(ready ? { numberAvailable: ready } : {}),
          ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
        };
      });
    }
  }
}
