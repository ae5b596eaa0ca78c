import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '@/lib/cluster/types';
import { LiveChecks, type FeedLike } from './live';
import { StepCheck } from './schema';

const check = (id: string, expect: unknown, holdSeconds = 0) => StepCheck.parse({ id, title: { en: id, ja: id }, expect, holdSeconds });
const snap = (context: string, at: number): ClusterSnapshot => ({ reachable: true, mode: 'sim', context, nodes: [], pods: [], events: [], namespaces: [], revision: at, at });

class Feed implements FeedLike {
  current: FeedLike['current'] = { snapshot: null, connected: false };
  cbs = new Set<() => void>();
  subscribe(cb: () => void) {
    this.cbs.add(cb);
    return () => this.cbs.delete(cb);
  }
  push(s: ClusterSnapshot) {
    this.current = { snapshot: s, connected: true };
    for (const cb of this.cbs) cb();
  }
}

function setup() {
  let now = 0;
  const timers: Array<{ fn: () => void; at: number; id: number }> = [];
  let nextId = 1;
  const passes: string[] = [];
  const feed = new Feed();
  const live = new LiveChecks(feed, {
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ fn, at: now + ms, id });
      return id;
    },
    clearTimer: (id) => timers.splice(timers.findIndex((t) => t.id === id) >>> 0, 1),
    onPass: (l, s, c, at) => passes.push(`${l}/${s}/${c}@${at}`),
  });
  /** Advances the fake clock, firing due timers in order. */
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      now = t.at;
      t.fn();
    }
    now = end;
  };
  return { feed, live, passes, advance, setNow: (n: number) => (now = n), timers };
}

describe('LiveChecks', () => {
  it('evaluates the visible step on each snapshot, holds with a countdown, and reports the first pass', () => {
    const { feed, live, passes, advance } = setup();
    const checks = [check('ctx', { context: 'kind-test' }, 3)];
    let renders = 0;
    const off = live.subscribe(() => renders++);
    live.select('l1', 'context', checks);
    expect(live.getSnapshot().verdicts.ctx).toEqual({ state: 'pending' });

    feed.push(snap('kind-other', 1));
    expect(live.getSnapshot().verdicts.ctx.state).toBe('fail');
    feed.push(snap('kind-test', 2));
    expect(live.getSnapshot().verdicts.ctx).toMatchObject({ state: 'holding', remainingMs: 3000 });
    advance(1000);
    expect(live.getSnapshot().verdicts.ctx).toMatchObject({ state: 'holding', remainingMs: 2000 });
    expect(passes).toEqual([]);
    advance(2000);
    expect(live.getSnapshot().verdicts.ctx.state).toBe('pass');
    expect(passes).toEqual(['l1/context/ctx@3000']);
    expect(renders).toBeGreaterThanOrEqual(5);

    // A later failure shows as fail; a new pass is reported again (the store keeps the first time).
    feed.push(snap('kind-other', 3));
    expect(live.getSnapshot().verdicts.ctx.state).toBe('fail');
    off();
  });

  it('only the visible step is evaluated; a step visited again shows its last verdicts', () => {
    const { feed, live } = setup();
    const a = [check('a', { context: 'kind-test' })];
    const b = [check('b', { context: 'kind-b' })];
    live.subscribe(() => {});
    live.select('l', 'sa', a);
    feed.push(snap('kind-test', 1));
    expect(live.getSnapshot()).toMatchObject({ stepId: 'sa', verdicts: { a: { state: 'pass' } } });
    live.select('l', 'sb', b);
    expect(live.getSnapshot()).toMatchObject({ stepId: 'sb', verdicts: { b: { state: 'fail' } } });
    feed.push(snap('kind-b', 2));
    expect(live.getSnapshot().verdicts.b.state).toBe('pass');
    live.select('l', 'sa', a);
    // Step a is evaluated again on return, against the current snapshot.
    expect(live.getSnapshot().verdicts.a.state).toBe('fail');
  });

  it('stops listening to the feed and its timers when nobody watches', () => {
    const { feed, live, timers } = setup();
    const off = live.subscribe(() => {});
    live.select('l', 's', [check('x', { context: 'kind-test' }, 5)]);
    feed.push(snap('kind-test', 1));
    expect(feed.cbs.size).toBe(1);
    expect(timers).toHaveLength(1);
    off();
    expect(feed.cbs.size).toBe(0);
    expect(timers).toHaveLength(0);
  });
});
