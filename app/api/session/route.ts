// Token exchange: the launch token (from the URL fragment) becomes an HttpOnly SameSite=Strict cookie.
import { SessionRequest, SESSION_COOKIE, type SessionResponse } from '@/lib/api/contract';
import { apiError, isAuthenticated, json, launchToken, readJson } from '@/lib/api/http';
import { deriveSecret, safeEqual } from '@/lib/security/token';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  const authenticated = isAuthenticated(req);
  const body: SessionResponse = authenticated ? { authenticated, csrf: deriveSecret(launchToken(), 'csrf') } : { authenticated };
  return json(body);
}

export async function POST(req: Request) {
  const body = await readJson(req, SessionRequest);
  if (!body.ok) return body.response;
  const token = launchToken();
  if (!safeEqual(body.value.token, token)) return apiError(401, 'bad-token', 'this access token is not valid for the running server; use the URL printed by npm start');
  const cookie = `${SESSION_COOKIE}=${deriveSecret(token, 'cookie')}; HttpOnly; SameSite=Strict; Path=/`;
  return json({ authenticated: true, csrf: deriveSecret(token, 'csrf') } satisfies SessionResponse, 200, { 'Set-Cookie': cookie });
}
