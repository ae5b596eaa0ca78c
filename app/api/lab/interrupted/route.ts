// Interrupted cluster creations with the cluster's true state (GET), and dismissing one (POST).
import * as z from 'zod';
import { json, readJson, requireSession } from '@/lib/api/http';
import { clusterState } from '@/lib/lab/cluster-state';
import { clearMarker, readMarkers } from '@/lib/lab/interrupted';
import { listJobs } from '@/lib/runner/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const Dismiss = z.strictObject({ name: z.string().regex(/^[a-z0-9.-]{1,63}$/) });

export async function GET(req: Request) {
  const denied = requireSession(req);
  if (denied) return denied;
  const running = new Set(listJobs().filter((j) => j.state === 'running').map((j) => j.raw));
  const markers = readMarkers().filter((m) => !running.has(m.command)); // still being created: not interrupted
  const items = await Promise.all(markers.map(async (m) => ({ ...m, state: await clusterState(m.mode, m.name) })));
  return json(items);
}

export async function POST(req: Request) {
  const denied = requireSession(req);
  if (denied) return denied;
  const body = await readJson(req, Dismiss);
  if (!body.ok) return body.response;
  clearMarker(body.value.name);
  return json({ ok: true });
}
