// Server-Sent Events shared by the job and cluster streams: the frames every stream sends, and the
// stream lifecycle (retry hint, ping, close on abort or cancel, the caller's cleanup run once).
const encoder = new TextEncoder();

export const RETRY_MS = 2000;

/** JSON for a `data:` line; JSON.stringify leaves U+2028/U+2029 raw, so escape them too so every line splitter agrees. */
export const sseJson = (v: unknown) => JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
export const sseRetry = (ms = RETRY_MS) => `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
export const ssePing = () => ': ping\n\n';

export interface SseSink {
  send(text: string): void;
  close(): void;
  readonly closed: boolean;
  /** Room left below the high-water mark in bytes; zero or less means the client is behind. */
  readonly desiredSize: number;
}

export interface SseStreamOptions {
  signal?: AbortSignal;
  pingMs?: number;
  highWaterMark: number;
  /** Starts sending; returns what to undo (unsubscribe, timers) when the stream ends. */
  start(sink: SseSink): (() => void) | void;
}

export function sseStream(o: SseStreamOptions): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const run: { stop?: (() => void) | void; ping?: ReturnType<typeof setInterval> } = {};
        const close = () => {
          if (closed) return;
          cleanup();
          try {
            controller.close();
          } catch {
            // already errored or cancelled
          }
        };
        cleanup = () => {
          if (closed) return;
          closed = true;
          run.stop?.();
          if (run.ping) clearInterval(run.ping);
          o.signal?.removeEventListener('abort', close);
        };
        const sink: SseSink = {
          send: (text) => {
            if (!closed) controller.enqueue(encoder.encode(text));
          },
          close,
          get closed() {
            return closed;
          },
          get desiredSize() {
            return controller.desiredSize ?? 0;
          },
        };
        if (o.signal?.aborted) return close();
        o.signal?.addEventListener('abort', close);
        sink.send(sseRetry());
        run.stop = o.start(sink);
        if (closed) return void run.stop?.(); // closed while starting (e.g. a replay that ended in `exit`)
        run.ping = setInterval(() => sink.send(ssePing()), o.pingMs ?? 15_000);
      },
      cancel() {
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: o.highWaterMark }),
  );
}
