import 'server-only';
// Reads the request's language for server components (query param, cookie, Accept-Language).
import { cookies, headers } from 'next/headers';
import { LANG_COOKIE, resolveLocale, type Locale } from './locale';

export async function requestLocale(query?: unknown): Promise<Locale> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return resolveLocale({ query, cookie: c.get(LANG_COOKIE)?.value, acceptLanguage: h.get('accept-language') });
}
