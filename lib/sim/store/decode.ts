// The part of the apiserver's typed decoding the simulator needs: a built-in object whose fields have
// the wrong JSON type (a string where PodSpec belongs, an object where a list belongs) is refused with
// a 400 worded like the real one, instead of reaching defaulting, controllers and printers that
// (like the Go code) take those types for granted. Custom resources are schemaless here.
import type { KObject, ResourceInfo } from './types';
import { errors } from '../api/status';

type Want = 'object' | 'array';
/** [json path, Go struct holding the last field, Go type, JSON type wanted] */
type Rule = [string, string, string, Want];

const POD_SPEC = (prefix: string, holder: string): Rule[] => [
  [`${prefix}`, holder, 'v1.PodSpec', 'object'],
  [`${prefix}.containers`, 'PodSpec', '[]v1.Container', 'array'],
  [`${prefix}.initContainers`, 'PodSpec', '[]v1.Container', 'array'],
  [`${prefix}.volumes`, 'PodSpec', '[]v1.Volume', 'array'],
  [`${prefix}.tolerations`, 'PodSpec', '[]v1.Toleration', 'array'],
  [`${prefix}.nodeSelector`, 'PodSpec', 'map[string]string', 'object'],
  [`${prefix}.affinity`, 'PodSpec', 'v1.Affinity', 'object'],
  [`${prefix}.readinessGates`, 'PodSpec', '[]v1.PodReadinessGate', 'array'],
];
const TEMPLATE = (kind: string, version: string): Rule[] => [
  ['spec', kind, `${version}.${kind}Spec`, 'object'],
  ['spec.selector', `${kind}Spec`, '*v1.LabelSelector', 'object'],
  ['spec.template', `${kind}Spec`, 'v1.PodTemplateSpec', 'object'],
  ['spec.template.metadata', 'PodTemplateSpec', 'v1.ObjectMeta', 'object'],
  ...POD_SPEC('spec.template.spec', 'PodTemplateSpec'),
  ['status', kind, `${version}.${kind}Status`, 'object'],
];

const RULES: Record<string, Rule[]> = {
  '/pods': [
    ...POD_SPEC('spec', 'Pod'),
    ['status', 'Pod', 'v1.PodStatus', 'object'],
    ['status.conditions', 'PodStatus', '[]v1.PodCondition', 'array'],
    ['status.containerStatuses', 'PodStatus', '[]v1.ContainerStatus', 'array'],
    ['status.initContainerStatuses', 'PodStatus', '[]v1.ContainerStatus', 'array'],
  ],
  '/nodes': [
    ['spec', 'Node', 'v1.NodeSpec', 'object'],
    ['spec.taints', 'NodeSpec', '[]v1.Taint', 'array'],
    ['status', 'Node', 'v1.NodeStatus', 'object'],
    ['status.conditions', 'NodeStatus', '[]v1.NodeCondition', 'array'],
    ['status.addresses', 'NodeStatus', '[]v1.NodeAddress', 'array'],
    ['status.allocatable', 'NodeStatus', 'v1.ResourceList', 'object'],
  ],
  '/services': [
    ['spec', 'Service', 'v1.ServiceSpec', 'object'],
    ['spec.ports', 'ServiceSpec', '[]v1.ServicePort', 'array'],
    ['spec.selector', 'ServiceSpec', 'map[string]string', 'object'],
    ['spec.externalIPs', 'ServiceSpec', '[]string', 'array'],
    ['status', 'Service', 'v1.ServiceStatus', 'object'],
  ],
  '/namespaces': [
    ['spec', 'Namespace', 'v1.NamespaceSpec', 'object'],
    ['status', 'Namespace', 'v1.NamespaceStatus', 'object'],
  ],
  '/endpoints': [['subsets', 'Endpoints', '[]v1.EndpointSubset', 'array']],
  'apps/deployments': TEMPLATE('Deployment', 'v1'),
  'apps/replicasets': TEMPLATE('ReplicaSet', 'v1'),
  'apps/daemonsets': TEMPLATE('DaemonSet', 'v1'),
  'apps/statefulsets': TEMPLATE('StatefulSet', 'v1'),
  'batch/jobs': TEMPLATE('Job', 'v1'),
  '/replicationcontrollers': TEMPLATE('ReplicationController', 'v1'),
};
const COMMON: Rule[] = [
  ['metadata.labels', 'ObjectMeta', 'map[string]string', 'object'],
  ['metadata.annotations', 'ObjectMeta', 'map[string]string', 'object'],
  ['metadata.ownerReferences', 'ObjectMeta', '[]v1.OwnerReference', 'array'],
  ['metadata.finalizers', 'ObjectMeta', '[]string', 'array'],
];

/** Go's name for the JSON type it found. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string, number, object
}

function at(o: unknown, path: string): unknown {
  let cur = o;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Throws the apiserver's 400 for the first field of the wrong JSON type (null counts as absent, as in Go). */
export function checkDecodable(storageKey: string, info: ResourceInfo, obj: KObject): void {
  if (info.custom) return;
  for (const [path, holder, goType, want] of [...COMMON, ...(RULES[storageKey] ?? [])]) {
    const v = at(obj, path);
    if (v === undefined || v === null) continue;
    const ok = want === 'array' ? Array.isArray(v) : typeof v === 'object' && !Array.isArray(v);
    if (ok) continue;
    const field = `${holder}.${path}`;
    throw errors.badRequest(`${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type ${goType}`);
  }
}
