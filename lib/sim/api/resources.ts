// Built-in resources the simulated apiserver serves, in the real apiserver's discovery order.
import type { GVR, KObject, ResourceInfo } from '../store/types';

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_DC = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

interface Opt {
  ns?: boolean;
  short?: string[];
  cat?: string[];
  verbs?: string[];
  sub?: string[];
  singular?: string;
}

function r(gv: string, resource: string, kind: string, o: Opt = {}): ResourceInfo {
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  return {
    group,
    version,
    resource,
    singular: o.singular ?? kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced: o.ns ?? true,
    shortNames: o.short ?? [],
    categories: o.cat ?? [],
    verbs: o.verbs ?? ALL_VERBS,
    subresources: o.sub ?? [],
  };
}

const ALL = ['all'];

export const BUILTIN_RESOURCES: ResourceInfo[] = [
  r('v1', 'bindings', 'Binding', { verbs: ['create'] }),
  r('v1', 'componentstatuses', 'ComponentStatus', { ns: false, short: ['cs'], verbs: ['get', 'list'] }),
  r('v1', 'configmaps', 'ConfigMap', { short: ['cm'] }),
  r('v1', 'endpoints', 'Endpoints', { short: ['ep'], singular: 'endpoints' }),
  r('v1', 'events', 'Event', { short: ['ev'] }),
  r('v1', 'limitranges', 'LimitRange', { short: ['limits'] }),
  r('v1', 'namespaces', 'Namespace', { ns: false, short: ['ns'], verbs: NO_DC, sub: ['finalize', 'status'] }),
  r('v1', 'nodes', 'Node', { ns: false, short: ['no'], sub: ['proxy', 'status'] }),
  r('v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', { short: ['pvc'], sub: ['status'] }),
  r('v1', 'persistentvolumes', 'PersistentVolume', { ns: false, short: ['pv'], sub: ['status'] }),
  r('v1', 'pods', 'Pod', { short: ['po'], cat: ALL, sub: ['attach', 'binding', 'eviction', 'exec', 'log', 'portforward', 'status'] }),
  r('v1', 'podtemplates', 'PodTemplate'),
  r('v1', 'replicationcontrollers', 'ReplicationController', { short: ['rc'], cat: ALL, sub: ['scale', 'status'] }),
  r('v1', 'resourcequotas', 'ResourceQuota', { short: ['quota'], sub: ['status'] }),
  r('v1', 'secrets', 'Secret'),
  r('v1', 'serviceaccounts', 'ServiceAccount', { short: ['sa'], sub: ['token'] }),
  r('v1', 'services', 'Service', { short: ['svc'], cat: ALL, sub: ['proxy', 'status'] }),
  r('apps/v1', 'controllerrevisions', 'ControllerRevision'),
  r('apps/v1', 'daemonsets', 'DaemonSet', { short: ['ds'], cat: ALL, sub: ['status'] }),
  r('apps/v1', 'deployments', 'Deployment', { short: ['deploy'], cat: ALL, sub: ['scale', 'status'] }),
  r('apps/v1', 'replicasets', 'ReplicaSet', { short: ['rs'], cat: ALL, sub: ['scale', 'status'] }),
  r('apps/v1', 'statefulsets', 'StatefulSet', { short: ['sts'], cat: ALL, sub: ['scale', 'status'] }),
  r('events.k8s.io/v1', 'events', 'Event', { short: ['ev'] }),
  r('authentication.k8s.io/v1', 'selfsubjectreviews', 'SelfSubjectReview', { ns: false, verbs: ['create'] }),
  r('authorization.k8s.io/v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', { ns: false, verbs: ['create'] }),
  r('authorization.k8s.io/v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', { ns: false, verbs: ['create'] }),
  r('batch/v1', 'cronjobs', 'CronJob', { short: ['cj'], cat: ALL, sub: ['status'] }),
  r('batch/v1', 'jobs', 'Job', { cat: ALL, sub: ['status'] }),
  r('networking.k8s.io/v1', 'ingressclasses', 'IngressClass', { ns: false }),
  r('networking.k8s.io/v1', 'ingresses', 'Ingress', { short: ['ing'], sub: ['status'] }),
  r('networking.k8s.io/v1', 'networkpolicies', 'NetworkPolicy', { short: ['netpol'] }),
  r('policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', { short: ['pdb'], sub: ['status'] }),
  r('rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding', { ns: false }),
  r('rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole', { ns: false }),
  r('rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding'),
  r('rbac.authorization.k8s.io/v1', 'roles', 'Role'),
  r('storage.k8s.io/v1', 'csidrivers', 'CSIDriver', { ns: false }),
  r('storage.k8s.io/v1', 'csinodes', 'CSINode', { ns: false }),
  r('storage.k8s.io/v1', 'storageclasses', 'StorageClass', { ns: false, short: ['sc'] }),
  r('apiextensions.k8s.io/v1', 'customresourcedefinitions', 'CustomResourceDefinition', {
    ns: false,
    short: ['crd', 'crds'],
    cat: ['api-extensions'],
    sub: ['status'],
  }),
  r('scheduling.k8s.io/v1', 'priorityclasses', 'PriorityClass', { ns: false, short: ['pc'] }),
  r('coordination.k8s.io/v1', 'leases', 'Lease'),
  r('node.k8s.io/v1', 'runtimeclasses', 'RuntimeClass', { ns: false }),
  r('discovery.k8s.io/v1', 'endpointslices', 'EndpointSlice'),
];

