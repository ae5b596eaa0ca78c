import 'server-only';
// The watcher as an SSE byte stream: `event: snapshot` with the JSON ClusterSnapshot on every change,
// `: ping` every 15 s. Only the newest snapshot matters, so a slow reader gets the latest one when it
// catches up instead of a growing queue of stale ones.
import type { ClusterSnapshot } from './types';
import type { ClusterWatcher } from './watcher';
import { sseJson, sseStream } from '../api/sse';

const HIGH_WATER = 1 << 20;

/** One SSE frame (the data is a single JSON line). */
export function snapshotFrame(s: ClusterSnapshot): string {
  return `id: ${s.revision}\nevent: snapshot\ndata: ${sseJson(s)}\n\n`;
}

export function snapshotEventStream(watcher: Pick<ClusterWatcher, 'subscribe'>, signal?: AbortSignal, o: { pingMs?: number } = {}): ReadableStream<Uint8Array> {
  return sseStream({
    signal,
    pingMs: o.pingMs,
    highWaterMark: HIGH_WATER,
    start(sink) {
      let pending: ClusterSnapshot | undefined;
      let retryTimer: ReturnType<typeof setTimeout> | undefined;
      const flushPending = () => {
        retryTimer = undefined;
        if (sink.closed || !pending) return;
        if (sink.desiredSize <= 0) {
          retryTimer = setTimeout(flushPending, 100);
          return;
        }
        const s = pending;
        pending = undefined;
        sink.send(snapshotFrame(s));
      };
      const unsubscribe = watcher.subscribe((s) => {
        pending = s;
        if (!retryTimer) flushPending();
      });
      return () => {
        unsubscribe();
        if (retryTimer) clearTimeout(retryTimer);
      };
    },
  });
}
