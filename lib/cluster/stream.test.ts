// The SSE framing of snapshots: frames, pings, unsubscribe on abort, and only the newest snapshot
// for a reader that is behind.
import { describe, expect, it } from 'vitest';
import { snapshotEventStream, snapshotFrame } from './stream';
import type { ClusterSnapshot } from './types';
import type { Listener } from './watcher';

const snap = (revision: number, error = 'x\u2028y'): ClusterSnapshot => ({ reachable: false, error, mode: 'sim', nodes: [], pods: [], events: [], namespaces: [], revision, at: revision });

function fakeWatcher() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    subscribe(cb: Listener) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    emit(s: ClusterSnapshot) {
      for (const l of listeners) l(s);
    },
  };
}

async function readText(r: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const { value } = await r.read();
  return new TextDecoder().decode(value);
}

describe('snapshotEventStream', () => {
  it('frames each snapshot as one data line and escapes U+2028', () => {
    const f = snapshotFrame(snap(7));
    expect(f.startsWith('id: 7\nevent: snapshot\ndata: {')).toBe(true);
    expect(f.endsWith('}\n\n')).toBe(true);
    expect(f.split('\n')).toHaveLength(5);
    expect(f).toContain('x\\u2028y');
    expect(JSON.parse(f.split('\n')[2].slice(6)).error).toBe('x\u2028y');
  });

  it('sends retry, snapshots and pings, and unsubscribes when the request aborts', async () => {
    const w = fakeWatcher();
    const ac = new AbortController();
    const r = snapshotEventStream(w, ac.signal, { pingMs: 20 }).getReader();
    expect(await readText(r)).toBe('retry: 2000\n\n');
    expect(w.listeners.size).toBe(1);
    w.emit(snap(1));
    expect(await readText(r)).toContain('"revision":1');
    expect(await readText(r)).toBe(': ping\n\n');
    ac.abort();
    expect(w.listeners.size).toBe(0);
    expect((await r.read()).done).toBe(true);
  });

  it('keeps only the newest snapshot while the reader is behind', async () => {
    const w = fakeWatcher();
    const big = 'z'.repeat(600 * 1024);
    const stream = snapshotEventStream(w, undefined, { pingMs: 60_000 });
    // Two big frames fill the 1 MiB queue; the next ones wait and collapse into the newest.
    for (let i = 1; i <= 6; i++) w.emit(snap(i, big));
    const r = stream.getReader();
    const revisions: number[] = [];
    let text = '';
    while (revisions.length < 3) {
      text += await readText(r);
      let i: number;
      while ((i = text.indexOf('\n\n')) >= 0) {
        const frame = text.slice(0, i);
        text = text.slice(i + 2);
        const m = /^id: (\d+)/.exec(frame);
        if (m) revisions.push(Number(m[1]));
      }
    }
    expect(revisions).toEqual([1, 2, 6]);
    await r.cancel();
    expect(w.listeners.size).toBe(0);
  });
});
