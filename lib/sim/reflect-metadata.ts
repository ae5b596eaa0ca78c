// @peculiar/x509 pulls in tsyringe, which refuses to load without a Reflect metadata polyfill
// (reflect-metadata is not a dependency). tsyringe only needs these four calls; a WeakMap suffices.
type Meta = Map<unknown, unknown>;
const store = new WeakMap<object, Map<string | symbol | undefined, Meta>>();

function own(target: object, key: string | symbol | undefined, create: boolean): Meta | undefined {
  let byKey = store.get(target);
  if (!byKey) {
    if (!create) return undefined;
    byKey = new Map();
    store.set(target, byKey);
  }
  let m = byKey.get(key);
  if (!m && create) {
    m = new Map();
    byKey.set(key, m);
  }
  return m;
}

const R = Reflect as unknown as Record<string, unknown>;
if (typeof R.getMetadata !== 'function') {
  R.defineMetadata = (k: unknown, v: unknown, target: object, prop?: string | symbol) => {
    own(target, prop, true)!.set(k, v);
  };
  R.getOwnMetadata = (k: unknown, target: object, prop?: string | symbol) => own(target, prop, false)?.get(k);
  R.hasOwnMetadata = (k: unknown, target: object, prop?: string | symbol) => own(target, prop, false)?.has(k) ?? false;
  R.getMetadata = (k: unknown, target: object, prop?: string | symbol) => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const m = own(t, prop, false);
      if (m?.has(k)) return m.get(k);
    }
    return undefined;
  };
  R.metadata = (k: unknown, v: unknown) => (target: object, prop?: string | symbol) => {
    own(target, prop, true)!.set(k, v);
  };
}
export {};
