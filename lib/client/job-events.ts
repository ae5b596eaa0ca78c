// Client view of a job's Server-Sent Events: parses `id: <jobId>:<seq>` and the JSON data, and drops
// anything already rendered. EventSource resends Last-Event-ID on reconnect and a reload resumes with
// ?after=<seq>; the server may still repeat events, so the client de-duplicates by seq as well.
import type { CmdResult } from '@/lib/runner/types';

export type ProgressData = { step: string; index: number; total: number; state: 'running' | 'done' | 'failed' };
export type ExitData = CmdResult & { elapsedMs: number };

export type ClientJobEvent =
  | { seq: number; type: 'start'; data: { jobId: string; raw: string; mode: 'live' | 'sim'; startedAt: number } }
  | { seq: number; type: 'out' | 'err'; data: string }
  | { seq: number; type: 'progress'; data: ProgressData }
  | { seq: number; type: 'exit'; data: ExitData }
  | { seq: number; type: 'reset'; data: { oldestSeq: number } };

export const JOB_EVENT_TYPES = ['start', 'out', 'err', 'progress', 'exit', 'reset'] as const;
export type JobEventType = (typeof JOB_EVENT_TYPES)[number];

/** The seq in an SSE id "<jobId>:<seq>", or null when the id is for another job or malformed. */
export function seqFromEventId(id: string | undefined | null, jobId: string): number | null {
  if (!id) return null;
  const i = id.lastIndexOf(':');
  if (i < 0 || id.slice(0, i) !== jobId) return null;
  const tail = id.slice(i + 1);
  if (!/^\d{1,15}$/.test(tail)) return null;
  return Number(tail);
}

/** Parses one SSE message into a typed event; null for anything malformed or for a different job. */
export function parseJobEvent(type: string, id: string | undefined | null, data: string, jobId: string): ClientJobEvent | null {
  if (!(JOB_EVENT_TYPES as readonly string[]).includes(type)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (type === 'reset') {
    // Sent without an id (it is not an event of the job); its data names the job.
    const r = parsed as { jobId?: unknown; oldestSeq?: unknown } | null;
    if (!r || (r.jobId !== undefined && r.jobId !== jobId) || !Number.isSafeInteger(r.oldestSeq)) return null;
    return { seq: 0, type: 'reset', data: { oldestSeq: r.oldestSeq as number } };
  }
  const seq = seqFromEventId(id, jobId);
  if (seq === null) return null;
  switch (type) {
    case 'out':
    case 'err':
      return typeof parsed === 'string' ? { seq, type, data: parsed } : null;
    case 'start':
    case 'progress':
    case 'exit':
      return parsed !== null && typeof parsed === 'object' ? ({ seq, type, data: parsed } as ClientJobEvent) : null;
  }
  return null;
}

/**
 * Lets each seq through once, in order. `reset` tells us the server no longer holds events before
 * `oldestSeq`; the gate then reports how many were lost so the UI can say so.
 */
export class SeqGate {
  constructor(private last = 0) {}

  get lastSeq(): number {
    return this.last;
  }

  /** True if the event is new (and records it); false for a repeat. */
  accept(seq: number): boolean {
    if (seq <= this.last) return false;
    this.last = seq;
    return true;
  }

  /** Applies a reset; returns the number of events that can no longer be shown (0 if none). */
  reset(oldestSeq: number): number {
    const lost = Math.max(0, oldestSeq - 1 - this.last);
    if (lost > 0) this.last = oldestSeq - 1;
    return lost;
  }
}
