// Browser session: trades the launch token from the URL fragment (#k=…) for an HttpOnly cookie, and keeps the
// CSRF value in memory only. The fragment never reaches the server in a request line or a Referer.
import { CSRF_HEADER, type SessionResponse } from '@/lib/api/contract';

export type SessionState =
  | { status: 'pending' }
  | { status: 'ok'; csrf: string }
  | { status: 'anonymous' }
  | { status: 'error'; message: string };

let current: Promise<SessionState> | null = null;
let csrf: string | null = null;

/** The token in a location hash such as "#k=abc" (other fragment parameters are kept). */
export function tokenFromHash(hash: string): { token: string | null; rest: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('k');
  params.delete('k');
  const rest = params.toString();
  return { token: token && token.length >= 16 ? token : null, rest: rest ? `#${rest}` : '' };
}

async function establish(): Promise<SessionState> {
  const { token, rest } = tokenFromHash(window.location.hash);
  let res: Response;
  try {
    if (token) {
      // Drop the token from the address bar and history before anything else can read it.
      history.replaceState(history.state, '', window.location.pathname + window.location.search + rest);
      res = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
        credentials: 'same-origin',
      });
    } else {
      res = await fetch('/api/session', { credentials: 'same-origin' });
    }
  } catch (e) {
    return { status: 'error', message: (e as Error).message };
  }
  if (res.status === 401 || res.status === 403) return { status: 'anonymous' };
  if (!res.ok) return { status: 'error', message: `HTTP ${res.status}` };
  const body = (await res.json().catch(() => ({}))) as Partial<SessionResponse>;
  if (body.authenticated && typeof body.csrf === 'string') {
    csrf = body.csrf;
    return { status: 'ok', csrf: body.csrf };
  }
  return { status: 'anonymous' };
}

/** Starts (once per page load) and returns the session. Strict Mode's double effects share the same promise. */
export function ensureSession(): Promise<SessionState> {
  current ??= establish();
  return current;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** JSON request to the lab API with the CSRF header on every state-changing method. */
export async function apiFetch<T>(path: string, init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    await ensureSession();
    headers['Content-Type'] = 'application/json';
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  const res = await fetch(path, {
    method,
    headers,
    body: method === 'GET' ? undefined : JSON.stringify(init.body ?? {}),
    credentials: 'same-origin',
    signal: init.signal,
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? `http-${res.status}`, err?.message ?? `HTTP ${res.status}`, body);
  }
  return body as T;
}
