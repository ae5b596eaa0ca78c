// Helpers for the JSON values the simulated apiserver stores (plain objects, arrays, strings,
// numbers, booleans, null).

type Obj = Record<string, unknown>;

/**
 * Deep copy of a JSON value. Unlike structuredClone it shares strings (immutable anyway) instead of
 * copying each one, which keeps a 10,000-pod store from holding thousands of copies of "default" —
 * and it is several times faster on these small nested objects.
 */
export function jsonClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = jsonClone(v[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v); // not JSON (a Date, a Map): keep its type
  const out: Obj = {};
  for (const k of Object.keys(v)) {
    const c = jsonClone((v as Obj)[k]);
    // A "__proto__" key (JSON.parse makes it an own property) must stay data, not become a prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    else out[k] = c;
  }
  return out as T;
}

/**
 * Structural equality: keys whose value is undefined count as absent (JSON.stringify drops them),
 * key order does not matter. Replaces comparing two JSON.stringify results on every write.
 * `ignore`: top-level keys of `a`/`b` left out of the comparison.
 */
export function jsonEqual(a: unknown, b: unknown, ignore?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  let na = 0;
  for (const k of Object.keys(a)) {
    const va = (a as Obj)[k];
    if (va === undefined || ignore?.has(k)) continue;
    na++;
    if (!jsonEqual(va, (b as Obj)[k])) return false;
  }
  let nb = 0;
  for (const k of Object.keys(b)) if ((b as Obj)[k] !== undefined && !ignore?.has(k)) nb++;
  return na === nb;
}

/** Deep-freezes a JSON value (tests only: makes any in-place write to a shared object throw). */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
