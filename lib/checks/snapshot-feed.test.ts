import { describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '@/lib/client/fake-event-source';
import { CLUSTER_STREAM_URL, SnapshotFeed, parseSnapshot } from './snapshot-feed';

const snap = (at: number, reachable = true) => ({ reachable, mode: 'sim', nodes: [], pods: [], events: [], namespaces: [], revision: at, at });

describe('SnapshotFeed', () => {
  it('opens one stream for all subscribers, keeps the newest snapshot, and closes with the last one', () => {
    FakeEventSource.all = [];
    const feed = new SnapshotFeed((url) => new FakeEventSource(url));
    let calls = 0;
    const off1 = feed.subscribe(() => calls++);
    const off2 = feed.subscribe(() => calls++);
    expect(FakeEventSource.all.map((e) => e.url)).toEqual([CLUSTER_STREAM_URL]);
    const es = FakeEventSource.all[0];
    es.open();
    expect(feed.current).toEqual({ snapshot: null, connected: true });
    es.send('snapshot', '1', snap(10));
    expect(feed.current.snapshot?.at).toBe(10);
    es.send('snapshot', '2', snap(5)); // older: ignored
    expect(feed.current.snapshot?.at).toBe(10);
    es.send('snapshot', '3', { nodes: 'x' }); // malformed: ignored
    expect(feed.current.snapshot?.at).toBe(10);
    es.fail(0);
    expect(feed.current.connected).toBe(false);
    expect(calls).toBeGreaterThanOrEqual(6);
    off1();
    expect(es.closed).toBe(false);
    off2();
    expect(es.closed).toBe(true);
    feed.subscribe(() => {});
    expect(FakeEventSource.all).toHaveLength(2);
  });

  it('reopens a stream the browser gave up on (401 before the session existed)', () => {
    vi.useFakeTimers();
    try {
      FakeEventSource.all = [];
      const feed = new SnapshotFeed((url) => new FakeEventSource(url));
      const off = feed.subscribe(() => {});
      FakeEventSource.all[0].fail(2); // CLOSED: EventSource will not retry by itself
      expect(feed.current.connected).toBe(false);
      vi.advanceTimersByTime(600);
      expect(FakeEventSource.all).toHaveLength(2);
      FakeEventSource.all[1].open();
      FakeEventSource.all[1].send('snapshot', '1', snap(3));
      expect(feed.current).toMatchObject({ connected: true, snapshot: { at: 3 } });
      off();
      FakeEventSource.all[1].fail(2);
      vi.advanceTimersByTime(20_000);
      expect(FakeEventSource.all).toHaveLength(2); // nobody listens: no reopen
    } finally {
      vi.useRealTimers();
    }
  });

  it('parses only snapshot-shaped JSON', () => {
    expect(parseSnapshot(JSON.stringify(snap(1, false)))?.reachable).toBe(false);
    expect(parseSnapshot('{')).toBeNull();
    expect(parseSnapshot(JSON.stringify({ reachable: true, nodes: [] }))).toBeNull();
    expect(parseSnapshot('x'.repeat(5 * 1024 * 1024))).toBeNull();
  });
});
