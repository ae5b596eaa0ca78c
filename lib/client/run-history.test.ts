import { describe, expect, it } from 'vitest';
import { RunHistory } from './run-history';

describe('RunHistory', () => {
  it('walks back and forth and keeps the draft', () => {
    const h = new RunHistory(['a', 'b']);
    h.push('c');
    h.push('c');
    expect(h.entries).toEqual(['a', 'b', 'c']);
    expect(h.up('dra')).toBe('c');
    expect(h.up('c')).toBe('b');
    expect(h.up('b')).toBe('a');
    expect(h.up('a')).toBeNull();
    expect(h.down()).toBe('b');
    expect(h.down()).toBe('c');
    expect(h.down()).toBe('dra');
    expect(h.down()).toBeNull();
  });
  it('keeps at most max entries', () => {
    const h = new RunHistory([], 2);
    ['1', '2', '3'].forEach((x) => h.push(x));
    expect(h.entries).toEqual(['2', '3']);
  });
});
