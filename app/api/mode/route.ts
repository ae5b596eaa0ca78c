import { ModeRequest } from '@/lib/api/contract';
import { apiError, json, readJson, requireSession } from '@/lib/api/http';
import { doctorReport, setMode } from '@/lib/lab/mode';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const denied = requireSession(req);
  if (denied) return denied;
  const body = await readJson(req, ModeRequest);
  if (!body.ok) return body.response;
  if (body.value.mode === 'live' && !(await doctorReport(true)).liveAvailable) {
    return apiError(409, 'live-unavailable', 'Live mode needs Docker (with its daemon running), kind and kubectl; the doctor panel lists what is missing.');
  }
  return json(await setMode(body.value.mode));
}
