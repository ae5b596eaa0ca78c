import { beforeEach, describe, expect, it } from 'vitest';
import { FakeEventSource } from './fake-event-source';
import { SeqGate, parseJobEvent, seqFromEventId } from './job-events';
import { openJobStream, type StreamStatus } from './job-stream';
import type { ClientJobEvent } from './job-events';

describe('event ids', () => {
  it('reads the seq of this job only', () => {
    expect(seqFromEventId('j1:7', 'j1')).toBe(7);
    expect(seqFromEventId('a:b:12', 'a:b')).toBe(12);
    expect(seqFromEventId('j2:7', 'j1')).toBeNull();
    expect(seqFromEventId('j1:x', 'j1')).toBeNull();
    expect(seqFromEventId('j1:', 'j1')).toBeNull();
    expect(seqFromEventId('', 'j1')).toBeNull();
    expect(seqFromEventId('j1:1e3', 'j1')).toBeNull();
  });

  it('rejects malformed data and unknown types', () => {
    expect(parseJobEvent('out', 'j:1', '"hi\\n"', 'j')).toEqual({ seq: 1, type: 'out', data: 'hi\n' });
    expect(parseJobEvent('out', 'j:1', '{"a":1}', 'j')).toBeNull();
    expect(parseJobEvent('exit', 'j:1', 'not json', 'j')).toBeNull();
    expect(parseJobEvent('message', 'j:1', '"x"', 'j')).toBeNull();
  });
});

describe('SeqGate', () => {
  it('lets every seq through once and counts what a reset lost', () => {
    const g = new SeqGate(3);
    expect([2, 3, 4, 4, 5, 1].map((s) => g.accept(s))).toEqual([false, false, true, false, true, false]);
    expect(g.reset(4)).toBe(0);
    expect(g.reset(10)).toBe(4); // 6,7,8,9 are gone
    expect(g.accept(9)).toBe(false);
    expect(g.accept(10)).toBe(true);
  });
});

describe('openJobStream', () => {
  beforeEach(() => {
    FakeEventSource.all = [];
  });
  const setup = (after = 0) => {
    const events: ClientJobEvent[] = [];
    const statuses: StreamStatus[] = [];
    const gaps: number[] = [];
    const timers: Array<() => void> = [];
    const handle = openJobStream(
      'job1',
      after,
      { onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s), onGap: (n) => gaps.push(n) },
      (url) => new FakeEventSource(url),
      { maxRetries: 2, setTimer: ((fn: () => void) => (timers.push(fn), 0)) as unknown as typeof setTimeout },
    );
    return { events, statuses, gaps, timers, handle };
  };

  it('resumes after the given seq and drops repeats and other jobs', () => {
    const { events, handle } = setup(2);
    const es = FakeEventSource.all[0];
    expect(es.url).toBe('/api/runs/job1/events?after=2');
    es.open();
    es.send('out', 'job1:2', 'old');
    es.send('out', 'job1:3', 'a');
    es.send('out', 'job1:3', 'a');
    es.send('out', 'job2:4', 'other job');
    es.send('err', 'job1:4', 'b');
    expect(events.map((e) => [e.seq, e.data])).toEqual([
      [3, 'a'],
      [4, 'b'],
    ]);
    expect(handle.lastSeq).toBe(4);
  });

  it('closes after exit', () => {
    const { events, statuses } = setup();
    const es = FakeEventSource.all[0];
    es.send('exit', 'job1:1', { exitCode: 0, signal: null, timedOut: false, cancelled: false, truncated: false, elapsedMs: 5 });
    expect(es.closed).toBe(true);
    es.send('out', 'job1:2', 'late');
    expect(events).toHaveLength(1);
    expect(statuses).toEqual(['closed']);
  });

  it('reopens with the last rendered seq when the browser gives up, then fails after the retry limit', () => {
    const { events, statuses, timers } = setup();
    const first = FakeEventSource.all[0];
    first.send('out', 'job1:1', 'x');
    first.send('out', 'job1:2', 'y');
    first.fail(0); // the browser reconnects by itself: only reported
    expect(FakeEventSource.all).toHaveLength(1);
    first.fail(2);
    expect(timers).toHaveLength(1);
    timers.shift()!();
    const second = FakeEventSource.all[1];
    expect(second.url).toBe('/api/runs/job1/events?after=2');
    second.send('out', 'job1:2', 'y'); // server repeats: dropped
    second.send('out', 'job1:3', 'z');
    expect(events.map((e) => e.data)).toEqual(['x', 'y', 'z']);
    second.fail(2);
    timers.shift()!();
    FakeEventSource.all[2].fail(2);
    expect(timers).toHaveLength(0);
    expect(statuses.at(-1)).toBe('failed');
  });

  it('reports events lost to a reset', () => {
    const { events, gaps } = setup(1);
    const es = FakeEventSource.all[0];
    es.send('reset', '', { jobId: 'other', oldestSeq: 9 }); // another job's: ignored
    es.send('reset', '', { jobId: 'job1', oldestSeq: 5 });
    es.send('out', 'job1:5', 'after gap');
    expect(gaps).toEqual([3]);
    expect(events.map((e) => e.seq)).toEqual([5]);
  });
});
