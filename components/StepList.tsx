'use client';
// The steps sidebar: progress, the list of steps (current one marked), and Reset progress.
import Link from 'next/link';
import type { LessonStep } from '@/lib/lessons/schema';
import type { Locale } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/messages';

export function StepList({
  steps,
  current,
  visited,
  locale,
  t,
  onSelect,
  onReset,
  sourceNote,
}: {
  steps: LessonStep[];
  current: string;
  visited: readonly string[];
  locale: Locale;
  t: Translate;
  onSelect: (id: string) => void;
  onReset: () => void;
  sourceNote?: string;
}) {
  const done = steps.filter((s) => visited.includes(s.id)).length;
  return (
    <div className="flex flex-col gap-3 p-3">
      <Link href={`/?lang=${locale}`} className="text-xs text-accent hover:underline">
        ← {t('nav.lessons')}
      </Link>
      <div>
        <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">{t('lesson.steps')}</h2>
        <p className="mt-1 text-xs text-muted" data-testid="progress-text">
          {t('lesson.progress', { done, total: steps.length })}
        </p>
        <div className="mt-1 h-1 overflow-hidden rounded bg-panel-2" aria-hidden>
          <div className="h-full bg-ok" style={{ width: `${(done / steps.length) * 100}%` }} />
        </div>
      </div>
      <ol className="space-y-0.5" data-testid="step-list">
        {steps.map((s, i) => {
          const isCurrent = s.id === current;
          const seen = visited.includes(s.id);
          return (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => onSelect(s.id)}
                aria-current={isCurrent ? 'step' : undefined}
                className={`flex w-full items-start gap-2 rounded-md px-2 py-1.5 text-left text-[13px] leading-snug ${
                  isCurrent ? 'bg-accent text-accent-fg' : 'hover:bg-panel-2'
                }`}
              >
                <span className={`w-5 shrink-0 text-right tabular-nums ${isCurrent ? '' : 'text-muted'}`}>{seen && !isCurrent ? '✓' : i + 1}</span>
                <span className="min-w-0">{s.title[locale]}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={onReset}
        className="self-start rounded-md border border-line px-2 py-1 text-xs text-muted hover:bg-panel-2 hover:text-fg"
      >
        {t('lesson.resetProgress')}
      </button>
      {sourceNote && (
        <details className="text-xs text-muted">
          <summary className="font-medium">{t('lesson.sourceNote')}</summary>
          <p className="mt-1 leading-5">{sourceNote}</p>
        </details>
      )}
    </div>
  );
}
