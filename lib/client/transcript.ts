// What one terminal has shown, as a list of writes, persisted per tab (sessionStorage) together with the
// job being followed and the last seq rendered. Both are saved in one item, so after a reload the
// restored text and the resume point always agree: nothing is lost or shown twice.
export type WriteKind = 'cmd' | 'out' | 'err' | 'notice' | 'status';
export type Tone = 'info' | 'warn' | 'error' | 'ok';

export interface TermWrite {
  kind: WriteKind;
  text: string;
  /** Job event seq for job output; absent for the terminal's own lines. */
  seq?: number;
  tone?: Tone;
  /** For `cmd`: the mode it ran in. */
  mode?: 'live' | 'sim';
}

export interface FollowedJob {
  jobId: string;
  raw: string;
  lastSeq: number;
  done: boolean;
  startedAt?: number;
  mode?: 'live' | 'sim';
}

export interface SavedTerminal {
  v: 1;
  job: FollowedJob | null;
  writes: TermWrite[];
}

export const MAX_TRANSCRIPT_CHARS = 300_000;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Drops the oldest writes until the text fits `max` characters. */
export function capWrites(writes: TermWrite[], max = MAX_TRANSCRIPT_CHARS): TermWrite[] {
  let total = 0;
  let i = writes.length;
  while (i > 0 && total + writes[i - 1].text.length <= max) total += writes[--i].text.length;
  return i === 0 ? writes : writes.slice(i);
}

function isWrite(w: unknown): w is TermWrite {
  const o = w as TermWrite;
  return !!o && typeof o.text === 'string' && ['cmd', 'out', 'err', 'notice', 'status'].includes(o.kind);
}

export function loadTerminal(store: Store | undefined, key: string): SavedTerminal {
  const empty: SavedTerminal = { v: 1, job: null, writes: [] };
  try {
    const raw = store?.getItem(key);
    if (!raw) return empty;
    const v = JSON.parse(raw) as SavedTerminal;
    if (v?.v !== 1 || !Array.isArray(v.writes)) return empty;
    const job = v.job && typeof v.job.jobId === 'string' && Number.isInteger(v.job.lastSeq) ? v.job : null;
    return { v: 1, job, writes: v.writes.filter(isWrite) };
  } catch {
    return empty;
  }
}

export function saveTerminal(store: Store | undefined, key: string, state: SavedTerminal): void {
  try {
    store?.setItem(key, JSON.stringify({ ...state, writes: capWrites(state.writes) }));
  } catch {
    // Quota exceeded: keep only the resume point so a reload still continues the stream correctly.
    try {
      store?.setItem(key, JSON.stringify({ v: 1, job: state.job, writes: [] }));
    } catch {
      // storage disabled
    }
  }
}
