import 'server-only';
// A job as an SSE byte stream: replays what the client missed, then follows live events, pings
// every 15 s, and closes after `exit`. The job itself is never stopped by a disconnect.
import type { Job } from './job';
import type { JobEvent } from './types';
import { sseEvent, sseReset } from './sse';
import { sseStream } from '../api/sse';

const HIGH_WATER = 256 * 1024;

export interface StreamOptions {
  pingMs?: number;
  /** A client this far behind is cut off; it reconnects and resumes from its Last-Event-ID. */
  maxQueuedBytes?: number;
}

export function jobEventStream(job: Job, afterSeq: number, signal?: AbortSignal, o: StreamOptions = {}): ReadableStream<Uint8Array> {
  const maxQueued = o.maxQueuedBytes ?? 8 << 20;
  return sseStream({
    signal,
    pingMs: o.pingMs,
    highWaterMark: HIGH_WATER,
    start(sink) {
      const send = (text: string) => {
        sink.send(text);
        if (HIGH_WATER - sink.desiredSize > maxQueued) sink.close();
      };
      let from = Math.max(0, afterSeq);
      if (from + 1 < job.oldestSeq) {
        send(sseReset(job.id, job.oldestSeq));
        from = job.oldestSeq - 1;
      }
      const unsubscribe = job.subscribe(from, (e: JobEvent) => {
        send(sseEvent(job.id, e));
        if (e.type === 'exit') sink.close();
      });
      if (job.state === 'exited') sink.close(); // the client had already seen the exit
      return unsubscribe;
    },
  });
}
