// Server-side apply, simplified: the applied configuration is merged field by field into the live object
// (merge-keyed lists by key, other lists replaced), and the field manager gets a managedFields entry.
// Ownership conflicts are not computed.
import { mergeMap } from './smp';
import { isPlainObject } from './merge';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

/** FieldsV1 (`f:` keys) describing the fields set in `applied`. */
export function fieldsV1(applied: unknown): AnyObj {
  if (!isPlainObject(applied)) return {};
  const out: AnyObj = {};
  for (const [k, v] of Object.entries(applied)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    if (isPlainObject(v)) out[`f:${k}`] = fieldsV1(v);
    else out[`f:${k}`] = {};
  }
  return out;
}

export function applyConfiguration(live: AnyObj | undefined, applied: AnyObj): AnyObj {
  const base = live ?? {};
  const stripped = { ...applied, metadata: { ...(applied.metadata ?? {}) } };
  delete stripped.metadata.managedFields;
  delete stripped.metadata.resourceVersion;
  return mergeMap(String(applied.kind ?? base.kind ?? ''), base, stripped, [], { deleteNulls: false });
}

export function withManagedFields(obj: AnyObj, manager: string, operation: 'Apply' | 'Update', applied: AnyObj | undefined, time: string, subresource?: string): AnyObj {
  const list: AnyObj[] = Array.isArray(obj.metadata?.managedFields) ? obj.metadata.managedFields.filter((e: AnyObj) => !(e?.manager === manager && e?.operation === operation && (e?.subresource ?? '') === (subresource ?? ''))) : [];
  const entry: AnyObj = { manager, operation, apiVersion: obj.apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fieldsV1(applied ?? obj) };
  if (subresource) entry.subresource = subresource;
  delete entry.fieldsV1['f:status'];
  if (subresource === 'status') entry.fieldsV1 = { 'f:status': fieldsV1(applied?.status ?? obj.status ?? {}) };
  list.push(entry);
  return { ...obj, metadata: { ...obj.metadata, managedFields: list } };
}
