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

// A tiny external store over localStorage for useSyncExternalStore: snapshots are cached by the raw
// stored string, so React sees the same object until the progress really changes.
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: LessonProgress | null }>();

export function subscribeProgress(cb: () => void): () => void {
  listeners.add(cb);
  const onStorage = (e: StorageEvent) => e.key?.startsWith('cnilab:progress:') && cb();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('storage', onStorage);
  };
}

export function progressSnapshot(lessonId: string, stepIds: readonly string[]): LessonProgress | null {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(progressKey(lessonId));
  } catch {
    raw = null;
  }
  const hit = cache.get(lessonId);
  if (hit && hit.raw === raw) return hit.value;
  const value = loadProgress({ getItem: () => raw }, lessonId, stepIds);
  cache.set(lessonId, { raw, value });
  return value;
}

export function storeProgress(lessonId: string, p: LessonProgress | null): void {
  if (p) saveProgress(window.localStorage, lessonId, p);
  else clearProgress(window.localStorage, lessonId);
  for (const cb of listeners) cb();
}
