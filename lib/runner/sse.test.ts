import { describe, expect, it } from 'vitest';
import { parseLastEventId, sseEvent, sseReset } from './sse';
import { ssePing, sseRetry } from '../api/sse';

const ID = 'a'.repeat(32);

describe('SSE framing', () => {
  it('frames an event as id, event and one data line of JSON', () => {
    const frame = sseEvent(ID, { seq: 7, type: 'out', data: 'line 1\nline 2\r\n\u2028end' });
    expect(frame).toBe(`id: ${ID}:7\nevent: out\ndata: "line 1\\nline 2\\r\\n\\u2028end"\n\n`);
    expect(frame.split('\n').filter((l) => l.startsWith('data:'))).toHaveLength(1);
    expect(JSON.parse(frame.split('\n')[2].slice(6))).toBe('line 1\nline 2\r\n\u2028end');
  });

  it('frames reset, retry and ping', () => {
    expect(sseReset(ID, 120)).toBe(`event: reset\ndata: {"jobId":"${ID}","oldestSeq":120}\n\n`);
    expect(sseRetry()).toBe('retry: 2000\n\n');
    expect(ssePing()).toBe(': ping\n\n');
    expect(() => sseEvent('x\nevent: evil', { seq: 1, type: 'out', data: '' })).toThrow();
  });

  it('parses Last-Event-ID for this job only (G2)', () => {
    expect(parseLastEventId(`${ID}:42`, ID)).toBe(42);
    expect(parseLastEventId(`${ID}:0`, ID)).toBe(0);
    expect(parseLastEventId(null, ID)).toBeNull();
    expect(parseLastEventId('', ID)).toBeNull();
    expect(parseLastEventId(`${'b'.repeat(32)}:42`, ID)).toBeNull();
    expect(parseLastEventId('abc', ID)).toBeNull();
    expect(parseLastEventId(`${ID}:abc`, ID)).toBeNull();
    expect(parseLastEventId(`${ID}:-1`, ID)).toBeNull();
    expect(parseLastEventId(`${ID}:1e3`, ID)).toBeNull();
    expect(parseLastEventId(`${ID}:${'9'.repeat(16)}`, ID)).toBeNull();
    expect(parseLastEventId(`${ID}:${'1'.repeat(10_000)}`, ID)).toBeNull();
  });
});
