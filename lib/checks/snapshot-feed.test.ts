import { describe, expect, it } from 'vitest';
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

  it('parses only snapshot-shaped JSON', () => {
    expect(parseSnapshot(JSON.stringify(snap(1, false)))?.reachable).toBe(false);
    expect(parseSnapshot('{')).toBeNull();
    expect(parseSnapshot(JSON.stringify({ reachable: true, nodes: [] }))).toBeNull();
    expect(parseSnapshot('x'.repeat(5 * 1024 * 1024))).toBeNull();
  });
});
