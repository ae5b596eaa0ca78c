// The Tigera operator path of Calico's kind guide (tigera-operator.yaml + custom-resources.yaml):
// once the operator pod runs and an Installation exists, it creates calico-system and the
// calico-node DaemonSet (recognised by image like any other Calico install).
import type { GVR } from '@/lib/sim/store/types';
import { R, type Any } from '../gvr';
import type { ClusterRuntime, Controller } from '../runtime';
import { repoOf } from './defs';

const INSTALLATIONS: GVR = { group: 'operator.tigera.io', version: 'v1', resource: 'installations' };
// The operator release that ships with Calico v3.32 [U: exact pairing].
const CALICO_VERSION = 'v3.32.2';

export class TigeraOperator implements Controller {
  readonly name = 'tigera-operator';
  readonly watches = [R.pods, INSTALLATIONS];
  constructor(private readonly rt: ClusterRuntime) {}

  reconcile() {
    const { store } = this.rt;
    const operatorRunning = (store.list(R.pods, undefined).items as Any[]).some(
      (p) => p.status?.phase === 'Running' && (p.spec?.containers ?? []).some((c: Any) => repoOf(String(c.image)) === 'tigera/operator'),
    );
    if (!operatorRunning) return;
    let installs: Any[] = [];
    try {
      installs = store.list(INSTALLATIONS, undefined).items as Any[];
    } catch {
      return; // CRD not installed yet
    }
    if (!installs.length || store.get(R.daemonsets, 'calico-system', 'calico-node')) return;
    try {
      if (!store.get(R.namespaces, undefined, 'calico-system'))
        store.create(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'calico-system', labels: { name: 'calico-system' } } });
      store.create(R.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'calico-node', namespace: 'calico-system' } });
      store.create(R.daemonsets, {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'calico-node', namespace: 'calico-system', ownerReferences: [{ apiVersion: 'operator.tigera.io/v1', kind: 'Installation', name: installs[0].metadata.name, uid: installs[0].metadata.uid, controller: true, blockOwnerDeletion: true }] },
        spec: {
          selector: { matchLabels: { 'k8s-app': 'calico-node' } },
          template: {
            metadata: { labels: { 'k8s-app': 'calico-node', 'app.kubernetes.io/name': 'calico-node' } },
            spec: {
              hostNetwork: true,
              serviceAccountName: 'calico-node',
              priorityClassName: 'system-node-critical',
              tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
              initContainers: [
                { name: 'flexvol-driver', image: `docker.io/calico/pod2daemon-flexvol:${CALICO_VERSION}` },
                { name: 'install-cni', image: `docker.io/calico/cni:${CALICO_VERSION}` },
              ],
              containers: [{ name: 'calico-node', image: `docker.io/calico/node:${CALICO_VERSION}` }],
            },
          },
        },
      } as Any);
    } catch {
      // raced with a delete
    }
  }
}
