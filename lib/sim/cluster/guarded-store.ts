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

export function guardedStore(store: PersistentStore): PersistentStore {
  const s = store as Scannable;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'mutate') {
        return ((gvr, namespace, name, fn) => {
          const cur = target.get(gvr, namespace, name);
          if (!cur) return undefined;
          const before = JSON.stringify(cur);
          const next = structuredClone(cur);
          fn(next);
          if (JSON.stringify(next) === before) return cur;
          next.metadata.resourceVersion = undefined;
          return target.update(gvr, next);
        }) as PersistentStore['mutate'];
      }
      if (prop === 'list' && typeof s.scan === 'function') {
        return ((gvr, namespace, opts) => {
          const items = s.scan!(gvr, namespace, opts);
          return { items: CHECK ? items.map((o) => deepFreeze(structuredClone(o))) : items, resourceVersion: String(target.currentResourceVersion()) };
        }) as PersistentStore['list'];
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
