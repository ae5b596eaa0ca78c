// The store as controllers use it. Controllers reconcile everything on every change, so:
// - writes must be no-ops when nothing changed (mutate skips updates whose result equals the stored object);
// - reads must not deep-copy whole collections: `list` hands out the store's own objects (via `scan`),
//   which controllers treat as read-only and change only through mutate/create/remove. Under Vitest
//   those objects are frozen, so a controller that writes to one fails its tests instead of
//   corrupting the store.
import type { ListOptions, PersistentStore, GVR, KObject } from '@/lib/sim/store/types';

type Scannable = PersistentStore & { scan?(gvr: GVR, namespace: string | undefined, opts?: ListOptions): KObject[] };

const CHECK = !!process.env.VITEST;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

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
    return m ? [...m.values()].sort((a, b) => key(a).localeCompare(key(b))) : [];
  };
}

export function guardedStore(store: PersistentStore): PersistentStore {
  const s = store as Scannable;
  const podsOn = typeof s.scan === 'function' ? podsByNodeIndex(s) : undefined;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'mutate') {
        return ((gvr, namespace, name, fn) => {
          // The store's own object (read only) when it offers one: one copy per write, not two.
          const cur = (s as { getRef?: PersistentStore['get'] }).getRef?.call(target, gvr, namespace, name) ?? target.get(gvr, namespace, name);
          if (!cur) return undefined;
          const before = JSON.stringify(cur);
          const next = structuredClone(cur);
          fn(next);
          if (JSON.stringify(next) === before) return structuredClone(cur);
          next.metadata.resourceVersion = undefined;
          return target.update(gvr, next);
        }) as PersistentStore['mutate'];
      }
      if (prop === 'list' && typeof s.scan === 'function') {
        return ((gvr, namespace, opts) => {
          const byNode = podsOn && isPods(gvr) && namespace === undefined && !opts?.labelSelector && opts?.fieldSelector ? NODE_SELECTOR.exec(opts.fieldSelector) : null;
          const items = byNode ? podsOn!(byNode[1]) : s.scan!(gvr, namespace, opts);
          return { items: CHECK ? items.map((o) => deepFreeze(structuredClone(o))) : items, resourceVersion: String(target.currentResourceVersion()) };
        }) as PersistentStore['list'];
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
