// The one guard in front of every request (pages, API routes and streams), applied by server.ts
// before Next.js sees the request. Pure: headers in, verdict out, so it is tested without a server.
import { checkHost } from './host';
import { originMatches } from './origin';
import { deriveSecret, readCookie, safeEqual } from './token';
import { CSRF_HEADER, SESSION_COOKIE } from '../api/contract';

export const MAX_BODY_BYTES = 64 * 1024;

export interface GuardInput {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface GuardConfig {
  port: number;
  token: string;
}

export type GuardVerdict = { ok: true; authenticated: boolean } | { ok: false; status: number; reason: string };

/** API paths reachable without the session cookie. */
const PUBLIC_API = new Set(['GET /api/health', 'GET /api/session', 'POST /api/session']);

function single(h: string | string[] | undefined): string | undefined {
  if (Array.isArray(h)) return h.length === 1 ? h[0] : undefined;
  return h;
}

/** Command-line clients (curl, the bench) may send the launch token itself. */
function hasValidBearer(headers: GuardInput['headers'], token: string): boolean {
  const auth = single(headers.authorization);
  return auth !== undefined && auth.startsWith('Bearer ') && safeEqual(auth.slice(7), token);
}

function isAuthenticated(headers: GuardInput['headers'], token: string): boolean {
  const cookie = readCookie(single(headers.cookie), SESSION_COOKIE);
  if (cookie !== undefined && safeEqual(cookie, deriveSecret(token, 'cookie'))) return true;
  return hasValidBearer(headers, token);
}

export function guard(input: GuardInput, config: GuardConfig): GuardVerdict {
  const { headers } = input;
  const method = input.method.toUpperCase();
  const host = single(headers.host);
  const hostVerdict = checkHost(host, config.port);
  if (!hostVerdict.ok) return { ok: false, status: hostVerdict.status, reason: hostVerdict.reason };

  const authenticated = isAuthenticated(headers, config.token);
  const secFetchSite = single(headers['sec-fetch-site']);
  if (secFetchSite !== undefined && !['same-origin', 'none'].includes(secFetchSite) && input.path.startsWith('/api/')) {
    return { ok: false, status: 403, reason: `cross-site request refused (Sec-Fetch-Site: ${secFetchSite})` };
  }
  if (!input.path.startsWith('/api/')) {
    // Pages and static assets carry no secrets; the Host check is what they need.
    if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: 'method not allowed' };
    return { ok: true, authenticated };
  }
  if (method === 'OPTIONS') return { ok: false, status: 403, reason: 'CORS is not supported' };

  const origin = single(headers.origin);
  const safeMethod = method === 'GET' || method === 'HEAD';
  // Only a *valid* token exempts a request from the Origin and CSRF checks; a bare "Bearer x" next
  // to a session cookie must not (found by lib/security/guard.fuzz.test.ts).
  const bearer = hasValidBearer(headers, config.token);
  if (origin !== undefined || !safeMethod) {
    // A missing Origin on a state-changing request is allowed only for token-bearing CLI clients.
    const originOk = origin === undefined ? bearer : originMatches(origin, host!);
    if (!originOk) return { ok: false, status: 403, reason: `Origin ${origin ?? '(missing)'} is not allowed` };
  }

  const key = `${method} ${input.path}`;
  if (!PUBLIC_API.has(key) && !authenticated) {
    return { ok: false, status: 401, reason: 'missing or invalid access token; open the URL printed by npm start' };
  }
  if (!safeMethod) {
    const type = (single(headers['content-type']) ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return { ok: false, status: 415, reason: 'requests must be application/json' };
    const length = single(headers['content-length']);
    if (length === undefined) return { ok: false, status: 411, reason: 'Content-Length is required' };
    if (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES) return { ok: false, status: 413, reason: `body larger than ${MAX_BODY_BYTES} bytes` };
    if (key !== 'POST /api/session') {
      const csrf = single(headers[CSRF_HEADER]);
      if (!bearer && !safeEqual(csrf, deriveSecret(config.token, 'csrf'))) {
        return { ok: false, status: 403, reason: 'missing or invalid CSRF header' };
      }
    }
  }
  return { ok: true, authenticated };
}
