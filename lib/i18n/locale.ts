// Chooses the UI language: ?lang= first, then the cnilab_lang cookie, then Accept-Language, then English.
// Pure (no Next imports) so it is unit-tested and shared by server pages and client components.
import type { Locale } from '@/lib/lessons/schema';

export type { Locale };
export const LANG_COOKIE = 'cnilab_lang';
export const LANG_PARAM = 'lang';
export const DEFAULT_LOCALE: Locale = 'en';

export function asLocale(v: unknown): Locale | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s === 'en' || s === 'ja' ? s : null;
}

/** The best supported language in an Accept-Language header (q-values honoured; ties keep header order). */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 512)
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { lang: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const r of ranked) {
    const l = asLocale(r.lang);
    if (l) return l;
  }
  return null;
}

export function resolveLocale(input: { query?: unknown; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  return asLocale(input.query) ?? asLocale(input.cookie) ?? fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}
