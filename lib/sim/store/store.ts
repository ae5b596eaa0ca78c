// In-memory object store of the simulated apiserver: one global resourceVersion, watch history, admission.
import { randomUUID } from 'node:crypto';
import { ApiError, type AdmissionHook, type GVR, type KObject, type ResourceInfo, type StoreEvent } from './types';
import type { DeleteOptions, SimStore, Snapshot, StoreOptions } from './sim-store';
import { BUILTIN_RESOURCES, apiVersionOf, gvrKey } from '../api/resources';
import { errors } from '../api/status';
import { compileFieldSelector, matchLabels, parseFieldSelector, parseLabelSelector } from '../api/selectors';
import { Registry, type Bucket } from './registry';
import { History, type HistoryEntry } from './history';
import { validateObject } from './validate';
import { checkDecodable } from './decode';
import { applyDefaults } from './defaults';
import { crdAdmission, crdAfterCommit } from './crd';
import { deleteObject } from './deletion';
import { coreToEventsV1, eventsV1ToCore, EVENTS_V1_KEY } from './events-alias';
import { deepFreeze, jsonClone, jsonEqual } from './json-values';

export type { HistoryEntry } from './history';

export type { StoreOptions, DeleteOptions, Snapshot, SimStore } from './sim-store';

const GENERATION_RESOURCES = new Set([
  'apps/deployments', 'apps/replicasets', 'apps/daemonsets', 'apps/statefulsets', 'batch/jobs', 'batch/cronjobs',
  'networking.k8s.io/networkpolicies', 'networking.k8s.io/ingresses', 'policy/poddisruptionbudgets',
  'apiextensions.k8s.io/customresourcedefinitions', '/replicationcontrollers', 'networking.k8s.io/ingressclasses',
]);

const GENERATE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += GENERATE_CHARS[Math.floor(Math.random() * GENERATE_CHARS.length)];
  return s;
}

/** RFC3339 without fractional seconds, as metav1.Time marshals. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const clone = jsonClone;

// Everything but metadata and status counts as "spec" for generation (matches the apiserver strategies closely enough).
const NOT_SPEC = new Set(['metadata', 'status']);
const sameSpec = (a: KObject, b: KObject) => jsonEqual(a, b, NOT_SPEC);

/** Equal apart from resourceVersion and managedFields (whose timestamps change on every request). */
const VOLATILE_META = new Set(['resourceVersion', 'managedFields']);
const sameContent = (a: KObject, b: KObject) => jsonEqual(a, b, META) && jsonEqual(a.metadata, b.metadata, VOLATILE_META);
const META = new Set(['metadata']);

/**
 * Stored objects are never changed in place: every write stores a new object, so readers, watch
 * history and listeners share them without copies. Under Vitest they are frozen, so code that
 * writes to a shared object fails its tests instead of corrupting the store.
 */
const FREEZE = !!process.env.VITEST;

