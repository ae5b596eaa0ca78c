// Turns a stream of evaluations into a stable verdict. Pure: the caller passes the time in.
// A pass must last holdSeconds before it counts (a settling cluster flaps); a failure resets the wait.
import type { CheckResult } from './evaluate';

export type Verdict =
  /** No evaluation yet (no snapshot received). */
  | { state: 'pending' }
  /** The cluster does not answer. */
  | { state: 'unknown'; result: CheckResult }
  | { state: 'fail'; result: CheckResult }
  /** Passing, but not for long enough yet. */
  | { state: 'holding'; result: CheckResult; since: number; remainingMs: number }
  | { state: 'pass'; result: CheckResult; since: number };

export class HoldTracker {
  private result: CheckResult | null = null;
  /** When the current uninterrupted run of passes began. */
  private passingSince: number | null = null;

  constructor(readonly holdSeconds: number) {}

  /** Feeds one evaluation taken at `now` (ms) and returns the verdict at that time. */
  update(result: CheckResult, now: number): Verdict {
    if (result.status === 'pass') {
      if (this.passingSince === null) this.passingSince = now;
    } else {
      this.passingSince = null;
    }
    this.result = result;
    return this.verdict(now);
  }

  /** The verdict at `now` without a new evaluation (a timer calls this to end the hold). */
  verdict(now: number): Verdict {
    const r = this.result;
    if (!r) return { state: 'pending' };
    if (r.status === 'unknown') return { state: 'unknown', result: r };
    if (r.status === 'fail' || this.passingSince === null) return { state: 'fail', result: r };
    const remainingMs = this.passingSince + this.holdSeconds * 1000 - now;
    if (remainingMs > 0) return { state: 'holding', result: r, since: this.passingSince, remainingMs };
    return { state: 'pass', result: r, since: this.passingSince };
  }

  /** Ms until the verdict can change by itself (end of a hold), or null if only new evaluations change it. */
  nextChangeIn(now: number): number | null {
    const v = this.verdict(now);
    return v.state === 'holding' ? v.remainingMs : null;
  }
}

/**
 * The checks of one step, tracked together. Only the visible step is fed snapshots; trackers are
 * kept per check id so returning to a step shows the last state, and `passedAt` survives a later
 * failure (the learner did reach that state; progress remembers it).
 */
export class StepChecksTracker {
  private trackers = new Map<string, HoldTracker>();

  constructor(private checks: ReadonlyArray<{ id: string; holdSeconds: number }>) {
    for (const c of checks) this.trackers.set(c.id, new HoldTracker(c.holdSeconds));
  }

  update(results: Record<string, CheckResult>, now: number): Record<string, Verdict> {
    const out: Record<string, Verdict> = {};
    for (const c of this.checks) {
      const t = this.trackers.get(c.id)!;
      out[c.id] = results[c.id] ? t.update(results[c.id], now) : t.verdict(now);
    }
    return out;
  }

  verdicts(now: number): Record<string, Verdict> {
    return Object.fromEntries(this.checks.map((c) => [c.id, this.trackers.get(c.id)!.verdict(now)]));
  }

  /** The soonest time a hold ends, for one timer per step. */
  nextChangeIn(now: number): number | null {
    let min: number | null = null;
    for (const t of this.trackers.values()) {
      const n = t.nextChangeIn(now);
      if (n !== null && (min === null || n < min)) min = n;
    }
    return min;
  }
}
