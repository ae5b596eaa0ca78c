// Controllers reconcile everything on every change, so their writes must be no-ops when nothing
// changed; this wrapper skips updates whose result equals the stored object.
import type { PersistentStore } from '@/lib/sim/store/types';

export function guardedStore(store: PersistentStore): PersistentStore {
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
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
