import 'server-only';
// A job as an SSE byte stream: replays what the client missed, then follows live events, pings
// every 15 s, and closes after `exit`. The job itself is never stopped by a disconnect.
import type { Job } from './job';
import type { JobEvent } from './types';
import { sseEvent, ssePing, sseReset, sseRetry } from './sse';

const HIGH_WATER = 256 * 1024;

export interface StreamOptions {
  pingMs?: number;
  /** A client this far behind is cut off; it reconnects and resumes from its Last-Event-ID. */
  maxQueuedBytes?: number;
}

export function jobEventStream(job: Job, afterSeq: number, signal?: AbortSignal, o: StreamOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pingMs = o.pingMs ?? 15_000;
  const maxQueued = o.maxQueuedBytes ?? 8 << 20;
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const timers: { ping?: ReturnType<typeof setInterval> } = {};
        let unsubscribe = () => {};
        const close = () => {
          if (closed) return;
          closed = true;
          cleanup();
          try {
            controller.close();
          } catch {
            // already errored or cancelled
          }
        };
        cleanup = () => {
          closed = true;
          unsubscribe();
          if (timers.ping) clearInterval(timers.ping);
          signal?.removeEventListener('abort', close);
        };
        const send = (text: string) => {
          if (closed) return;
          controller.enqueue(encoder.encode(text));
          if (HIGH_WATER - (controller.desiredSize ?? 0) > maxQueued) close();
        };

        if (signal?.aborted) return close();
        signal?.addEventListener('abort', close);
        send(sseRetry());
        let from = Math.max(0, afterSeq);
        if (from + 1 < job.oldestSeq) {
          send(sseReset(job.id, job.oldestSeq));
          from = job.oldestSeq - 1;
        }
        const onEvent = (e: JobEvent) => {
          send(sseEvent(job.id, e));
          if (e.type === 'exit') close();
        };
        unsubscribe = job.subscribe(from, onEvent);
        if (closed) return unsubscribe();
        if (job.state === 'exited') return close(); // the client had already seen the exit
        timers.ping = setInterval(() => send(ssePing()), pingMs);
      },
      cancel() {
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER }),
  );
}
