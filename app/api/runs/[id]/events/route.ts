// Server-Sent Events for one job: replays from Last-Event-ID (or ?after=seq) and follows live.
import { apiError, requireSession } from '@/lib/api/http';
import { getJob } from '@/lib/runner/registry';
import { parseLastEventId } from '@/lib/runner/sse';
import { jobEventStream } from '@/lib/runner/stream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const denied = requireSession(req);
  if (denied) return denied;
  const { id } = await ctx.params;
  const job = getJob(id);
  if (!job) return apiError(404, 'not-found', 'no such job (it may have been forgotten after the server restarted)');
  let after = parseLastEventId(req.headers.get('last-event-id'), job.id) ?? 0;
  const q = new URL(req.url).searchParams.get('after');
  if (q !== null) {
    if (!/^\d{1,12}$/.test(q)) return apiError(400, 'bad-request', '"after" must be a sequence number');
    after = Math.max(after, Number(q));
  }
  return new Response(jobEventStream(job, after, req.signal), {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      'Content-Encoding': 'identity',
    },
  });
}
