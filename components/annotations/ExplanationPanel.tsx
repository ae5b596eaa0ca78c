'use client';
// One explanation of a tagged terminal line: what it means, why it happens here, what to do, the line
// itself, sources, and Related topics that chain to the next explanation (with Back). Escape closes.
import { useEffect, useRef } from 'react';
import { explain } from '@/lib/annotations';
import type { OpenExplanation } from '@/lib/client/annotations-store';
import type { Locale } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/messages';

const btn = 'inline-flex items-center rounded-md border border-line px-2 py-0.5 text-xs hover:bg-panel-2';

export function ExplanationPanel({
  open,
  canGoBack,
  locale,
  t,
  onBack,
  onClose,
  onRelated,
}: {
  open: OpenExplanation;
  canGoBack: boolean;
  locale: Locale;
  t: Translate;
  onBack: () => void;
  onClose: () => void;
  onRelated: (topic: string) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new explanation (not a language switch) moves focus to its title, so it is read out.
  useEffect(() => {
    heading.current?.focus();
  }, [open]);
  const ex = explain(open.topic, locale);

  return (
    <article
      data-testid="explanation-panel"
      data-topic={open.topic}
      aria-labelledby="ann-title"
      className="space-y-2 text-sm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="flex items-start gap-2">
        {canGoBack && (
          <button type="button" className={btn} onClick={onBack} data-testid="explanation-back">
            ← {t('ann.back')}
          </button>
        )}
        <h3 id="ann-title" ref={heading} tabIndex={-1} className="min-w-0 flex-1 font-semibold leading-snug outline-none">
          {ex?.title ?? open.topic}
        </h3>
        <button type="button" className={btn} onClick={onClose} aria-label={t('ann.close')} title={t('ann.close')} data-testid="explanation-close">
          ✕
        </button>
      </div>
      {open.quote && (
        <figure>
          <figcaption className="text-xs font-medium text-muted">{t('ann.line')}</figcaption>
          <blockquote className="mt-0.5 overflow-x-auto whitespace-pre rounded border-l-4 border-[#d97706] bg-panel-2 px-2 py-1 font-mono text-xs" data-testid="explanation-quote">
            {open.quote}
          </blockquote>
        </figure>
      )}
      {!ex ? (
        <p>{t('ann.unknown')}</p>
      ) : (
        <>
          <dl className="space-y-1.5">
            {(
              [
                ['ann.means', ex.means],
                ['ann.why', ex.why],
                ['ann.fix', ex.fix],
              ] as const
            ).map(([key, text]) => (
              <div key={key}>
                <dt className="text-xs font-semibold uppercase tracking-wide text-muted">{t(key)}</dt>
                <dd className="leading-relaxed">{text}</dd>
              </div>
            ))}
          </dl>
          {ex.sources.length > 0 && (
            <section aria-labelledby="ann-sources">
              <h4 id="ann-sources" className="text-xs font-semibold uppercase tracking-wide text-muted">
                {t('ann.sources')}
              </h4>
              <ul className="list-disc pl-5 text-xs" data-testid="explanation-sources">
                {ex.sources.map((s) => (
                  <li key={s.url}>
                    <a href={s.url} target="_blank" rel="noopener noreferrer" className="text-accent underline break-words">
                      {s.label}
                      <span className="sr-only"> {t('ann.newTab')}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {ex.related.length > 0 && (
            <section aria-labelledby="ann-related">
              <h4 id="ann-related" className="text-xs font-semibold uppercase tracking-wide text-muted">
                {t('ann.related')}
              </h4>
              <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="explanation-related">
                {ex.related.map((r) => (
                  <li key={r.id}>
                    <button type="button" className={btn} data-topic={r.id} onClick={() => onRelated(r.id)}>
                      {r.title} →
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </article>
  );
}
