'use client';
// Top bar: app name, optional lesson title, mode badge, language and theme switches. Rendered by each page
// (not the layout) so it follows ?lang= changes.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { Locale } from '@/lib/i18n/locale';
import { LANG_PARAM } from '@/lib/i18n/locale';
import { rememberLanguage } from '@/lib/client/lang-cookie';
import { translator } from '@/lib/i18n/messages';
import { InterruptedBanner } from './InterruptedBanner';
import { useLab } from './LabProvider';
import { useThemeChoice, type ThemeChoice } from './useTheme';

export function SiteHeader({ locale, title }: { locale: Locale; title?: string }) {
  const t = translator(locale);
  useEffect(() => {
    // Layouts cannot see ?lang=, so the page keeps <html lang> right.
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-panel px-4">
      <Link href={`/?${LANG_PARAM}=${locale}`} className="font-mono text-sm font-semibold tracking-tight hover:underline">
        {t('app.name')}
      </Link>
      {title && (
        <>
          <span aria-hidden className="text-muted">/</span>
          <span className="min-w-0 truncate text-sm font-medium">{title}</span>
        </>
      )}
      <div className="ml-auto flex items-center gap-3">
        <ModeBadge locale={locale} />
        <LanguageSwitch locale={locale} />
        <ThemeSwitch locale={locale} />
      </div>
    </header>
  );
}

export function ModeBadge({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const { doctor } = useLab();
  if (!doctor) return null;
  const sim = doctor.mode === 'sim';
  return (
    <span
      data-testid="mode-badge"
      data-mode={doctor.mode}
      className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${sim ? 'bg-sim-bg text-sim' : 'bg-live-bg text-live'}`}
    >
      {sim ? t('mode.sim') : t('mode.live')}
    </span>
  );
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const router = useRouter();
  const pathname = usePathname();
  const t = translator(locale);
  const choose = (next: Locale) => {
    if (next === locale) return;
    rememberLanguage(next);
    const params = new URLSearchParams(window.location.search);
    params.set(LANG_PARAM, next);
    router.replace(`${pathname}?${params.toString()}`, { scroll: false });
  };
  const opts: Array<[Locale, string]> = [
    ['en', 'English'],
    ['ja', '日本語'],
  ];
  return (
    <div role="group" aria-label={t('lang.label')} className="flex overflow-hidden rounded-md border border-line text-xs">
      {opts.map(([l, label]) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          onClick={() => choose(l)}
          className={`px-2 py-1 ${l === locale ? 'bg-accent text-accent-fg' : 'hover:bg-panel-2'}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function ThemeSwitch({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const [choice, setChoice] = useThemeChoice();
  return (
    <label className="flex items-center gap-1 text-xs text-muted">
      <span className="sr-only sm:not-sr-only">{t('theme.label')}</span>
      <select
        value={choice}
        onChange={(e) => setChoice(e.target.value as ThemeChoice)}
        className="rounded-md border border-line bg-panel px-1.5 py-1 text-xs text-fg"
      >
        <option value="auto">{t('theme.auto')}</option>
        <option value="light">{t('theme.light')}</option>
        <option value="dark">{t('theme.dark')}</option>
      </select>
    </label>
  );
}

/** The not-connected banner and the "this cluster is simulated/live" notice shown at the top of pages. */
export function LabNotices({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const { session, doctor } = useLab();
  return (
    <>
      {session.status === 'anonymous' && (
        <div role="alert" data-testid="auth-banner" className="border-b border-line bg-bad-bg px-4 py-2 text-sm text-bad">
          {t('auth.missing')}
        </div>
      )}
      {session.status === 'error' && (
        <div role="alert" data-testid="auth-banner" className="border-b border-line bg-bad-bg px-4 py-2 text-sm text-bad">
          {t('auth.error')}
        </div>
      )}
      {doctor && (
        <div
          data-testid="mode-notice"
          className={`border-b border-line px-4 py-1.5 text-xs ${doctor.mode === 'sim' ? 'bg-sim-bg text-sim' : 'bg-live-bg text-live'}`}
        >
          <strong className="font-semibold">{doctor.mode === 'sim' ? t('mode.sim') : t('mode.live')}</strong>
          <span className="text-fg/80"> — {doctor.mode === 'sim' ? t('mode.simExplain') : t('mode.liveExplain')}</span>
        </div>
      )}
      <InterruptedBanner locale={locale} />
    </>
  );
}
