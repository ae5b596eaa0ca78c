// RFC 6902 JSON patch (add, remove, replace, move, copy, test) with RFC 6901 pointers.
import { ApiError } from '../../store/types';
import { jsonEqual as deepEqual } from '../../store/json-values';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

export class JsonPatchError extends Error {}

function parsePointer(p: unknown): string[] {
  if (typeof p !== 'string') throw new JsonPatchError('missing or non-string "path"');
  if (p === '') return [];
  if (!p.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer "${p}"`);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: AnyObj, parts: string[], op: string, path: string): { parent: AnyObj; key: string } {
  let cur = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i];
    if (cur === null || typeof cur !== 'object' || !(Array.isArray(cur) ? /^\d+$/.test(k) && +k < cur.length : Object.prototype.hasOwnProperty.call(cur, k))) {
      throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    }
    cur = cur[k];
  }
  if (cur === null || typeof cur !== 'object') throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return { parent: cur, key: parts[parts.length - 1] };
}

function get(doc: AnyObj, path: string, op: string): unknown {
  let cur = doc;
  for (const k of parsePointer(path)) {
    if (cur === null || typeof cur !== 'object') throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    if (Array.isArray(cur) ? !(/^\d+$/.test(k) && +k < cur.length) : !Object.prototype.hasOwnProperty.call(cur, k))
      throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    cur = cur[k];
  }
  return cur;
}

function add(doc: AnyObj, path: string, value: unknown, op = 'add'): AnyObj {
  const parts = parsePointer(path);
  if (!parts.length) return structuredClone(value);
  const { parent, key } = parentOf(doc, parts, op, path);
  if (Array.isArray(parent)) {
    if (key === '-') parent.push(structuredClone(value));
    else {
      if (!/^\d+$/.test(key) || +key > parent.length) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      parent.splice(+key, 0, structuredClone(value));
    }
  } else parent[key] = structuredClone(value);
  return doc;
}

function remove(doc: AnyObj, path: string, op = 'remove'): AnyObj {
  const parts = parsePointer(path);
  if (!parts.length) throw new JsonPatchError(`${op} operation does not apply: cannot remove the whole document`);
  const { parent, key } = parentOf(doc, parts, op, path);
  if (Array.isArray(parent)) {
    if (!/^\d+$/.test(key) || +key >= parent.length) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(+key, 1);
  } else {
    if (!Object.prototype.hasOwnProperty.call(parent, key)) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    delete parent[key];
  }
  return doc;
}

export function applyJsonPatch(input: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new ApiError(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc: AnyObj = structuredClone(input);
  try {
    for (const raw of patch) {
      const o = raw as AnyObj;
      if (!o || typeof o !== 'object') throw new JsonPatchError('invalid operation');
      switch (o.op) {
        case 'add':
          if (!('value' in o)) throw new JsonPatchError('add operation does not apply: missing value');
          doc = add(doc, o.path, o.value);
          break;
        case 'remove':
          doc = remove(doc, o.path);
          break;
        case 'replace':
          if (!('value' in o)) throw new JsonPatchError('replace operation does not apply: missing value');
          get(doc, o.path, 'replace');
          if (parsePointer(o.path).length === 0) doc = structuredClone(o.value);
          else {
            doc = remove(doc, o.path, 'replace');
            doc = add(doc, o.path, o.value, 'replace');
          }
          break;
        case 'move': {
          const v = get(doc, o.from, 'move');
          doc = remove(doc, o.from, 'move');
          doc = add(doc, o.path, v, 'move');
          break;
        }
        case 'copy':
          doc = add(doc, o.path, get(doc, o.from, 'copy'), 'copy');
          break;
        case 'test': {
          const v = get(doc, o.path, 'test');
          if (!deepEqual(v, o.value)) throw new JsonPatchError(`testing value ${o.path} failed: test failed`);
          break;
        }
        default:
          throw new JsonPatchError(`Unexpected kind: ${String(o.op)}`);
      }
    }
  } catch (e) {
    if (e instanceof JsonPatchError) {
      // apiserver: NewGenericServerResponse(422, …) drops the library's message; kubectl then prints
      // "The request is invalid: the server rejected our request due to an error in our request".
      const err = new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request');
      (err as ApiError & { cause?: string }).cause = e.message;
      throw err;
    }
    throw e;
  }
  return doc;
}
