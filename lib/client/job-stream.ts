// Follows one job's event stream. EventSource reconnects by itself (sending Last-Event-ID); when the
// browser gives up (readyState CLOSED, e.g. after a non-200 answer) we reopen with ?after=<last seq>
// a few times with back-off. The stream is closed after `exit`.
import { JOB_EVENT_TYPES, SeqGate, parseJobEvent, type ClientJobEvent } from './job-events';

export interface EventSourceLike {
  readonly readyState: number;
  onerror: ((ev: Event) => unknown) | null;
  onopen: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export type StreamStatus = 'open' | 'reconnecting' | 'failed' | 'closed';

export interface StreamHandlers {
  onEvent(ev: ClientJobEvent): void;
  /** Events lost to the server's buffer limit (count). */
  onGap?(lost: number): void;
  onStatus?(status: StreamStatus): void;
}

const CLOSED = 2;

export function eventsUrl(jobId: string, after: number): string {
  return `/api/runs/${encodeURIComponent(jobId)}/events${after > 0 ? `?after=${after}` : ''}`;
}

export interface JobStreamHandle {
  close(): void;
  readonly lastSeq: number;
}

export function openJobStream(
  jobId: string,
  afterSeq: number,
  handlers: StreamHandlers,
  create: EventSourceFactory = (url) => new EventSource(url),
  opts: { maxRetries?: number; retryDelayMs?: (attempt: number) => number; setTimer?: typeof setTimeout } = {},
): JobStreamHandle {
  const gate = new SeqGate(afterSeq);
  const maxRetries = opts.maxRetries ?? 6;
  const delay = opts.retryDelayMs ?? ((n: number) => Math.min(8000, 500 * 2 ** n));
  const setTimer = opts.setTimer ?? setTimeout;
  let es: EventSourceLike | null = null;
  let finished = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const finish = (status: StreamStatus) => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    es?.close();
    es = null;
    handlers.onStatus?.(status);
  };

  const connect = () => {
    const source = create(eventsUrl(jobId, gate.lastSeq));
    es = source;
    source.onopen = () => {
      attempts = 0;
      handlers.onStatus?.('open');
    };
    source.onerror = () => {
      if (finished || es !== source) return;
      if (source.readyState !== CLOSED) {
        handlers.onStatus?.('reconnecting');
        return;
      }
      source.close();
      if (attempts >= maxRetries) return finish('failed');
      handlers.onStatus?.('reconnecting');
      timer = setTimer(connect, delay(attempts++));
    };
    for (const type of JOB_EVENT_TYPES) {
      source.addEventListener(type, (msg: MessageEvent) => {
        if (finished || es !== source) return;
        const ev = parseJobEvent(type, msg.lastEventId, String(msg.data), jobId);
        if (!ev) return;
        if (ev.type === 'reset') {
          const lost = gate.reset(ev.data.oldestSeq);
          if (lost > 0) handlers.onGap?.(lost);
          return;
        }
        if (!gate.accept(ev.seq)) return;
        handlers.onEvent(ev);
        if (ev.type === 'exit') finish('closed');
      });
    }
  };

  connect();
  return {
    close: () => finish('closed'),
    get lastSeq() {
      return gate.lastSeq;
    },
  };
}
