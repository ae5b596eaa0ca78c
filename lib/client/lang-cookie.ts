// Remembers the chosen UI language for later visits (read by the server: lib/i18n/server.ts).
import { LANG_COOKIE, type Locale } from '@/lib/i18n/locale';

export function rememberLanguage(locale: Locale): void {
  document.cookie = `${LANG_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Strict`;
}
