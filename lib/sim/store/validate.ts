// The few apiserver validations learners can hit; messages match k8s.io/apimachinery validation.
import type { KObject, ResourceInfo } from './types';
import { errors } from '../api/status';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

type Cause = { field: string; type: string; detail: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

function nameRule(info: ResourceInfo): [RegExp, string, number] | undefined {
  if (info.group === 'rbac.authorization.k8s.io') return undefined; // path-segment names (e.g. system:…)
  if (info.resource === 'namespaces') return [LABEL, LABEL_MSG, 63];
  if (info.resource === 'services' && info.group === '') return [DNS1035, DNS1035_MSG, 63];
  return [SUBDOMAIN, SUBDOMAIN_MSG, 253];
}

export function validateObject(info: ResourceInfo, obj: KObject): void {
  const m = obj.metadata;
  const name = typeof m.name === 'string' ? m.name : '';
  const causes: Cause[] = [];
  if (!name) {
    causes.push({ field: 'metadata.name', type: 'FieldValueRequired', detail: 'Required value: name or generateName is required' });
  } else {
    const rule = nameRule(info);
    if (name.includes('/') || name.includes('%') || name === '.' || name === '..') {
      causes.push({ field: 'metadata.name', type: 'FieldValueInvalid', detail: `Invalid value: "${name}": may not contain '/'` });
    } else if (rule && (!rule[0].test(name) || name.length > rule[2])) {
      causes.push({ field: 'metadata.name', type: 'FieldValueInvalid', detail: `Invalid value: "${name}": ${rule[1]}` });
    }
  }
  const ann = m.annotations;
  if (ann && typeof ann === 'object') {
    let total = 0;
    for (const [k, v] of Object.entries(ann)) total += k.length + String(v).length;
    // apimachinery ValidateAnnotations: TotalAnnotationSizeLimitB (what makes `kubectl apply` of big CRDs fail).
    if (total > 262144) causes.push({ field: 'metadata.annotations', type: 'FieldValueTooLong', detail: 'Too long: must have at most 262144 bytes' });
  }
  const o = obj as AnyObj;
  if (info.group === '' && info.resource === 'pods') {
    const cs = o.spec?.containers;
    if (!Array.isArray(cs) || cs.length === 0) causes.push({ field: 'spec.containers', type: 'FieldValueRequired', detail: 'Required value' });
    else
      cs.forEach((c: AnyObj, i: number) => {
        if (!c?.name) causes.push({ field: `spec.containers[${i}].name`, type: 'FieldValueRequired', detail: 'Required value' });
        if (!c?.image) causes.push({ field: `spec.containers[${i}].image`, type: 'FieldValueRequired', detail: 'Required value' });
      });
  }
  if (info.resource === 'customresourcedefinitions' && name) {
    const want = `${o.spec?.names?.plural}.${o.spec?.group}`;
    if (name !== want) causes.push({ field: 'metadata.name', type: 'FieldValueInvalid', detail: `Invalid value: "${name}": must be spec.names.plural+"."+spec.group` });
  }
  if (causes.length) throw errors.invalid(info, name, causes);
}
