import 'server-only';
// Helpers for thin route handlers: JSON responses, bounded and prototype-safe JSON bodies, and a
// second, in-handler check of the session (defence in depth behind server.ts's guard).
import type * as z from 'zod';
import { CSRF_HEADER, SESSION_COOKIE, type ApiErrorBody } from './contract';
import { MAX_BODY_BYTES } from '../security/guard';
import { deriveSecret, readCookie, safeEqual } from '../security/token';

export function launchToken(): string {
  const t = process.env.CNI_LAB_TOKEN;
  if (!t || t.length < 16) throw new Error('CNI_LAB_TOKEN is not set; start the app with `npm start`');
  return t;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

export function apiError(status: number, code: string, message: string, extra: Partial<ApiErrorBody['error']> = {}): Response {
  return json({ error: { code, message, ...extra } } satisfies ApiErrorBody, status);
}

export function isAuthenticated(req: Request): boolean {
  const token = launchToken();
  const cookie = readCookie(req.headers.get('cookie') ?? undefined, SESSION_COOKIE);
  if (cookie !== undefined && safeEqual(cookie, deriveSecret(token, 'cookie'))) return true;
  const auth = req.headers.get('authorization') ?? '';
  return auth.startsWith('Bearer ') && safeEqual(auth.slice(7), token);
}

/** Returns an error Response when the request lacks a session (and, for writes, the CSRF header). */
export function requireSession(req: Request): Response | null {
  if (!isAuthenticated(req)) return apiError(401, 'unauthorized', 'missing or invalid access token; open the URL printed by npm start');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // Only the valid launch token (not any "Bearer …" next to a cookie) exempts CLI clients from CSRF.
    const auth = req.headers.get('authorization') ?? '';
    const bearer = auth.startsWith('Bearer ') && safeEqual(auth.slice(7), launchToken());
    if (!bearer && !safeEqual(req.headers.get(CSRF_HEADER), deriveSecret(launchToken(), 'csrf'))) {
      return apiError(403, 'csrf', 'missing or invalid CSRF header');
    }
  }
  return null;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Reads at most MAX_BODY_BYTES of JSON, refuses prototype keys, then validates with `schema`. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: Response }> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return { ok: false, response: apiError(415, 'unsupported-media-type', 'requests must be application/json') };
  if (!req.body) return { ok: false, response: apiError(400, 'bad-request', 'a JSON body is required') };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return { ok: false, response: apiError(413, 'too-large', `body larger than ${MAX_BODY_BYTES} bytes`) };
    }
    chunks.push(value);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'), (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`key "${key}" is not allowed`);
      return value;
    });
  } catch (err) {
    return { ok: false, response: apiError(400, 'bad-json', `invalid JSON: ${(err as Error).message}`) };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first.path.length ? `${first.path.join('.')}: ` : '';
    return { ok: false, response: apiError(400, 'invalid', `${where}${first.message}`) };
  }
  return { ok: true, value: result.data };
}
