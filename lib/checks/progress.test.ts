import { describe, expect, it } from 'vitest';
import { checkRef, markPassed, parseCheckProgress } from './progress';

describe('check progress', () => {
  it('keeps the first pass time of each check', () => {
    const p1 = markPassed({}, checkRef('create-cluster', 'four-nodes-not-ready'), 100);
    expect(p1).toEqual({ 'create-cluster/four-nodes-not-ready': 100 });
    expect(markPassed(p1, 'create-cluster/four-nodes-not-ready', 200)).toBe(p1);
  });

  it('drops junk and unknown checks from storage', () => {
    expect(parseCheckProgress('{"a/b": 5, "c/d": "x", "e/f": -1}')).toEqual({ 'a/b': 5 });
    expect(parseCheckProgress('{"a/b": 5, "x/y": 6}', new Set(['x/y']))).toEqual({ 'x/y': 6 });
    expect(parseCheckProgress('[1]')).toEqual({});
    expect(parseCheckProgress('nope')).toEqual({});
    expect(parseCheckProgress(null)).toEqual({});
  });
});
