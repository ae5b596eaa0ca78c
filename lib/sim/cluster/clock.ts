// Time for the simulated cluster. Two paces: `realistic` runs delays in (compressed) real time;
// `instant` runs every work item on the next tick so tests can `await settle()`.
// Background timers (lease heartbeats, periodic retries) never count towards settling.

export type Pace = 'instant' | 'realistic';

export interface TimerHandle {
  cancel(): void;
}

export class SimClock {
  private pending = 0;
  private waiters: Array<() => void> = [];
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private intervals = new Set<ReturnType<typeof setInterval>>();
  private stopped = false;

  constructor(
    readonly pace: Pace,
    private readonly nowFn: () => Date = () => new Date(),
  ) {}

  now(): Date {
    return this.nowFn();
  }

  /** Scales a realistic delay for this pace. */
  delay(ms: number): number {
    return this.pace === 'instant' ? 0 : ms;
  }

  /** A unit of work after `ms` (0 in instant pace). Counts towards settle(). */
  after(ms: number, fn: () => void): TimerHandle {
    if (this.stopped) return { cancel() {} };
    this.pending++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.pending--;
      if (this.pending === 0) this.wake();
    };
    const t = setTimeout(() => {
      this.timers.delete(t);
      try {
        if (!this.stopped) fn();
      } finally {
        finish();
      }
    }, this.delay(ms));
    this.timers.add(t);
    return {
      cancel: () => {
        clearTimeout(t);
        this.timers.delete(t);
        finish();
      },
    };
  }

  /** A periodic background job (real time in both paces). */
  every(ms: number, fn: () => void): TimerHandle {
    if (this.stopped) return { cancel() {} };
    const t = setInterval(() => {
      if (!this.stopped) fn();
    }, ms);
    t.unref?.();
    this.intervals.add(t);
    return {
      cancel: () => {
        clearInterval(t);
        this.intervals.delete(t);
      },
    };
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once no work is pending (runs chained work to completion). */
  async settle(maxMs = 60_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      if (this.pending === 0) {
        // Let listeners that schedule work from microtasks or setImmediate run, then check again.
        await new Promise((r) => setImmediate(r));
        if (this.pending === 0) return;
      }
      if (Date.now() > deadline) throw new Error(`cluster did not settle within ${maxMs} ms (${this.pending} pending)`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50).unref?.();
      });
    }
  }

  pendingWork(): number {
    return this.pending;
  }

  stop() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    for (const t of this.intervals) clearInterval(t);
    this.timers.clear();
    this.intervals.clear();
    this.pending = 0;
    this.wake();
  }
}
