// Per-launch secret and the values derived from it. The cookie and CSRF values are HMACs of the
// token, so every module (custom server, Next route bundles) can verify them without shared state.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function deriveSecret(token: string, purpose: 'cookie' | 'csrf'): string {
  return createHmac('sha256', token).update(`cni-lab:${purpose}`).digest('base64url');
}

/** Constant-time comparison; a length mismatch is checked first (and still compares to keep timing flat). */
export function safeEqual(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string') return false;
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    timingSafeEqual(bb, bb);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  let found: string | undefined;
  for (const part of cookieHeader.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      // A duplicated cookie is suspicious (cookie tossing from a sibling origin): refuse it.
      if (found !== undefined) return undefined;
      found = part.slice(i + 1).trim();
    }
  }
  return found;
}
