// POST (create, bindings, evictions, tokens) and PUT (update, /status, /scale, /finalize).
import { randomBytes } from 'node:crypto';
import type { KObject, ResourceInfo } from '../../store/types';
import { withManagedFields } from '../patch/apply';
import { apiVersionOf } from '../resources';
import { sendJSON, sendText } from '../respond';
import { errors } from '../status';
import { isDryRun, jsonBody, objectBody, rfc3339, type Ctx } from './context';
import { handleReview } from './reviews';
import { checkStrict } from './strict';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

const POD = { group: '', version: 'v1', resource: 'pods' };

export function scaleOf(info: ResourceInfo, obj: KObject): AnyObj {
  const o = obj as AnyObj;
  const sel = o.spec?.selector;
  let selector = '';
  if (sel?.matchLabels) selector = Object.entries(sel.matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
  else if (sel && typeof sel === 'object' && !sel.matchExpressions) selector = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, selector },
  };
}

/** Records the request's field manager (kubectl sends one on every write). */
export function managed(ctx: Ctx, obj: KObject, operation: 'Apply' | 'Update', applied?: AnyObj): KObject {
  const manager = ctx.query.get('fieldManager') ?? String(ctx.req.headers['user-agent'] ?? 'unknown').split('/')[0];
  return withManagedFields(obj, manager, operation, applied, rfc3339(ctx.store.now()), ctx.sub === 'status' ? 'status' : undefined) as KObject;
}