export function createStore(opts: StoreOptions = {}): SimStore {
  const now = opts.now ?? (() => new Date());
  const registry = new Registry(opts.resources ?? BUILTIN_RESOURCES);
  let rv = opts.initialResourceVersion ?? 1;
  const history = new History(opts.historySize ?? 10_000);
  const hooks: AdmissionHook[] = [];
  const listeners = new Set<(e: StoreEvent) => void>();
  const rawListeners = new Set<(e: HistoryEntry) => void>();

  function bucketOf(gvr: GVR): Bucket {
    const b = registry.bucket(gvr);
    if (!b) throw errors.genericNotFound();
    return b;
  }

  function withVersion(obj: KObject, info: ResourceInfo): KObject {
    const apiVersion = apiVersionOf(info);
    if (obj.apiVersion === apiVersion) return obj;
    if (gvrKey(info) === EVENTS_V1_KEY) return coreToEventsV1(obj);
    return { ...obj, apiVersion };
  }
  const CORE_EVENTS: GVR = { group: '', version: 'v1', resource: 'events' };
  const isEventsV1 = (gvr: GVR) => gvrKey(gvr) === EVENTS_V1_KEY;
  /** Writes through events.k8s.io land in the core shape; answers go back in the caller's shape. */
  function viaCore<T extends KObject | undefined>(gvr: GVR, input: KObject | undefined, fn: (g: GVR, o: KObject | undefined) => T): T {
    if (!isEventsV1(gvr)) return fn(gvr, input);
    const out = fn(CORE_EVENTS, input && eventsV1ToCore(input));
    return (out && coreToEventsV1(out)) as T;
  }

  function emit(type: StoreEvent['type'], b: Bucket, object: KObject, old: KObject | undefined, propagationPolicy?: DeleteOptions['propagationPolicy']) {
    const entry: HistoryEntry = { rv, type, key: b.key, namespace: object.metadata.namespace ?? '', object, old, propagationPolicy };
    history.push(entry);
    for (const l of rawListeners) l(entry);
    if (listeners.size) {
      // Shared references (see FREEZE): listeners read, they never write.
      const ev: StoreEvent = { type, gvr: { group: b.info.group, version: b.info.version, resource: b.info.resource }, object, old, resourceVersion: rv };
      if (propagationPolicy) ev.propagationPolicy = propagationPolicy;
      for (const l of listeners) {
        try {
          l(ev);
        } catch {
          // A failing controller must not break the write that triggered it.
        }
      }
    }
    if (b.key === 'apiextensions.k8s.io/customresourcedefinitions') crdAfterCommit(api, registry, type, object, old);
  }

  function checkNamespace(b: Bucket, obj: KObject, op: 'CREATE' | 'UPDATE') {
    if (!b.info.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    const ns = obj.metadata.namespace;
    if (!ns) throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    if (op !== 'CREATE') return;
    const nsObj = registry.bucket({ group: '', version: 'v1', resource: 'namespaces' })?.get('', ns);
    if (!nsObj) throw errors.namespaceNotFound(ns);
    if (nsObj.metadata.deletionTimestamp)
      throw errors.forbidden(b.info, obj.metadata.name ?? '', `unable to create new content in namespace ${ns} because it is being terminated`);
  }

  function prepareCreate(gvr: GVR, input: KObject): { b: Bucket; obj: KObject } {
    const b = bucketOf(gvr);
    const info = registry.versionInfo(gvr) ?? b.info;
    const obj = clone(input);
    if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    checkDecodable(b.key, info, obj);
    const m = obj.metadata;
    if (!m.name && m.generateName) m.name = `${m.generateName}${randomSuffix()}`;
    checkNamespace(b, obj, 'CREATE');
    validateObject(info, obj);
    for (const k of ['deletionTimestamp', 'deletionGracePeriodSeconds'] as const) delete m[k];
    m.uid = randomUUID();
    m.creationTimestamp = rfc3339(now());
    if (GENERATION_RESOURCES.has(b.key) || info.custom) m.generation = 1;
    else delete m.generation;
    applyDefaults(b.key, obj);
    if (b.key === 'apiextensions.k8s.io/customresourcedefinitions') crdAdmission(registry, obj, undefined, now);
    for (const h of hooks) h('CREATE', gvr, obj, undefined);
    validateObject(info, obj);
    if (b.get(m.namespace ?? '', m.name!)) throw errors.alreadyExists(b.info, m.name!);
    return { b, obj };
  }

  /** `owned`: the caller hands `input` over (it never touches it again), so no copy is needed. */
  function prepareUpdate(gvr: GVR, input: KObject, checkRV: boolean, owned = false): { b: Bucket; obj: KObject; old: KObject } {
    const b = bucketOf(gvr);
    const info = registry.versionInfo(gvr) ?? b.info;
    const obj = owned ? input : clone(input);
    if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
    const m = obj.metadata;
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    checkDecodable(b.key, info, obj);
    if (!b.info.namespaced) delete m.namespace;
    validateObject(info, obj);
    const old = b.get(m.namespace ?? '', m.name!);
    if (!old) throw errors.notFound(b.info, m.name!);
    if (checkRV && m.resourceVersion && m.resourceVersion !== old.metadata.resourceVersion) throw errors.conflict(b.info, m.name!);
    if (m.uid && m.uid !== old.metadata.uid) throw errors.conflict(b.info, m.name!, `Precondition failed: UID in precondition: ${m.uid}, UID in object meta: ${old.metadata.uid}`);
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      m.deletionTimestamp = old.metadata.deletionTimestamp;
      if (old.metadata.deletionGracePeriodSeconds != null) m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    if (old.metadata.generation != null) {
      m.generation = sameSpec(obj, old) ? old.metadata.generation : (old.metadata.generation as number) + 1;
    }
    if (b.key === 'apiextensions.k8s.io/customresourcedefinitions') crdAdmission(registry, obj, old, now);
    for (const h of hooks) h('UPDATE', gvr, obj, old);
    validateObject(info, obj);
    return { b, obj, old };
  }

  function put(b: Bucket, obj: KObject, type: 'ADDED' | 'MODIFIED', old?: KObject) {
    rv++;
    obj.metadata.resourceVersion = String(rv);
    if (FREEZE) deepFreeze(obj);
    b.set(obj.metadata.namespace ?? '', obj.metadata.name!, obj);
    emit(type, b, obj, old);
    return obj;
  }

  function removeNow(b: Bucket, obj: KObject, propagationPolicy?: DeleteOptions['propagationPolicy']): KObject {
    b.delete(obj.metadata.namespace ?? '', obj.metadata.name!);
    rv++;
    const gone = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    if (FREEZE) deepFreeze(gone);
    emit('DELETED', b, gone, obj, propagationPolicy);
    if (b.key === '/namespaces') finalizeNamespaceContents(obj.metadata.name!);
    return gone;
  }

  /** The namespace controller's job, done at once: everything inside a deleted namespace goes too. */
  function finalizeNamespaceContents(ns: string) {
    for (const bucket of registry.buckets()) {
      if (!bucket.info.namespaced) continue;
      for (const o of bucket.itemsIn(ns)) removeNow(bucket, o);
    }
  }

  function afterUpdate(b: Bucket, obj: KObject): KObject {
    const m = obj.metadata;
    // An object waiting only for its finalizers goes once the last one is removed (grace 0 or none).
    if (m.deletionTimestamp && !(m.finalizers?.length) && !m.deletionGracePeriodSeconds) {
      return removeNow(b, obj);
    }
    return obj;
  }

  const api: SimStore = {
    now,
    currentResourceVersion: () => rv,
    resources: () => registry.all(),
    registryGeneration: () => registry.generation,
    info: (gvr) => registry.versionInfo(gvr),
    lookup: (group, version, resource) => registry.versionInfo({ group, version, resource }),
    getRef(gvr, namespace, name) {
      const b = bucketOf(gvr);
      const o = b.get(b.info.namespaced ? (namespace ?? '') : '', name);
      return o && withVersion(o, registry.versionInfo(gvr) ?? b.info);
    },
    get(gvr, namespace, name) {
      const o = api.getRef(gvr, namespace, name);
      return o && clone(o);
    },
    scan(gvr, namespace, opts = {}) {
      const b = bucketOf(gvr);
      const info = registry.versionInfo(gvr) ?? b.info;
      const labelSel = parseLabelSelector(opts.labelSelector);
      const fieldSel = compileFieldSelector(info, parseFieldSelector(opts.fieldSelector));
      const items = b.sorted(b.info.namespaced ? namespace : undefined);
      const out: KObject[] = [];
      for (const stored of items) {
        const o = withVersion(stored, info);
        if (labelSel.length && !matchLabels(labelSel, o.metadata.labels)) continue;
        if (fieldSel && !fieldSel(o)) continue;
        out.push(o);
      }
      return out;
    },
    list(gvr, namespace, opts) {
      return { items: api.scan(gvr, namespace, opts).map(clone), resourceVersion: String(rv) };
    },
    create: (gvr, obj) =>
      viaCore(gvr, obj, (g, input) => {
        const { b, obj: o } = prepareCreate(g, input!);
        return clone(put(b, o, 'ADDED'));
      }),
    dryRunCreate: (gvr, obj) => viaCore(gvr, obj, (g, input) => prepareCreate(g, input!).obj),
    update: (gvr, obj) =>
      viaCore(gvr, obj, (g, input) => {
        const { b, obj: o, old } = prepareUpdate(g, input!, true);
        if (sameContent(o, old)) return clone(old); // no-op updates do not bump the resourceVersion (apiserver behaviour)
        return clone(afterUpdate(b, put(b, o, 'MODIFIED', old)));
      }),
    dryRunUpdate: (gvr, obj) => viaCore(gvr, obj, (g, input) => prepareUpdate(g, input!, true).obj),
    createShared: (gvr, obj) =>
      viaCore(gvr, obj, (g, input) => {
        const { b, obj: o } = prepareCreate(g, input!);
        return put(b, o, 'ADDED');
      }),
    updateOwned: (gvr, obj) =>
      viaCore(gvr, obj, (g, input) => {
        const { b, obj: o, old } = prepareUpdate(g, input!, false, true);
        if (sameContent(o, old)) return old;
        return afterUpdate(b, put(b, o, 'MODIFIED', old));
      }),
    view: (obj, gvr) => withVersion(obj, registry.versionInfo(gvr) ?? bucketOf(gvr).info),
    storageKey: (gvr) => registry.bucket(gvr)?.key,
    mutate(gvr, namespace, name, fn) {
      const cur = api.get(gvr, namespace, name);
      if (!cur) return undefined;
      fn(cur);
      cur.metadata.resourceVersion = undefined;
      return api.update(gvr, cur);
    },
    remove: (gvr, namespace, name) =>
      viaCore(gvr, undefined, (g) => {
        const b = bucketOf(g);
        const o = b.get(b.info.namespaced ? (namespace ?? '') : '', name);
        return o ? clone(removeNow(b, o)) : undefined;
      }),
    delete(gvr, namespace, name, dopts = {}) {
      const r = deleteObject({ bucketOf, removeNow, put, now, finalizeNamespaceContents }, isEventsV1(gvr) ? CORE_EVENTS : gvr, namespace, name, dopts);
      return isEventsV1(gvr) ? { ...r, object: coreToEventsV1(r.object) } : r;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeRaw(listener) {
      rawListeners.add(listener);
      return () => rawListeners.delete(listener);
    },
    eventsSince: (since) => history.since(since, rv),
    addAdmission(hook) {
      hooks.push(hook);
    },
    registerResource(info) {
      registry.register(info);
    },
    unregisterResource(gvr) {
      registry.unregister(gvr);
    },
    snapshot(opts?: { shared?: boolean }) {
      // `shared`: the store's own objects, for a caller that serialises at once (saving a 10,000-pod
      // cluster would otherwise copy every object first).
      const copy = opts?.shared ? (o: KObject) => o : clone;
      const objects: Snapshot['objects'] = [];
      for (const b of registry.buckets()) {
        for (const o of b.sorted(undefined)) objects.push({ gvr: { group: b.info.group, version: b.info.version, resource: b.info.resource }, object: copy(o) });
      }
      return { resourceVersion: rv, objects, resources: registry.all().filter((i) => i.custom).map(clone) };
    },
    restore(snap) {
      for (const info of snap.resources ?? []) registry.register(info);
      for (const { gvr, object } of snap.objects ?? []) {
        const b = registry.bucket(gvr);
        if (!b || !object?.metadata?.name) continue;
        const copy = clone(object);
        if (FREEZE) deepFreeze(copy);
        b.set(b.info.namespaced ? (object.metadata.namespace ?? '') : '', object.metadata.name, copy);
      }
      rv = Math.max(rv, snap.resourceVersion ?? 0);
      history.clear();
    },
  };
  return api;
}

/** Store restored from a snapshot (resourceVersion continues where it stopped). */
export function loadStore(snapshot: Snapshot, opts: StoreOptions = {}): SimStore {
  const s = createStore(opts);
  s.restore(snapshot);
  return s;
}

export { ApiError, gvrKey };
