// Strategic merge patch (application/strategic-merge-patch+json) for built-in kinds:
// merge-keyed lists, $patch replace/delete, $retainKeys, $setElementOrder/…, $deleteFromPrimitiveList/….
import { ApiError } from '../../store/types';
import { isPlainObject } from './merge';
import { listStrategy } from './strategy';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIM = '$deleteFromPrimitiveList/';

function bad(msg: string): ApiError {
  return new ApiError(400, 'BadRequest', msg);
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isPlainObject(x) && x.$patch !== undefined && Object.keys(x).length === 1)).map(stripDirectives);
  if (!isPlainObject(v)) return v;
  const out: AnyObj = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIM)) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}

function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (a != null && b != null && String(a) === String(b) && typeof a !== 'object');
}

function mergeList(kind: string, original: unknown, patch: unknown[], path: string[], opts: { deleteNulls: boolean }): unknown[] {
  const replaceMarker = patch.findIndex((x) => isPlainObject(x) && x.$patch === 'replace');
  if (replaceMarker >= 0) return stripDirectives(patch.filter((_, i) => i !== replaceMarker)) as unknown[];
  const strat = listStrategy(kind, path);
  const orig = Array.isArray(original) ? original : [];
  if (!strat) return stripDirectives(patch) as unknown[];
  if (strat.primitiveMerge) {
    const out = [...orig];
    for (const x of patch) if (!out.some((y) => sameKey(y, x))) out.push(x);
    return out;
  }
  const key = strat.mergeKey!;
  const out: unknown[] = orig.map((x) => x);
  for (const item of patch) {
    if (!isPlainObject(item)) {
      if (!out.some((y) => sameKey(y, item))) out.push(item);
      continue;
    }
    if (!(key in item)) throw bad(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const idx = out.findIndex((y) => isPlainObject(y) && sameKey(y[key], item[key]));
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = mergeMap(kind, out[idx], item, path, opts);
    else out.push(mergeMap(kind, {}, item, path, opts));
  }
  return out;
}

function reorder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const keyOf = (x: unknown) => (key && isPlainObject(x) ? String(x[key]) : JSON.stringify(x));
  const orderKeys = order.map((o) => (key && isPlainObject(o) ? String(o[key]) : JSON.stringify(o)));
  const first: unknown[] = [];
  for (const k of orderKeys) {
    const found = list.find((x) => keyOf(x) === k);
    if (found !== undefined) first.push(found);
  }
  const rest = list.filter((x) => !orderKeys.includes(keyOf(x)));
  return [...first, ...rest];
}

export function mergeMap(kind: string, original: unknown, patch: AnyObj, path: string[], opts: { deleteNulls: boolean }): AnyObj {
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch !== undefined && patch.$patch !== 'merge' && patch.$patch !== 'delete') throw bad(`Unknown patch strategy: ${String(patch.$patch)}`);
  const result: AnyObj = isPlainObject(original) ? { ...original } : {};
  const orders: Array<[string, unknown[]]> = [];
  const prims: Array<[string, unknown[]]> = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith(SET_ORDER)) {
      if (Array.isArray(v)) orders.push([k.slice(SET_ORDER.length), v]);
      continue;
    }
    if (k.startsWith(DELETE_PRIM)) {
      if (Array.isArray(v)) prims.push([k.slice(DELETE_PRIM.length), v]);
      continue;
    }
    if (v === null) {
      if (opts.deleteNulls) delete result[k];
      continue;
    }
    if (isPlainObject(v)) {
      if (v.$patch === 'delete') delete result[k];
      else result[k] = mergeMap(kind, result[k], v, [...path, k], opts);
    } else if (Array.isArray(v)) {
      result[k] = mergeList(kind, result[k], v, [...path, k], opts);
    } else result[k] = v;
  }
  for (const [f, vals] of prims) {
    if (Array.isArray(result[f])) result[f] = result[f].filter((x: unknown) => !vals.some((v) => sameKey(v, x)));
  }
  for (const [f, order] of orders) {
    if (Array.isArray(result[f])) result[f] = reorder(result[f], order, listStrategy(kind, [...path, f])?.mergeKey);
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set<string>(patch.$retainKeys.map(String));
    for (const k of Object.keys(result)) if (!keep.has(k) && !(k in patch)) delete result[k];
  }
  return result;
}

export function strategicMergePatch(original: AnyObj, patch: unknown): AnyObj {
  if (!isPlainObject(patch)) throw bad('json: cannot unmarshal array into Go value of type map[string]interface {}');
  return mergeMap(String(original?.kind ?? ''), original, patch, [], { deleteNulls: true });
}