function bind(ctx: Ctx, podName: string, binding: AnyObj): void {
  const target = binding?.target;
  if (!target?.name) throw errors.invalid({ group: '', kind: 'Binding' }, podName, [{ field: 'target.name', type: 'FieldValueRequired', detail: 'Required value' }]);
  const pod = ctx.store.getRef(POD, ctx.namespace, podName) as AnyObj;
  if (!pod) throw errors.notFound({ group: '', resource: 'pods' }, podName);
  if (pod.spec?.nodeName) throw errors.conflict({ group: '', resource: 'pods' }, podName, `pod ${podName} is already assigned to node "${pod.spec.nodeName}"`);
  if (pod.metadata?.deletionTimestamp) throw errors.conflict({ group: '', resource: 'pods' }, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
  if (!isDryRun(ctx)) {
    ctx.store.mutate(POD, ctx.namespace, podName, (p: AnyObj) => {
      p.spec.nodeName = target.name;
      const conds: AnyObj[] = (p.status ??= {}).conditions ?? [];
      const c = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(ctx.store.now()) };
      const i = conds.findIndex((x) => x?.type === 'PodScheduled');
      if (i >= 0) conds[i] = c;
      else conds.push(c);
      p.status.conditions = conds;
    });
  }
  sendJSON(ctx.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/** exec/attach/port-forward need a container runtime; the apiserver's own checks come first. */
export function streamingNotSupported(ctx: Ctx): void {
  const pod = ctx.store.getRef(POD, ctx.namespace, ctx.name!) as AnyObj;
  if (!pod) throw errors.notFound({ group: '', resource: 'pods' }, ctx.name!);
  if (!pod.spec?.nodeName) throw errors.badRequest(`pod ${ctx.name} does not have a host assigned`);
  const c = ctx.query.get('container') ?? pod.spec?.containers?.[0]?.name;
  const st = (pod.status?.containerStatuses ?? []).find((s: AnyObj) => s?.name === c);
  if (!st?.state?.running) {
    // The kubelet's plain-text answer, proxied as is; kubectl prints "unable to upgrade connection: …".
    return sendText(ctx.res, 500, `container not found ("${c}")`);
  }
  throw errors.badRequest(`the simulated cluster has no container runtime: ${ctx.sub} is not available (pod ${ctx.name}, container ${c})`);
}

export function handlePost(ctx: Ctx): void {
  const { store, info } = ctx;
  if (handleReview(ctx)) return;
  if (info.resource === 'bindings' && info.group === '') {
    const b = jsonBody(ctx) as AnyObj;
    return bind(ctx, String(b?.metadata?.name ?? ''), b);
  }
  if (ctx.name !== undefined) {
    if (info.resource === 'pods' && ctx.sub === 'binding') return bind(ctx, ctx.name, jsonBody(ctx));
    if (info.resource === 'pods' && (ctx.sub === 'exec' || ctx.sub === 'attach' || ctx.sub === 'portforward')) return streamingNotSupported(ctx);
    if (info.resource === 'pods' && ctx.sub === 'eviction') {
      const ev = jsonBody(ctx) as AnyObj;
      const res = store.delete(POD, ctx.namespace, ctx.name, { gracePeriodSeconds: ev?.deleteOptions?.gracePeriodSeconds, dryRun: isDryRun(ctx) });
      void res;
      return sendJSON(ctx.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    }
    if (info.resource === 'serviceaccounts' && ctx.sub === 'token') {
      if (!store.getRef(info, ctx.namespace, ctx.name)) throw errors.notFound(info, ctx.name);
      const tr = jsonBody(ctx) as AnyObj;
      const exp = Number(tr?.spec?.expirationSeconds ?? 3600);
      return sendJSON(ctx.res, 201, {
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { name: ctx.name, namespace: ctx.namespace, creationTimestamp: null },
        spec: { audiences: tr?.spec?.audiences ?? ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: exp, boundObjectRef: tr?.spec?.boundObjectRef ?? null },
        status: { token: `sim.${randomBytes(24).toString('base64url')}`, expirationTimestamp: rfc3339(new Date(store.now().getTime() + exp * 1000)) },
      });
    }
    throw errors.methodNotAllowed();
  }
  if (!info.verbs.includes('create')) throw errors.methodNotAllowed();
  if (ctx.query.get('fieldValidation') === 'Strict') {
    const raw = jsonBody(ctx);
    checkStrict(info, raw);
  }
  let obj = objectBody(ctx);
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw errors.invalid(info, '', [{ field: 'metadata.name', type: 'FieldValueRequired', detail: 'Required value: name or generateName is required' }]);
  }
  obj.apiVersion = apiVersionOf(info);
  obj.kind = info.kind;
  // Like the apiserver's PrepareForCreate: clients cannot set status on create (nodes excepted).
  if (info.subresources.includes('status') && !(info.group === '' && info.resource === 'nodes')) obj.status = {};
  obj = managed(ctx, obj, 'Update');
  const created = isDryRun(ctx) ? store.dryRunCreate(info, obj) : store.create(info, obj);
  sendJSON(ctx.res, 201, created);
}

/** Applies a new full object to the route's target, honouring /status and /scale semantics. */
export function updateTarget(ctx: Ctx, current: KObject, next: KObject, checkRV: boolean): KObject {
  const { store, info } = ctx;
  let merged: AnyObj;
  if (ctx.sub === 'status') {
    merged = { ...current, status: (next as AnyObj).status, metadata: { ...current.metadata, ...pickMeta(next) } };
  } else if (ctx.sub === 'finalize') {
    merged = { ...current, spec: { ...((current as AnyObj).spec ?? {}), finalizers: (next as AnyObj).spec?.finalizers ?? [] } };
  } else if (info.subresources.includes('status')) {
    // The main resource cannot change status (it has its own subresource).
    merged = { ...next, status: (current as AnyObj).status };
    if ((current as AnyObj).status === undefined) delete merged.status;
  } else merged = next;
  merged.metadata = { ...merged.metadata, name: current.metadata.name, namespace: current.metadata.namespace };
  if (!checkRV || !next.metadata?.resourceVersion) merged.metadata.resourceVersion = current.metadata.resourceVersion;
  else merged.metadata.resourceVersion = next.metadata.resourceVersion;
  return isDryRun(ctx) ? store.dryRunUpdate(info, merged) : store.update(info, merged);
}

function pickMeta(next: KObject): Partial<KObject['metadata']> {
  const m = next.metadata ?? {};
  return m.resourceVersion ? { resourceVersion: m.resourceVersion } : {};
}

export function handlePut(ctx: Ctx): void {
  const { store, info } = ctx;
  if (ctx.name === undefined) throw errors.methodNotAllowed();
  if (!info.verbs.includes('update')) throw errors.methodNotAllowed();
  const current = store.getRef(info, ctx.namespace, ctx.name);
  if (ctx.sub === 'scale') {
    if (!current) throw errors.notFound(info, ctx.name);
    const s = jsonBody(ctx) as AnyObj;
    const next = structuredClone(current) as AnyObj;
    next.spec = { ...(next.spec ?? {}), replicas: Number(s?.spec?.replicas ?? 0) };
    if (s?.metadata?.resourceVersion) next.metadata.resourceVersion = s.metadata.resourceVersion;
    const saved = isDryRun(ctx) ? store.dryRunUpdate(info, next) : store.update(info, next);
    return sendJSON(ctx.res, 200, scaleOf(info, saved));
  }
  let body = objectBody(ctx);
  if (body.metadata.name && body.metadata.name !== ctx.name)
    throw errors.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${ctx.name})`);
  body.metadata.name = ctx.name;
  if (!current) throw errors.notFound(info, ctx.name);
  body = managed(ctx, body, 'Update');
  sendJSON(ctx.res, 200, updateTarget(ctx, current, body, true));
}
