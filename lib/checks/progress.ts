// Which checks of a lesson the learner has reached, and when: localStorage cnilab:checks:<lessonId>,
// `{ "<stepId>/<checkId>": <ms since epoch> }`. Kept when the state later changes (the learner did
// get there); cleared by the lesson's Reset progress.
export type CheckProgress = Readonly<Record<string, number>>;

export const checksKey = (lessonId: string) => `cnilab:checks:${lessonId}`;
export const checkRef = (stepId: string, checkId: string) => `${stepId}/${checkId}`;

/** Only known keys with sane times survive (the storage is the learner's, but may hold junk). */
export function parseCheckProgress(raw: string | null, known?: ReadonlySet<string>): CheckProgress {
  try {
    const v = JSON.parse(raw ?? '{}') as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, number> = {};
    for (const [k, t] of Object.entries(v)) {
      if (typeof t === 'number' && Number.isFinite(t) && t > 0 && (!known || known.has(k))) out[k] = t;
    }
    return out;
  } catch {
    return {};
  }
}

/** Records the first time a check passed (later passes keep the first time). */
export function markPassed(p: CheckProgress, ref: string, at: number): CheckProgress {
  return p[ref] ? p : { ...p, [ref]: at };
}

// External store for useSyncExternalStore, cached by the raw string so React sees stable objects.
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: CheckProgress }>();
const EMPTY: CheckProgress = Object.freeze({});

function readRaw(lessonId: string): string | null {
  try {
    return window.localStorage.getItem(checksKey(lessonId));
  } catch {
    return null;
  }
}

export function subscribeCheckProgress(cb: () => void): () => void {
  listeners.add(cb);
  const onStorage = (e: StorageEvent) => e.key?.startsWith('cnilab:checks:') && cb();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('storage', onStorage);
  };
}

export function checkProgressSnapshot(lessonId: string): CheckProgress {
  const raw = readRaw(lessonId);
  const hit = cache.get(lessonId);
  if (hit && hit.raw === raw) return hit.value;
  const value = raw ? parseCheckProgress(raw) : EMPTY;
  cache.set(lessonId, { raw, value });
  return value;
}

export const serverCheckProgress = (): CheckProgress => EMPTY;

export function storeCheckProgress(lessonId: string, p: CheckProgress | null): void {
  try {
    if (p && Object.keys(p).length) window.localStorage.setItem(checksKey(lessonId), JSON.stringify(p));
    else window.localStorage.removeItem(checksKey(lessonId));
  } catch {
    // storage disabled: progress lives for this page only
  }
  for (const cb of listeners) cb();
}

/** For the lesson's Reset progress. */
export function clearCheckProgress(lessonId: string): void {
  storeCheckProgress(lessonId, null);
}
