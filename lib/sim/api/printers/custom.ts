// Custom resources (CRD additionalPrinterColumns, default Age) and the generic default table.
import type { ResourceInfo } from '../../store/types';
import { since } from '../duration';
import { NAME_COL, col, type AnyObj, type Printer } from './common';
import { CREATED_AT_COL } from './cluster';

/** Evaluates the JSONPath subset CRDs use: .a.b, .a[0], .a[*], .a[?(@.k=="v")].b */
export function jsonPath(obj: unknown, path: string): unknown[] {
  let p = path.trim().replace(/^\{|\}$/g, '');
  if (p.startsWith('$')) p = p.slice(1);
  const tokens: Array<{ key?: string; index?: number; all?: boolean; filter?: { key: string; value: string } }> = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\[\*\]|\[\?\(@\.([^=!<>]+?)\s*==\s*["']?([^"'\]]*?)["']?\)\]|\[['"]([^'"]+)['"]\]/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(p))) {
    if (m.index !== consumed) return [];
    consumed = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ key: m[1] });
    else if (m[2] !== undefined) tokens.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) tokens.push({ filter: { key: m[3], value: m[4] } });
    else if (m[5] !== undefined) tokens.push({ key: m[5] });
    else tokens.push({ all: true });
  }
  if (consumed !== p.length) return [];
  let cur: unknown[] = [obj];
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v == null || typeof v !== 'object') continue;
      const o = v as AnyObj;
      if (t.key !== undefined) {
        if (o[t.key] !== undefined) next.push(o[t.key]);
      } else if (t.index !== undefined) {
        if (Array.isArray(o) && o[t.index] !== undefined) next.push(o[t.index]);
      } else if (t.all) {
        if (Array.isArray(o)) next.push(...o);
        else next.push(...Object.values(o));
      } else if (t.filter && Array.isArray(o)) {
        for (const item of o) if (item && String(jsonPath(item, `.${t.filter.key}`)[0]) === t.filter.value) next.push(item);
      }
    }
    cur = next;
  }
  return cur;
}

function cell(type: string, v: unknown, now: Date): unknown {
  if (v === undefined) return null;
  switch (type) {
    case 'date':
      return typeof v === 'string' ? since(v, now) : null;
    case 'integer':
      return typeof v === 'number' ? Math.trunc(v) : null;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    default:
      return typeof v === 'string' ? v : JSON.stringify(v);
  }
}

export function customResourcePrinter(info: ResourceInfo): Printer {
  const extra = info.printerColumns?.length
    ? info.printerColumns
    : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' }];
  return {
    columns: [
      NAME_COL,
      ...extra.map((c) => col(c.name, c.description ?? '', { type: c.type, format: c.format ?? '', priority: c.priority ?? 0 })),
    ],
    cells: (o, now) => [o.metadata?.name ?? '', ...extra.map((c) => cell(c.type, jsonPath(o, c.jsonPath)[0], now))],
  };
}

export const defaultPrinter: Printer = {
  columns: [NAME_COL, CREATED_AT_COL],
  cells: (o) => [o.metadata?.name ?? '', o.metadata?.creationTimestamp ?? null],
};
