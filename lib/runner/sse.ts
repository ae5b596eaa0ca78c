// Server-Sent Events framing for job streams. Data is one JSON line, so no raw newline can end a
// field early; ids are `<jobId>:<seq>` so a reconnect resumes the right job at the right place.
import type { JobEvent } from './types';
import { sseJson as json } from '../api/sse';

const JOB_ID = /^[0-9a-f]{32}$/;

function assertJobId(jobId: string) {
  if (!JOB_ID.test(jobId)) throw new Error('bad job id');
}

export function sseEvent(jobId: string, e: JobEvent): string {
  assertJobId(jobId);
  return `id: ${jobId}:${e.seq}\nevent: ${e.type}\ndata: ${json(e.data)}\n\n`;
}

/** Tells the client its Last-Event-ID is older than the buffer; replay restarts at oldestSeq. */
export function sseReset(jobId: string, oldestSeq: number): string {
  assertJobId(jobId);
  return `event: reset\ndata: ${json({ jobId, oldestSeq })}\n\n`;
}

/**
 * The seq to resume after, from a Last-Event-ID header, or null when absent or not for this job
 * (another job's id, non-numeric, oversized): the caller then starts from the beginning.
 */
export function parseLastEventId(header: string | null | undefined, jobId: string): number | null {
  if (!header || header.length > 200) return null;
  const m = /^([0-9a-f]{32}):(\d{1,15})$/.exec(header.trim());
  if (!m || m[1] !== jobId) return null;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) ? seq : null;
}
