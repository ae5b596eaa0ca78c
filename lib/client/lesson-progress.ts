// Where the learner is in each lesson, kept in localStorage under cnilab:progress:<lessonId>.
export interface LessonProgress {
  current: string;
  visited: string[];
}

export const progressKey = (lessonId: string) => `cnilab:progress:${lessonId}`;

export function loadProgress(storage: Pick<Storage, 'getItem'> | undefined, lessonId: string, stepIds: readonly string[]): LessonProgress | null {
  try {
    const v = JSON.parse(storage?.getItem(progressKey(lessonId)) ?? 'null') as Partial<LessonProgress> | null;
    if (!v || typeof v.current !== 'string' || !stepIds.includes(v.current)) return null;
    const visited = Array.isArray(v.visited) ? v.visited.filter((s): s is string => typeof s === 'string' && stepIds.includes(s)) : [];
    return { current: v.current, visited: [...new Set([...visited, v.current])] };
  } catch {
    return null;
  }
}

export function saveProgress(storage: Pick<Storage, 'setItem'> | undefined, lessonId: string, p: LessonProgress): void {
  try {
    storage?.setItem(progressKey(lessonId), JSON.stringify(p));
  } catch {
    // storage disabled: progress is kept for this page only
  }
}

export function clearProgress(storage: Pick<Storage, 'removeItem'> | undefined, lessonId: string): void {
  try {
    storage?.removeItem(progressKey(lessonId));
  } catch {
    // ignore
  }
}

/** Moves to a step and marks it visited. */
export function visit(p: LessonProgress, stepId: string): LessonProgress {
  return { current: stepId, visited: p.visited.includes(stepId) ? p.visited : [...p.visited, stepId] };
}
