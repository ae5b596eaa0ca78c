'use client';
// On the lesson index: "Continue at step n" when the learner has progress saved for a lesson.
import { useSyncExternalStore } from 'react';
import { progressKey, subscribeProgress } from '@/lib/client/lesson-progress';
import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/messages';

export function ContinueHint({ lessonId, stepIds, locale }: { lessonId: string; stepIds: string[]; locale: Locale }) {
  const raw = useSyncExternalStore(
    subscribeProgress,
    () => {
      try {
        return window.localStorage.getItem(progressKey(lessonId));
      } catch {
        return null;
      }
    },
    () => null,
  );
  let n = 0;
  try {
    n = stepIds.indexOf((JSON.parse(raw ?? 'null') as { current?: string } | null)?.current ?? '') + 1;
  } catch {
    n = 0;
  }
  if (n <= 1) return null;
  return <span className="ml-3 text-xs text-muted">{translator(locale)('index.continue', { n })}</span>;
}
