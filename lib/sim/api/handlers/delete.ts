// DELETE of one object (graceful for bound pods, finalizers respected) and deletecollection.
import { apiVersionOf } from '../resources';
import { sendJSON } from '../respond';
import { errors, successStatus } from '../status';
import type { DeleteOptions } from '../../store/store';
import { isDryRun, protobufBody, type Ctx } from './context';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

function deleteOptions(ctx: Ctx): DeleteOptions {
  let body: AnyObj = protobufBody(ctx) ?? {};
  const text = body === undefined || Object.keys(body).length ? '' : ctx.body.toString('utf8').trim();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw errors.badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
    }
  }
  const q = ctx.query;
  const graceQ = q.get('gracePeriodSeconds');
  const grace = graceQ !== null ? Number(graceQ) : body?.gracePeriodSeconds;
  if (grace !== undefined && grace !== null && (!Number.isInteger(grace) || grace < 0 && grace !== -1)) throw errors.badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
  const pp = q.get('propagationPolicy') ?? body?.propagationPolicy ?? (body?.orphanDependents === true ? 'Orphan' : undefined);
  if (pp !== undefined && !['Background', 'Foreground', 'Orphan'].includes(pp))
    throw errors.invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [{ field: 'propagationPolicy', type: 'FieldValueNotSupported', detail: `Unsupported value: "${pp}": supported values: "Foreground", "Background", "Orphan", "nil"` }]);
  return {
    gracePeriodSeconds: typeof grace === 'number' && grace >= 0 ? grace : undefined,
    propagationPolicy: pp,
    preconditions: body?.preconditions,
    dryRun: isDryRun(ctx) || (Array.isArray(body?.dryRun) && body.dryRun.includes('All')),
  };
}

export function handleDelete(ctx: Ctx): void {
  const { store, info } = ctx;
  if (!info.verbs.includes('delete')) throw errors.methodNotAllowed();
  const opts = deleteOptions(ctx);
  if (ctx.name === undefined) {
    if (!info.verbs.includes('deletecollection')) throw errors.methodNotAllowed();
    const items = store.scan(info, info.namespaced ? ctx.namespace : undefined, {
      labelSelector: ctx.query.get('labelSelector') ?? undefined,
      fieldSelector: ctx.query.get('fieldSelector') ?? undefined,
    });
    const out = [];
    for (const o of items) {
      try {
        out.push(store.delete(info, o.metadata.namespace, o.metadata.name!, opts).object);
      } catch {
        // Already gone (e.g. removed by an earlier deletion's cascade): skip, like the apiserver.
      }
    }
    return sendJSON(ctx.res, 200, { kind: info.listKind, apiVersion: apiVersionOf(info), metadata: { resourceVersion: String(store.currentResourceVersion()) }, items: out });
  }
  if (ctx.sub) throw errors.methodNotAllowed();
  const { object, deleted } = store.delete(info, ctx.namespace, ctx.name, opts);
  if (!deleted || info.resource === 'pods') return sendJSON(ctx.res, deleted ? 200 : 200, object);
  sendJSON(ctx.res, 200, successStatus(info, ctx.name, object.metadata.uid));
}
