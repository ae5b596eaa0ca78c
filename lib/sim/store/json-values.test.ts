import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepFreeze, jsonClone, jsonEqual } from './json-values';

describe('jsonClone', () => {
  it('copies objects and arrays deeply and shares nothing mutable', () => {
    const a = { metadata: { name: 'x', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] }, n: null, b: true };
    const c = jsonClone(a);
    expect(c).toEqual(a);
    c.metadata.labels.app = 'other';
    c.spec.containers[0].ports[0].containerPort = 81;
    expect(a.metadata.labels.app).toBe('web');
    expect(a.spec.containers[0].ports[0].containerPort).toBe(80);
  });

  it('keeps a "__proto__" key as data instead of changing the prototype', () => {
    const parsed = JSON.parse('{"metadata":{"__proto__":{"polluted":true},"name":"x"}}');
    const c = jsonClone(parsed);
    expect(Object.getPrototypeOf(c.metadata)).toBe(Object.prototype);
    expect(Object.keys(c.metadata)).toEqual(['__proto__', 'name']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(c)).toBe(JSON.stringify(parsed));
  });

  it('keeps non-JSON values (a Date) as what they are', () => {
    const d = new Date(0);
    const c = jsonClone({ d });
    expect(c.d).toBeInstanceOf(Date);
    expect(c.d).not.toBe(d);
  });

  it('round-trips any JSON value like JSON.parse(JSON.stringify())', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.stringify(jsonClone(v))).toBe(JSON.stringify(v));
      }),
    );
  });
});

describe('jsonEqual', () => {
  it('ignores key order and undefined-valued keys, like comparing stored JSON', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: '1' }, { a: 1 })).toBe(false);
  });

  it('leaves out the top-level keys it is told to ignore, only at the top', () => {
    const ignore = new Set(['status']);
    expect(jsonEqual({ spec: 1, status: 'a' }, { spec: 1, status: 'b' }, ignore)).toBe(true);
    expect(jsonEqual({ spec: { status: 'a' } }, { spec: { status: 'b' } }, ignore)).toBe(false);
  });

  it('agrees with comparing JSON.stringify output for values with the same key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(jsonEqual(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(jsonEqual(a, jsonClone(a))).toBe(true);
      }),
    );
  });
});

describe('deepFreeze', () => {
  it('makes nested writes throw (strict mode)', () => {
    const o = deepFreeze({ a: { b: [1] } });
    expect(() => ((o.a as { b: number[] }).b[0] = 2)).toThrow(TypeError);
  });
});
