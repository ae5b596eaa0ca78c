import { describe, expect, it } from 'vitest';
import { loadProgress, visit } from './lesson-progress';

describe('lesson progress', () => {
  const ids = ['a', 'b', 'c'];
  const store = (v: string | null) => ({ getItem: () => v });
  it('restores a known step and drops unknown ones', () => {
    expect(loadProgress(store('{"current":"b","visited":["a","zz"]}'), 'l', ids)).toEqual({ current: 'b', visited: ['a', 'b'] });
    expect(loadProgress(store('{"current":"gone","visited":[]}'), 'l', ids)).toBeNull();
    expect(loadProgress(store('garbage'), 'l', ids)).toBeNull();
    expect(loadProgress(store(null), 'l', ids)).toBeNull();
  });
  it('visit marks once', () => {
    expect(visit(visit({ current: 'a', visited: ['a'] }, 'b'), 'a')).toEqual({ current: 'a', visited: ['a', 'b'] });
  });
});
