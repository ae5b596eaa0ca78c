import { apiError, json, requireSession } from '@/lib/api/http';
import { cancelJob, getJob } from '@/lib/runner/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const denied = requireSession(req);
  if (denied) return denied;
  const { id } = await ctx.params;
  if (!getJob(id)) return apiError(404, 'not-found', 'no such job');
  return json({ cancelled: cancelJob(id) });
}
