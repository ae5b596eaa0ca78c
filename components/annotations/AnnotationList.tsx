'use client';
// The tagged terminal lines as a list of buttons: the keyboard path to every explanation. Arrow keys
// (with or without Alt) move between entries; Enter opens one.
import { explain } from '@/lib/annotations';
import type { Annotation } from '@/lib/client/annotations';
import type { Locale } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/messages';

export function AnnotationList({
  annotations,
  locale,
  t,
  onOpen,
}: {
  annotations: readonly Annotation[];
  locale: Locale;
  t: Translate;
  onOpen: (key: string) => void;
}) {
  if (!annotations.length) return <p className="text-sm text-muted">{t('ann.empty')}</p>;
  const move = (e: React.KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-annotation]')];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    items[Math.min(items.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };
  return (
    <div>
      <p className="mb-1.5 text-xs text-muted">{t('ann.listHint')}</p>
      <ul aria-label={t('ann.list')} className="space-y-1" onKeyDown={move} data-testid="annotation-list">
        {annotations.map((a) => {
          const title = explain(a.topic, locale)?.title ?? a.topic;
          return (
            <li key={a.key}>
              <button
                type="button"
                data-annotation={a.key}
                data-topic={a.topic}
                aria-label={t('ann.explain', { title })}
                onClick={() => onOpen(a.key)}
                className="w-full rounded-md border border-line border-l-4 border-l-[#d97706] px-2 py-1 text-left hover:bg-panel-2 focus-visible:outline-2 focus-visible:outline-accent"
              >
                <span className="block text-sm font-medium">{title}</span>
                <span className="block truncate font-mono text-xs text-muted">{a.text}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
