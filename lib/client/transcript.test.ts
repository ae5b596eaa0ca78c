import { describe, expect, it } from 'vitest';
import { capWrites, loadTerminal } from './transcript';

describe('transcript', () => {
  it('caps by characters, dropping the oldest writes', () => {
    const w = (text: string) => ({ kind: 'out' as const, text });
    expect(capWrites([w('aaaa'), w('bb'), w('cc')], 5).map((x) => x.text)).toEqual(['bb', 'cc']);
  });
  it('ignores corrupt storage', () => {
    const s = { getItem: () => '{"v":1,"writes":[{"kind":"evil","text":1},{"kind":"out","text":"ok"}],"job":{"jobId":3}}', setItem() {}, removeItem() {} };
    expect(loadTerminal(s, 'k')).toEqual({ v: 1, job: null, writes: [{ kind: 'out', text: 'ok' }] });
    expect(loadTerminal({ ...s, getItem: () => 'nope' }, 'k').writes).toEqual([]);
  });
});
