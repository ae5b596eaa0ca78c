import 'server-only';
// The watcher as an SSE byte stream: `event: snapshot` with the JSON ClusterSnapshot on every change,
// `: ping` every 15 s. Only the newest snapshot matters, so a slow reader gets the latest one when it
// catches up instead of a growing queue of stale ones.
import type { ClusterSnapshot } from './types';
import type { ClusterWatcher } from './watcher';

const HIGH_WATER = 1 << 20;

/** One SSE frame; JSON escapes U+2028/9 so every line splitter sees a single data line. */
export function snapshotFrame(s: ClusterSnapshot): string {
  const data = JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `id: ${s.revision}\nevent: snapshot\ndata: ${data}\n\n`;
}

export function snapshotEventStream(watcher: Pick<ClusterWatcher, 'subscribe'>, signal?: AbortSignal, o: { pingMs?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        let pending: ClusterSnapshot | undefined;
        let unsubscribe = () => {};
        const timers: { ping?: ReturnType<typeof setInterval> } = {};
        let retryTimer: ReturnType<typeof setTimeout> | undefined;
        const close = () => {
          if (closed) return;
          cleanup();
          try {
            controller.close();
          } catch {
            // already cancelled
          }
        };
        cleanup = () => {
          closed = true;
          unsubscribe();
          if (timers.ping) clearInterval(timers.ping);
          if (retryTimer) clearTimeout(retryTimer);
          signal?.removeEventListener('abort', close);
        };
        const write = (text: string) => {
          if (!closed) controller.enqueue(encoder.encode(text));
        };
        const flushPending = () => {
          retryTimer = undefined;
          if (closed || !pending) return;
          if ((controller.desiredSize ?? 1) <= 0) {
            retryTimer = setTimeout(flushPending, 100);
            return;
          }
          const s = pending;
          pending = undefined;
          write(snapshotFrame(s));
        };
        if (signal?.aborted) return close();
        signal?.addEventListener('abort', close);
        write('retry: 2000\n\n');
        unsubscribe = watcher.subscribe((s) => {
          pending = s;
          if (!retryTimer) flushPending();
        });
        if (closed) return unsubscribe();
        timers.ping = setInterval(() => write(': ping\n\n'), o.pingMs ?? 15_000);
      },
      cancel() {
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER }),
  );
}
