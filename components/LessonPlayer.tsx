'use client';
// The lesson page body: steps sidebar | step text with commands and files | terminal and environment.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Lesson, LessonCommand } from '@/lib/lessons/schema';
import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/messages';
import { api } from '@/lib/client/api';
import { JobController } from '@/lib/client/job-controller';
import { progressSnapshot, storeProgress, subscribeProgress, visit } from '@/lib/client/lesson-progress';
import { useLab } from './LabProvider';
import { DoctorPanel } from './DoctorPanel';
import { LessonFiles } from './LessonFiles';
import { Markdown } from './Markdown';
import { StepCommands } from './StepCommands';
import { StepList } from './StepList';
import { TerminalPane } from './terminal/TerminalPane';
// [checks] step checks (owned by components/checks, lib/checks)
import { StepChecks } from './checks/StepChecks';
import { XrayPanel } from './xray/XrayPanel'; // cluster X-ray panel (components/xray)
import { clearCheckProgress } from '@/lib/checks/progress';
import { SidePanels } from './annotations/SidePanels'; // [annotations]

/** One terminal for the whole lab: the cluster is shared by all lessons, so is its transcript. */
const TERMINAL_KEY = 'cnilab:term:main';

/** Step bodies open with their own "## Title"; the player shows the step title itself. */
const withoutLeadingHeading = (md: string) => md.replace(/^\s*#{1,3} [^\n]*\n+/, '');

export function LessonPlayer({
  lesson,
  bodies,
  files,
  locale,
}: {
  lesson: Lesson;
  bodies: Record<string, string>;
  files: Record<string, string>;
  locale: Locale;
}) {
  const t = useMemo(() => translator(locale), [locale]);
  const { session, doctor } = useLab();
  const stepIds = useMemo(() => lesson.steps.map((s) => s.id), [lesson.steps]);
  const canRun = session.status === 'ok';

  // The current step lives in localStorage; the server render (no storage) shows step 1.
  const stored = useSyncExternalStore(
    subscribeProgress,
    () => progressSnapshot(lesson.id, stepIds),
    () => null,
  );
  const progress = stored ?? { current: stepIds[0], visited: [stepIds[0]] };

  const go = useCallback(
    (stepId: string) => {
      storeProgress(lesson.id, visit(progressSnapshot(lesson.id, stepIds) ?? { current: stepIds[0], visited: [stepIds[0]] }, stepId));
      document.getElementById('lesson-main')?.scrollTo({ top: 0 });
    },
    [lesson.id, stepIds],
  );

  const reset = () => {
    if (!window.confirm(t('lesson.resetConfirm'))) return;
    storeProgress(lesson.id, null);
    clearCheckProgress(lesson.id); // [checks]
  };

  // One controller per mounted player. It reads sessionStorage only in restore(), so the server and the
  // first client render agree.
  const [controller] = useState(
    () =>
      new JobController({
        api,
        storage: typeof window === 'undefined' ? undefined : window.sessionStorage,
        storageKey: TERMINAL_KEY,
        text: translator(locale),
      }),
  );
  useEffect(() => {
    controller.restore();
    const onHide = () => controller.flush();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [controller]);
  useEffect(() => controller.setText(t), [controller, t]);
  useEffect(() => {
    if (!canRun) return;
    void controller.resume();
    return () => controller.suspend();
  }, [controller, canRun]);

  const index = Math.max(0, stepIds.indexOf(progress.current));
  const step = lesson.steps[index];
  const stepFiles = lesson.files.filter((f) => step.files.includes(f.name));
  const run = (c: LessonCommand) => void controller.run(c.run, { lessonId: lesson.id, stepId: step.id });
  const mode = doctor?.mode ?? null;

  return (
    <div className="grid min-h-0 flex-1 grid-cols-1 lg:grid-rows-[minmax(0,1fr)] lg:grid-cols-[12.5rem_minmax(0,1fr)_minmax(0,1fr)] xl:grid-cols-[15rem_minmax(0,1fr)_minmax(0,1.1fr)]">
      <nav aria-label={t('lesson.steps')} className="border-b border-line bg-panel lg:overflow-y-auto lg:border-r lg:border-b-0">
        <StepList
          steps={lesson.steps}
          current={step.id}
          visited={progress.visited}
          locale={locale}
          t={t}
          onSelect={go}
          onReset={reset}
          sourceNote={lesson.sourceNote?.[locale]}
        />
      </nav>

      <main id="lesson-main" tabIndex={-1} className="min-w-0 px-5 py-5 lg:overflow-y-auto xl:px-7">
        <p className="text-xs font-medium text-muted" data-testid="step-position">
          {t('lesson.stepOf', { n: index + 1, total: lesson.steps.length })}
        </p>
        <h1 className="mt-1 text-2xl font-semibold leading-tight" data-testid="step-title">
          {step.title[locale]}
        </h1>
        <div className="mt-4">
          <Markdown text={withoutLeadingHeading(bodies[step.id] ?? '')} />
        </div>
        <StepCommands commands={step.commands} mode={mode} locale={locale} t={t} canRun={canRun} onRun={run} />
        <LessonFiles lessonId={lesson.id} files={stepFiles} contents={files} locale={locale} t={t} canEdit={canRun} />
        {/* [checks] the step's cluster checks, live */}
        <StepChecks lessonId={lesson.id} stepId={step.id} checks={step.checks} locale={locale} t={t} />
        <div className="mt-8 flex items-center justify-between gap-2 border-t border-line pt-4">
          <button
            type="button"
            onClick={() => go(stepIds[index - 1])}
            disabled={index === 0}
            className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-panel-2 disabled:opacity-40"
          >
            ← {t('lesson.prev')}
          </button>
          {index < stepIds.length - 1 ? (
            <button
              type="button"
              onClick={() => go(stepIds[index + 1])}
              className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg hover:opacity-90"
            >
              {t('lesson.next')} →
            </button>
          ) : (
            <span className="text-sm text-muted">{t('lesson.done')}</span>
          )}
        </div>
      </main>

      <aside className="flex min-h-0 flex-col gap-2 border-t border-line p-2 lg:border-t-0 lg:border-l">
        <div className="h-[28rem] min-h-0 lg:h-auto lg:flex-1">
          <TerminalPane controller={controller} t={t} canRun={canRun} locale={locale} />
        </div>
        {/* [annotations] tabs below the terminal: failure explanations | Cluster X-ray (components/xray, unchanged). */}
        <div className="h-[24rem] min-h-0 shrink-0 lg:h-[30%]">
          <SidePanels controller={controller} t={t} locale={locale} xray={<XrayPanel t={t} />} />
        </div>
        <details className="shrink-0 rounded-lg border border-line bg-panel px-3 py-2">
          <summary className="text-sm">
            <span className="font-semibold">{t('doctor.heading')}</span>
            {doctor && <span className="ml-2 text-xs text-muted">{doctor.mode === 'sim' ? t('mode.sim') : t('mode.live')}</span>}
          </summary>
          <div className="mt-2 max-h-72 overflow-y-auto">
            <DoctorPanel locale={locale} compact />
          </div>
        </details>
      </aside>
    </div>
  );
}
