import { requireSession, json } from '@/lib/api/http';
import { doctorReport } from '@/lib/lab/mode';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return requireSession(req) ?? json(await doctorReport());
}

/** Re-check now (after the learner started Docker, say). */
export async function POST(req: Request) {
  return requireSession(req) ?? json(await doctorReport(true));
}
