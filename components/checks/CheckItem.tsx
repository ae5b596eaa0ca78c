'use client';
// One check under a step: status icon, title, and for a failure every difference (expected vs seen).
import type { Locale } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/messages';
import type { Verdict } from '@/lib/checks/hold';
import { formatDetails } from '@/lib/checks/format';

const ICON: Record<Verdict['state'], { glyph: string; cls: string }> = {
  pending: { glyph: '○', cls: 'text-muted' },
  unknown: { glyph: '?', cls: 'text-muted' },
  holding: { glyph: '◔', cls: 'text-warn' },
  pass: { glyph: '✓', cls: 'text-ok' },
  fail: { glyph: '✗', cls: 'text-bad' },
};

export function CheckItem({
  id,
  title,
  verdict,
  passedAt,
  locale,
  t,
}: {
  id: string;
  title: string;
  verdict: Verdict;
  /** When this check was first reached (kept in the browser), if ever. */
  passedAt?: number;
  locale: Locale;
  t: Translate;
}) {
  const { glyph, cls } = ICON[verdict.state];
  const seconds = verdict.state === 'holding' ? Math.ceil(verdict.remainingMs / 1000) : 0;
  const stateText = verdict.state === 'holding' ? t('checks.state.holding', { seconds }) : t(`checks.state.${verdict.state}`);
  // Screen readers get the state without the ticking seconds, so the live region does not chatter.
  const srState = verdict.state === 'holding' ? t('checks.state.holdingSr') : stateText;
  const details = verdict.state === 'fail' || verdict.state === 'unknown' ? formatDetails(verdict.result, locale) : [];
  const time = passedAt ? new Date(passedAt).toLocaleTimeString(locale === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : null;
  return (
    <li data-testid={`check-${id}`} data-state={verdict.state} className="rounded-lg border border-line bg-panel p-2.5">
      <div className="flex items-start gap-2">
        <span aria-hidden className={`w-4 shrink-0 text-center font-bold ${cls}`}>
          {glyph}
        </span>
        <span className="sr-only">{t('checks.srLabel', { title, state: srState })}</span>
        <span aria-hidden className="min-w-0 flex-1 text-[13px] leading-5">
          {title}
        </span>
        <span aria-hidden data-testid="check-state" className={`shrink-0 text-xs ${cls}`}>
          {stateText}
        </span>
      </div>
      {time && verdict.state !== 'pass' && (
        <p data-testid="check-passed-at" className="mt-1 pl-6 text-xs text-muted">
          {t('checks.passedAt', { time })}
        </p>
      )}
      {details.length > 0 && (
        <ul data-testid="check-details" className="mt-1.5 space-y-0.5 pl-6 font-mono text-xs leading-5 text-muted">
          {details.map((line, i) => (
            <li key={i} className="break-words">
              {line}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
