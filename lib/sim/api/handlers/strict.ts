// fieldValidation=Strict for the kinds whose top-level layout is simple and fixed: unknown top-level or
// metadata fields are rejected like the apiserver's strict decoder (a typo such as `sepc:` is a 400).
import type { ResourceInfo } from '../../store/types';
import { errors } from '../status';

const META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);
const BASE = ['apiVersion', 'kind', 'metadata'];
const SPEC_STATUS = [...BASE, 'spec', 'status'];

const TOP_LEVEL: Record<string, string[]> = {
  '/pods': SPEC_STATUS,
  '/services': SPEC_STATUS,
  '/namespaces': SPEC_STATUS,
  '/nodes': SPEC_STATUS,
  '/replicationcontrollers': SPEC_STATUS,
  '/persistentvolumeclaims': SPEC_STATUS,
  'apps/deployments': SPEC_STATUS,
  'apps/replicasets': SPEC_STATUS,
  'apps/daemonsets': SPEC_STATUS,
  'apps/statefulsets': SPEC_STATUS,
  'batch/jobs': SPEC_STATUS,
  'batch/cronjobs': SPEC_STATUS,
  '/configmaps': [...BASE, 'data', 'binaryData', 'immutable'],
  '/secrets': [...BASE, 'data', 'stringData', 'type', 'immutable'],
  '/serviceaccounts': [...BASE, 'secrets', 'imagePullSecrets', 'automountServiceAccountToken'],
};

export function checkStrict(info: ResourceInfo, body: Record<string, unknown>): void {
  const allowed = TOP_LEVEL[`${info.group}/${info.resource}`];
  if (!allowed) return;
  // Reported in the order the decoder meets them in the body.
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (!allowed.includes(k)) unknown.push(k);
    else if (k === 'metadata' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const mk of Object.keys(v)) if (!META_FIELDS.has(mk)) unknown.push(`metadata.${mk}`);
    }
  }
  if (!unknown.length) return;
  const v = info.group ? `${info.group}/${info.version}` : info.version;
  throw errors.badRequest(`${info.kind} in version "${v}" cannot be handled as a ${info.kind}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}`);
}
