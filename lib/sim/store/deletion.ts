// apiserver DELETE semantics: finalizers and bound pods (graceful) only get a deletionTimestamp; namespaces go
// Terminating and are emptied right after (the namespace controller's job, done at once).
import type { GVR, KObject } from './types';
import type { Bucket } from './registry';
import type { DeleteOptions } from './store';
import { errors } from '../api/status';
import { jsonClone } from './json-values';

export interface DeletionInternals {
  bucketOf(gvr: GVR): Bucket;
  removeNow(b: Bucket, obj: KObject, propagationPolicy?: DeleteOptions['propagationPolicy']): KObject;
  put(b: Bucket, obj: KObject, type: 'ADDED' | 'MODIFIED', old?: KObject): KObject;
  now(): Date;
  finalizeNamespaceContents(ns: string): void;
}

const clone = jsonClone;
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function deleteObject(
  { bucketOf, removeNow, put, now, finalizeNamespaceContents }: DeletionInternals,
  gvr: GVR,
  namespace: string | undefined,
  name: string,
  dopts: DeleteOptions = {},
): { object: KObject; deleted: boolean } {
  const b = bucketOf(gvr);
  const ns = b.info.namespaced ? (namespace ?? '') : '';
  const o = b.get(ns, name);
  if (!o) throw errors.notFound(b.info, name);
  const pre = dopts.preconditions;
  if (pre?.uid && pre.uid !== o.metadata.uid)
    throw errors.conflict(b.info, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${o.metadata.uid}`);
  if (pre?.resourceVersion && pre.resourceVersion !== o.metadata.resourceVersion)
    throw errors.conflict(b.info, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${o.metadata.resourceVersion}`);
  if (b.key === '/namespaces' && ['default', 'kube-system', 'kube-public'].includes(name))
    throw errors.forbidden(b.info, name, 'this namespace may not be deleted');
  const isPod = b.key === '/pods';
  const podGrace = (o as { spec?: { terminationGracePeriodSeconds?: number; nodeName?: string } }).spec;
  let grace = dopts.gracePeriodSeconds ?? (isPod ? (podGrace?.terminationGracePeriodSeconds ?? 30) : 0);
  // Pods never bound to a node (or already finished) have no kubelet to wait for.
  const phase = (o as { status?: { phase?: string } }).status?.phase;
  if (isPod && (!podGrace?.nodeName || phase === 'Succeeded' || phase === 'Failed')) grace = 0;
  const hasFinalizers = !!o.metadata.finalizers?.length;
  const graceful = (isPod && grace > 0) || b.key === '/namespaces';
  if (dopts.dryRun) return { object: o, deleted: !hasFinalizers && !graceful };
  if (!hasFinalizers && !graceful) return { object: clone(removeNow(b, o, dopts.propagationPolicy ?? 'Background')), deleted: true };
  if (o.metadata.deletionTimestamp && !(isPod && grace < (o.metadata.deletionGracePeriodSeconds ?? 0))) {
    if (!hasFinalizers && isPod && grace === 0) return { object: clone(removeNow(b, o)), deleted: true };
    return { object: clone(o), deleted: false };
  }
  const next = clone(o);
  const deadline = new Date(now().getTime() + (isPod ? grace : 0) * 1000);
  next.metadata.deletionTimestamp = rfc3339(deadline);
  next.metadata.deletionGracePeriodSeconds = isPod ? grace : 0;
  if (b.key === '/namespaces') {
    (next as { status?: Record<string, unknown> }).status = { ...((next as { status?: object }).status ?? {}), phase: 'Terminating' };
    put(b, next, 'MODIFIED', o);
    // Namespace controller emulation: contents go, then the namespace itself (after the caller has its answer).
    setImmediate(() => {
      const cur = b.get('', name);
      if (cur && cur.metadata.uid === o.metadata.uid) {
        finalizeNamespaceContents(name);
        if (!cur.metadata.finalizers?.length) removeNow(b, cur);
      }
    });
    return { object: clone(next), deleted: false };
  }
  if (isPod && grace === 0 && !hasFinalizers) return { object: clone(removeNow(b, o, dopts.propagationPolicy)), deleted: true };
  if (isPod && grace === 0) next.metadata.deletionGracePeriodSeconds = 0;
  put(b, next, 'MODIFIED', o);
  return { object: clone(next), deleted: false };
}
