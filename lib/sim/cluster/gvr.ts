// Resources the cluster behaviour reads and writes.
import type { GVR, KObject } from '@/lib/sim/store/types';

const core = (resource: string): GVR => ({ group: '', version: 'v1', resource });
const apps = (resource: string): GVR => ({ group: 'apps', version: 'v1', resource });

export const R = {
  namespaces: core('namespaces'),
  nodes: core('nodes'),
  pods: core('pods'),
  services: core('services'),
  endpoints: core('endpoints'),
  events: core('events'),
  configmaps: core('configmaps'),
  secrets: core('secrets'),
  serviceaccounts: core('serviceaccounts'),
  deployments: apps('deployments'),
  replicasets: apps('replicasets'),
  daemonsets: apps('daemonsets'),
  controllerrevisions: apps('controllerrevisions'),
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' } as GVR,
  storageclasses: { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' } as GVR,
  priorityclasses: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' } as GVR,
  clusterroles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' } as GVR,
  clusterrolebindings: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' } as GVR,
  roles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' } as GVR,
  rolebindings: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' } as GVR,
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' } as GVR,
};

export const sameGvr = (a: GVR, b: GVR) => a.group === b.group && a.resource === b.resource;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

/** Pod-ish accessors with loose typing (objects come from users). */
export function podOf(o: KObject): Any {
  return o as Any;
}
