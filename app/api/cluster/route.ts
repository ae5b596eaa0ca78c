// The current cluster snapshot as JSON (starts the shared watcher if needed; it idles out after 30 s).
import { json, requireSession } from '@/lib/api/http';
import { clusterWatcher } from '@/lib/cluster/watcher';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const denied = requireSession(req);
  if (denied) return denied;
  return json(await clusterWatcher().current());
}
