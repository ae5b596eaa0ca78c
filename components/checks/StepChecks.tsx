'use client';
// The checks of the visible step, re-evaluated on every cluster snapshot the stream delivers (no Check
// button). lib/checks/live does the work; the first pass of each check is saved per lesson.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LessonCheck } from '@/lib/lessons/schema';
import type { Locale } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/messages';
import { EMPTY_VIEW, LiveChecks } from '@/lib/checks/live';
import { sharedSnapshotFeed } from '@/lib/checks/snapshot-feed';
import { checkProgressSnapshot, checkRef, markPassed, serverCheckProgress, storeCheckProgress, subscribeCheckProgress } from '@/lib/checks/progress';
import { CheckItem } from './CheckItem';

const NO_CHECKS: LiveChecks['subscribe'] = () => () => {};

function createLive(): LiveChecks {
  return new LiveChecks(sharedSnapshotFeed(), {
    now: () => Date.now(),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (t) => window.clearTimeout(t as number),
    onPass: (lessonId, stepId, checkId, at) => storeCheckProgress(lessonId, markPassed(checkProgressSnapshot(lessonId), checkRef(stepId, checkId), at)),
  });
}

export function StepChecks({ lessonId, stepId, checks, locale, t }: { lessonId: string; stepId: string; checks: LessonCheck[]; locale: Locale; t: Translate }) {
  // Created on the client only (the server render has no feed); kept for the player's lifetime so a
  // step visited again shows its last state.
  const [live] = useState<LiveChecks | null>(() => (typeof window === 'undefined' ? null : createLive()));
  useEffect(() => live?.select(lessonId, stepId, checks), [live, lessonId, stepId, checks]);
  const view = useSyncExternalStore(checks.length && live ? live.subscribe : NO_CHECKS, () => live?.getSnapshot() ?? EMPTY_VIEW, () => EMPTY_VIEW);
  const progress = useSyncExternalStore(subscribeCheckProgress, () => checkProgressSnapshot(lessonId), serverCheckProgress);

  if (checks.length === 0) return null;
  const current = view.lessonId === lessonId && view.stepId === stepId;
  return (
    <section aria-labelledby="step-checks" className="mt-6" data-testid="step-checks">
      <h3 id="step-checks" className="text-sm font-semibold uppercase tracking-wide text-muted">
        {t('checks.heading')}
      </h3>
      <p className="mt-1 text-xs text-muted">{t('checks.explain')}</p>
      {view.hasSnapshot && !view.connected && (
        <p role="status" className="mt-1 text-xs text-warn">
          {t('checks.feedLost')}
        </p>
      )}
      <ul aria-live="polite" className="mt-2 space-y-2">
        {checks.map((c) => (
          <CheckItem
            key={c.id}
            id={c.id}
            title={c.title[locale]}
            verdict={(current && view.verdicts[c.id]) || { state: 'pending' }}
            passedAt={progress[checkRef(stepId, c.id)]}
            locale={locale}
            t={t}
          />
        ))}
      </ul>
    </section>
  );
}
