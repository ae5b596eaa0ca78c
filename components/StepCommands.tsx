'use client';
// A step's commands as buttons: the command text in monospace, its note, and badges.
import type { LessonCommand } from '@/lib/lessons/schema';
import type { Locale } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/messages';

export function StepCommands({
  commands,
  mode,
  locale,
  t,
  canRun,
  onRun,
}: {
  commands: LessonCommand[];
  mode: 'live' | 'sim' | null;
  locale: Locale;
  t: Translate;
  canRun: boolean;
  onRun: (cmd: LessonCommand) => void;
}) {
  if (commands.length === 0) return null;
  return (
    <section aria-labelledby="step-commands" className="mt-6">
      <h3 id="step-commands" className="text-sm font-semibold uppercase tracking-wide text-muted">
        {t('lesson.commands')}
      </h3>
      <ul className="mt-2 space-y-2.5">
        {commands.map((c) => {
          const modeOk = mode === null || c.modes.includes(mode);
          return (
            <li key={c.id} data-testid={`command-${c.id}`} className="rounded-lg border border-line bg-panel p-2.5">
              <div className="flex items-start gap-2">
                <button
                  type="button"
                  onClick={() => onRun(c)}
                  disabled={!canRun || !modeOk}
                  aria-label={t('lesson.runCommand', { command: c.run })}
                  className="inline-flex h-7 shrink-0 items-center gap-1 rounded-md bg-accent px-2.5 text-xs font-semibold text-accent-fg hover:opacity-90 disabled:opacity-40"
                >
                  <span aria-hidden>▶</span> {t('lesson.run')}
                </button>
                <code className="min-w-0 flex-1 break-all pt-1 font-mono text-[13px] leading-5">{c.run}</code>
              </div>
              {(c.expectFailure || !modeOk) && (
                <div className="mt-1.5 flex flex-wrap gap-1.5 pl-[4.5rem]">
                  {c.expectFailure && (
                    <span data-testid="expect-failure" className="rounded-full bg-warn-bg px-2 py-0.5 text-[11px] font-semibold text-warn">
                      {t('lesson.expectFailure')}
                    </span>
                  )}
                  {!modeOk && <span className="rounded-full bg-panel-2 px-2 py-0.5 text-[11px] text-muted">{t('lesson.liveOnly')}</span>}
                </div>
              )}
              {c.note && <p className="mt-1.5 pl-[4.5rem] text-[13px] leading-5 text-muted">{c.note[locale]}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
