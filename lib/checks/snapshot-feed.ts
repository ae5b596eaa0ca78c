// The browser's view of the cluster for checks: one EventSource on /api/cluster/stream per page
// (event `snapshot`, JSON ClusterSnapshot), shared by every subscriber and closed with the last one.
// Checks are evaluated in the browser from these snapshots, so the server does no check work.
import type { EventSourceFactory, EventSourceLike } from '@/lib/client/job-stream';
import type { ClusterSnapshot } from '@/lib/cluster/types';

export const CLUSTER_STREAM_URL = '/api/cluster/stream';
/** A snapshot bigger than this is refused rather than parsed (the watcher caps events; this is a guard). */
export const MAX_SNAPSHOT_CHARS = 4 * 1024 * 1024;

export interface FeedState {
  snapshot: ClusterSnapshot | null;
  /** false while the stream is down (the browser reconnects by itself). */
  connected: boolean;
}

/** Minimal shape check: enough that the evaluator never reads a missing array. */
export function parseSnapshot(data: unknown): ClusterSnapshot | null {
  if (typeof data !== 'string' || data.length > MAX_SNAPSHOT_CHARS) return null;
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const s = v as Partial<ClusterSnapshot>;
  if (typeof s.reachable !== 'boolean') return null;
  for (const k of ['nodes', 'pods', 'events', 'namespaces'] as const) if (!Array.isArray(s[k])) return null;
  return s as ClusterSnapshot;
}

export class SnapshotFeed {
  private es: EventSourceLike | null = null;
  private listeners = new Set<() => void>();
  private state: FeedState = { snapshot: null, connected: false };
  private retries = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly factory: EventSourceFactory,
    private readonly url = CLUSTER_STREAM_URL,
  ) {}

  get current(): FeedState {
    return this.state;
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    if (!this.es) this.open();
    return () => {
      this.listeners.delete(cb);
      if (this.listeners.size === 0) this.close();
    };
  }

  private set(next: FeedState) {
    this.state = next;
    for (const cb of this.listeners) cb();
  }

  private open() {
    const es = this.factory(this.url);
    this.es = es;
    es.onerror = () => {
      this.set({ ...this.state, connected: false });
      // A browser EventSource gives up for good after an HTTP error (e.g. 401 before the session
      // cookie exists on a first visit): reopen it ourselves, backing off, while anyone listens.
      if ((es as { readyState?: number }).readyState === 2 && this.es === es) {
        this.es = null;
        const delay = Math.min(10_000, 500 * 2 ** this.retries++);
        this.retry = setTimeout(() => {
          if (this.listeners.size > 0 && !this.es) this.open();
        }, delay);
      }
    };
    es.onopen = () => {
      this.retries = 0;
      this.set({ ...this.state, connected: true });
    };
    es.addEventListener('snapshot', (ev) => {
      const snap = parseSnapshot(ev.data);
      // Out-of-order or stale snapshots (a reconnect replays) must not move the view backwards.
      if (!snap) return;
      const prev = this.state.snapshot;
      if (prev && snap.at < prev.at) return;
      this.set({ snapshot: snap, connected: true });
    });
  }

  private close() {
    clearTimeout(this.retry);
    this.es?.close();
    this.es = null;
    this.state = { snapshot: null, connected: false };
  }
}

let shared: SnapshotFeed | null = null;
/** The page-wide feed (browser only). */
export function sharedSnapshotFeed(): SnapshotFeed {
  shared ??= new SnapshotFeed((url) => new EventSource(url));
  return shared;
}
