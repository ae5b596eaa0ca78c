// Live verdicts for the visible step: listens to the snapshot feed, evaluates that step's checks on
// every snapshot, ends holds with a timer, and reports first passes. An external store for React
// (subscribe/getSnapshot), with the clock and timers injected so it is tested without a browser.
import type { ClusterSnapshot } from '@/lib/cluster/types';
import { evaluateCheck, type CheckResult } from './evaluate';
import { StepChecksTracker, type Verdict } from './hold';
import type { StepCheck } from './schema';

export interface FeedLike {
  readonly current: { snapshot: ClusterSnapshot | null; connected: boolean };
  subscribe(cb: () => void): () => void;
}

export interface LiveView {
  lessonId: string;
  stepId: string;
  verdicts: Readonly<Record<string, Verdict>>;
  connected: boolean;
  hasSnapshot: boolean;
}

export interface LiveOptions {
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (t: unknown) => void;
  onPass?: (lessonId: string, stepId: string, checkId: string, at: number) => void;
}

export const EMPTY_VIEW: LiveView = { lessonId: '', stepId: '', verdicts: {}, connected: false, hasSnapshot: false };

export class LiveChecks {
  private trackers = new Map<string, StepChecksTracker>();
  private step: { lessonId: string; stepId: string; checks: readonly StepCheck[] } | null = null;
  private view: LiveView = EMPTY_VIEW;
  private listeners = new Set<() => void>();
  private unfeed: (() => void) | null = null;
  private timer: unknown = null;
  private lastSnap: ClusterSnapshot | null = null;

  constructor(
    private readonly feed: FeedLike,
    private readonly opts: LiveOptions,
  ) {}

  readonly subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    if (!this.unfeed) {
      this.unfeed = this.feed.subscribe(() => this.refresh(false));
      this.refresh(false);
    }
    return () => {
      this.listeners.delete(cb);
      if (this.listeners.size === 0) {
        this.unfeed?.();
        this.unfeed = null;
        this.stopTimer();
      }
    };
  };

  readonly getSnapshot = (): LiveView => this.view;

  /** Makes a step the visible one. Only it is evaluated; other steps keep their last verdicts. */
  select(lessonId: string, stepId: string, checks: readonly StepCheck[]): void {
    if (this.step && this.step.lessonId === lessonId && this.step.stepId === stepId && this.step.checks === checks) return;
    this.step = { lessonId, stepId, checks };
    this.refresh(true);
  }

  private tracker(): StepChecksTracker | null {
    if (!this.step) return null;
    const key = `${this.step.lessonId}\n${this.step.stepId}`;
    let t = this.trackers.get(key);
    if (!t) {
      t = new StepChecksTracker(this.step.checks);
      this.trackers.set(key, t);
    }
    return t;
  }

  /** Re-evaluates when the snapshot changed (or the step did), then publishes. */
  private refresh(stepChanged: boolean) {
    const tr = this.tracker();
    if (!tr || !this.step) return;
    const { snapshot, connected } = this.feed.current;
    const now = this.opts.now();
    let verdicts: Record<string, Verdict>;
    if (snapshot && (stepChanged || snapshot !== this.lastSnap)) {
      const results: Record<string, CheckResult> = {};
      for (const c of this.step.checks) results[c.id] = evaluateCheck(c, snapshot);
      verdicts = tr.update(results, now);
    } else {
      verdicts = tr.verdicts(now);
    }
    this.lastSnap = snapshot;
    this.publish(verdicts, connected, snapshot !== null, now);
  }

  private publish(verdicts: Record<string, Verdict>, connected: boolean, hasSnapshot: boolean, now: number) {
    const { lessonId, stepId } = this.step!;
    const sameStep = this.view.lessonId === lessonId && this.view.stepId === stepId;
    for (const [id, v] of Object.entries(verdicts)) {
      // Reported on each transition into pass; the progress store keeps only the first time.
      if (v.state === 'pass' && !(sameStep && this.view.verdicts[id]?.state === 'pass')) this.opts.onPass?.(lessonId, stepId, id, now);
    }
    this.view = { lessonId, stepId, verdicts, connected, hasSnapshot };
    for (const cb of this.listeners) cb();
    this.schedule();
  }

  /** While a check holds, tick once a second: the countdown moves and the hold ends on time. */
  private schedule() {
    this.stopTimer();
    const tr = this.tracker();
    if (!tr || this.listeners.size === 0) return;
    const next = tr.nextChangeIn(this.opts.now());
    if (next === null) return;
    this.timer = this.opts.setTimer(() => {
      this.timer = null;
      const { connected } = this.feed.current;
      this.publish(tr.verdicts(this.opts.now()), connected, this.feed.current.snapshot !== null, this.opts.now());
    }, Math.min(1000, Math.max(20, next)));
  }

  private stopTimer() {
    if (this.timer !== null) this.opts.clearTimer(this.timer);
    this.timer = null;
  }
}