export function gvrKey(gvr: Pick<GVR, 'group' | 'resource'>): string {
  return `${gvr.group}/${gvr.resource}`;
}

export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Subresource response kinds for discovery. */
export function subresourceKind(info: ResourceInfo, sub: string): { group: string; version: string; kind: string; verbs: string[] } {
  const self = { group: info.group, version: info.version, kind: info.kind };
  switch (sub) {
    case 'scale':
      return { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] };
    case 'status':
      return { ...self, verbs: ['get', 'patch', 'update'] };
    case 'binding':
      return { group: '', version: 'v1', kind: 'Binding', verbs: ['create'] };
    case 'eviction':
      return { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
    case 'log':
      return { ...self, verbs: ['get'] };
    case 'exec':
      return { group: '', version: 'v1', kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach':
      return { group: '', version: 'v1', kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward':
      return { group: '', version: 'v1', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'finalize':
      return { ...self, verbs: ['update'] };
    case 'token':
      return { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] };
    case 'proxy':
      return { group: '', version: 'v1', kind: info.kind === 'Node' ? 'NodeProxyOptions' : 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] };
    default:
      return { ...self, verbs: ['get'] };
  }
}

/** Kubernetes version priority (v1 > v1beta2 > v1beta1 > v1alpha1 > other strings). */
export function compareKubeVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = v.match(/^v(\d+)(?:(alpha|beta)(\d+))?$/);
    if (!m) return { kind: 3, major: 0, minor: 0, s: v };
    return { kind: m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0, major: +m[1], minor: m[3] ? +m[3] : 0, s: v };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.kind !== y.kind) return x.kind - y.kind;
  if (x.kind === 3) return x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
  if (x.major !== y.major) return y.major - x.major;
  return y.minor - x.minor;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

/** The served resources of a CustomResourceDefinition object (one per served version). */
export function crdResources(crd: KObject): ResourceInfo[] {
  const spec = (crd as AnyObj).spec ?? {};
  const names = spec.names ?? {};
  if (!spec.group || !names.plural || !names.kind) return [];
  const out: ResourceInfo[] = [];
  for (const v of spec.versions ?? []) {
    if (!v?.served || typeof v.name !== 'string') continue;
    const sub: string[] = [];
    if (v.subresources?.scale) sub.push('scale');
    if (v.subresources?.status) sub.push('status');
    out.push({
      group: spec.group,
      version: v.name,
      resource: names.plural,
      singular: names.singular || String(names.kind).toLowerCase(),
      kind: names.kind,
      listKind: names.listKind || `${names.kind}List`,
      namespaced: spec.scope !== 'Cluster',
      shortNames: Array.isArray(names.shortNames) ? names.shortNames : [],
      categories: Array.isArray(names.categories) ? names.categories : [],
      verbs: ALL_VERBS,
      subresources: sub,
      custom: true,
      printerColumns: Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns : [],
    });
  }
  return out;
}
