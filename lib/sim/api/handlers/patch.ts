// PATCH: json-patch, merge-patch, strategic-merge-patch (built-ins only) and server-side apply.
import { parse as parseYaml } from 'yaml';
import type { KObject } from '../../store/types';
import { patchType } from '../content-type';
import { applyConfiguration } from '../patch/apply';
import { applyJsonPatch } from '../patch/jsonpatch';
import { isPlainObject, mergePatch } from '../patch/merge';
import { strategicMergePatch } from '../patch/smp';
import { apiVersionOf } from '../resources';
import { sendJSON } from '../respond';
import { errors } from '../status';
import { isDryRun, type Ctx } from './context';
import { managed, scaleOf, updateTarget } from './write';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

const ALL_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const CR_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

function parsePatchBody(ctx: Ctx, yaml: boolean): unknown {
  const text = ctx.body.toString('utf8');
  try {
    if (yaml) {
      const v = parseYaml(text, { maxAliasCount: 100, logLevel: 'error' });
      // Round-trip through JSON as kube-apiserver converts YAML to JSON: a self-referencing alias
      // (`a: &a [*a]`) becomes a circular object that would recurse forever in the merge code.
      return JSON.parse(JSON.stringify(v) ?? 'null');
    }
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw errors.badRequest(yaml ? `error converting YAML to JSON: ${msg}` : `json: ${msg}`);
  }
}

export function handlePatch(ctx: Ctx): void {
  const { store, info } = ctx;
  if (ctx.name === undefined) throw errors.methodNotAllowed();
  if (!info.verbs.includes('patch')) throw errors.methodNotAllowed();
  const ct = ctx.req.headers['content-type'];
  const type = patchType(ct);
  if (!type || (type === 'strategic' && info.custom)) {
    throw errors.unsupportedMediaType(String(ct ?? ''), info.custom ? CR_PATCH_TYPES : ALL_PATCH_TYPES);
  }
  const patch = parsePatchBody(ctx, type === 'apply');
  let current = store.getRef(info, ctx.namespace, ctx.name);

  if (type === 'apply') {
    if (!isPlainObject(patch)) throw errors.badRequest('error decoding YAML: the applied configuration must be an object');
    const applied = patch as AnyObj;
    if (ctx.query.get('fieldManager') === null) throw errors.badRequest('fieldManager must be set for apply patches');
    if (applied.metadata?.name && applied.metadata.name !== ctx.name)
      throw errors.badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${ctx.name})`);
    if (!current) {
      if (ctx.sub) throw errors.notFound(info, ctx.name);
      const obj = { ...applied, apiVersion: apiVersionOf(info), kind: info.kind, metadata: { ...(applied.metadata ?? {}), name: ctx.name } } as KObject;
      if (info.namespaced) obj.metadata.namespace = ctx.namespace;
      const withMf = managed(ctx, obj, 'Apply', applied);
      const created = isDryRun(ctx) ? store.dryRunCreate(info, withMf) : store.create(info, withMf);
      return sendJSON(ctx.res, 201, created);
    }
    const next = applyConfiguration(current, applied) as KObject;
    return sendJSON(ctx.res, 200, updateTarget(ctx, current, managed(ctx, next, 'Apply', applied), !!applied.metadata?.resourceVersion));
  }

  if (!current) throw errors.notFound(info, ctx.name);
  if (ctx.sub === 'scale') {
    const scale = scaleOf(info, current);
    const patched = applyPatch(type, scale, patch) as AnyObj;
    const next = structuredClone(current) as AnyObj;
    next.spec = { ...(next.spec ?? {}), replicas: Number(patched?.spec?.replicas ?? 0) };
    const saved = isDryRun(ctx) ? store.dryRunUpdate(info, next) : store.update(info, next);
    return sendJSON(ctx.res, 200, scaleOf(info, saved));
  }
  current = structuredClone(current);
  const patched = applyPatch(type, current, patch) as KObject;
  if (!isPlainObject(patched)) throw errors.badRequest('the patched object is not a JSON object');
  if (!isPlainObject(patched.metadata)) (patched as AnyObj).metadata = {};
  if (patched.metadata.name !== undefined && patched.metadata.name !== ctx.name)
    throw errors.invalid(info, ctx.name, [{ field: 'metadata.name', type: 'FieldValueInvalid', detail: `Invalid value: "${patched.metadata.name}": field is immutable` }]);
  const rvChanged = patched.metadata.resourceVersion !== current.metadata.resourceVersion;
  sendJSON(ctx.res, 200, updateTarget(ctx, current, managed(ctx, patched, 'Update'), rvChanged));
}

function applyPatch(type: 'json' | 'merge' | 'strategic', target: AnyObj, patch: unknown): unknown {
  switch (type) {
    case 'json':
      return applyJsonPatch(target, patch);
    case 'merge':
      if (!isPlainObject(patch)) throw errors.badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
      return mergePatch(target, patch);
    case 'strategic':
      return strategicMergePatch(target, patch);
  }
}
