// The store as controllers use it. Controllers reconcile everything on every change, so:
// - writes must be no-ops when nothing changed (mutate skips updates whose result equals the stored object);
// - reads and writes must not copy objects needlessly: `get`/`list` hand out the store's own objects
//   (via `getRef`/`scan`), and create/mutate get the stored object back (`createShared`;
//   mutate hands its own copy over with `updateOwned`). Controllers treat all of them as read-only and change objects only
//   through mutate/create/remove. Under Vitest they are frozen, so a controller that writes to one
//   fails its tests instead of corrupting the store.
import type { ListOptions, PersistentStore, GVR, KObject } from '@/lib/sim/store/types';
import { deepFreeze, jsonClone, jsonEqual } from '@/lib/sim/store/json-values';

type Scannable = PersistentStore & {
  scan?(gvr: GVR, namespace: string | undefined, opts?: ListOptions): KObject[];
  getRef?: PersistentStore['get'];
  createShared?: PersistentStore['create'];
  updateOwned?: PersistentStore['update'];
};

const CHECK = !!process.env.VITEST;
const shared = <T>(o: T): T => (CHECK ? deepFreeze(o) : o);

const NODE_SELECTOR = /^spec\.nodeName=([a-z0-9.-]+)$/;
const isPods = (g: GVR) => g.group === '' && g.resource === 'pods';

/**
 * Pods by node, kept up to date from store events: every kubelet asks "my pods" on every change, and
 * answering that by scanning all pods made a 1,000-node cluster quadratic.
 */
function podsByNodeIndex(store: Scannable) {
  const byNode = new Map<string, Map<string, KObject>>();
  let primed = false;
  const key = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;
  const nodeOf = (o: KObject | undefined) => (o?.spec as { nodeName?: string } | undefined)?.nodeName;
  const add = (o: KObject) => {
    const n = nodeOf(o);
    if (!n) return;
    let m = byNode.get(n);
    if (!m) byNode.set(n, (m = new Map()));
    m.set(key(o), o);
  };
  store.subscribe((ev) => {
    if (!primed || !isPods(ev.gvr)) return;
    const oldNode = nodeOf(ev.old);
    if (oldNode) byNode.get(oldNode)?.delete(key(ev.old!));
    if (ev.type === 'DELETED') byNode.get(nodeOf(ev.object) ?? '')?.delete(key(ev.object));
    else add(ev.object);
  });
  return (node: string): KObject[] => {
    if (!primed) {
      for (const o of store.scan!({ group: '', version: 'v1', resource: 'pods' }, undefined)) add(o);
      primed = true;
    }
    const m = byNode.get(node);
    // etcd key order is byte order (not the locale's).
    return m ? [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]) : [];
  };
}

export function guardedStore(store: PersistentStore): PersistentStore {
  const s = store as Scannable;
  const target = store;
  const podsOn = typeof s.scan === 'function' ? podsByNodeIndex(s) : undefined;
  // Built once: the proxy is read on every store call of every controller.
  const overrides = new Map<PropertyKey, unknown>();
  overrides.set('mutate', ((gvr, namespace, name, fn) => {
    // The store's own object (read only) when it offers one: one copy per write.
    const cur = s.getRef ? s.getRef.call(target, gvr, namespace, name) : target.get(gvr, namespace, name);
    if (!cur) return undefined;
    const next = jsonClone(cur);
    fn(next);
    if (jsonEqual(next, cur)) return shared(cur);
    next.metadata.resourceVersion = undefined;
    return s.updateOwned ? shared(s.updateOwned.call(target, gvr, next)) : target.update(gvr, next);
  }) as PersistentStore['mutate']);
  if (s.createShared) overrides.set('create', ((gvr, obj) => shared(s.createShared!.call(target, gvr, obj))) as PersistentStore['create']);
  if (s.getRef)
    overrides.set('get', ((gvr, namespace, name) => {
      const o = s.getRef!.call(target, gvr, namespace, name);
      return o && shared(o);
    }) as PersistentStore['get']);
  if (typeof s.scan === 'function')
    overrides.set('list', ((gvr, namespace, opts) => {
      const byNode = podsOn && isPods(gvr) && namespace === undefined && !opts?.labelSelector && opts?.fieldSelector ? NODE_SELECTOR.exec(opts.fieldSelector) : null;
      const items = byNode ? podsOn!(byNode[1]) : s.scan!(gvr, namespace, opts);
      return { items: CHECK ? items.map(shared) : items, resourceVersion: String(target.currentResourceVersion()) };
    }) as PersistentStore['list']);
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(t, prop, receiver) {
      if (overrides.has(prop)) return overrides.get(prop);
      const v = Reflect.get(t, prop, receiver);
      if (typeof v !== 'function') return v;
      let b = bound.get(prop) as { fn: unknown; bound: unknown } | undefined;
      if (!b || b.fn !== v) bound.set(prop, (b = { fn: v, bound: v.bind(t) }));
      return b.bound;
    },
  });
}
