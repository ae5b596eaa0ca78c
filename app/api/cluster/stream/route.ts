// Server-Sent Events: the cluster snapshot on every change (event `snapshot`), from the one shared watcher.
import { requireSession } from '@/lib/api/http';
import { snapshotEventStream } from '@/lib/cluster/stream';
import { clusterWatcher } from '@/lib/cluster/watcher';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const denied = requireSession(req);
  if (denied) return denied;
  return new Response(snapshotEventStream(clusterWatcher(), req.signal), {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      'Content-Encoding': 'identity',
    },
  });
}
