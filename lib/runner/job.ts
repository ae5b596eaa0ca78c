import 'server-only';
// One run of a Pipeline: starts the command, sanitises and filters its output, numbers events
// densely, keeps them in a capped ring and fans them out to any number of subscribers.
import { randomBytes } from 'node:crypto';
import type { Cmd, CmdOptions, CmdResult, Cmder, JobEvent, JobState, Pipeline } from './types';
import { createSanitizer } from './sanitize';
import { FilterChain } from './filters';
import { EventRing, type RingLimits } from './event-ring';
import { KindProgressParser, type KindProgressHints } from './kind-progress';

export type JobExit = CmdResult & { elapsedMs: number };
export type JobListener = (e: JobEvent) => void;
type EventBody = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'seq'> : never) : never;

export interface JobOptions {
  pipeline: Pipeline;
  cmder: Cmder;
  mode: 'live' | 'sim';
  cmdOptions: CmdOptions;
  id?: string;
  kindHints?: KindProgressHints;
  ring?: RingLimits;
  /** Cancel the job this long after its last subscriber left (watches nobody reads any more). */
  idleCancelMs?: number;
}

export const newJobId = () => randomBytes(16).toString('hex');

export class Job {
  readonly id: string;
  readonly pipeline: Pipeline;
  readonly mode: 'live' | 'sim';
  readonly startedAt = Date.now();
  state: JobState = 'running';
  result: JobExit | undefined;

  private seq = 0;
  private readonly ring: EventRing;
  private readonly listeners = new Set<JobListener>();
  // Both dropped when the job ends: promises and child-process handles carry the async context
  // (with AsyncLocalStorage, the whole HTTP request) they were created in, and a finished job is
  // kept for replay long after that request is over.
  private cmd: Cmd | undefined;
  private running: Promise<JobExit> | undefined;
  private readonly filters: FilterChain;
  private readonly outSan = createSanitizer();
  private readonly errSan = createSanitizer();
  private readonly progress: KindProgressParser | null;
  private stoppedByFilter = false;
  private readonly t0 = performance.now();
  private readonly idleCancelMs: number | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(o: JobOptions) {
    this.id = o.id ?? newJobId();
    this.pipeline = o.pipeline;
    this.mode = o.mode;
    this.ring = new EventRing(o.ring);
    this.idleCancelMs = o.idleCancelMs;
    this.filters = new FilterChain(o.pipeline.filters);
    const { program, args } = o.pipeline.command;
    this.progress = program === 'kind' && args[0] === 'create' ? KindProgressParser.forArgs(args, o.kindHints) : null;
    this.emit({ type: 'start', data: { jobId: this.id, raw: o.pipeline.raw, mode: o.mode, startedAt: this.startedAt } });
    this.cmd = o.cmder.start(o.pipeline.command, { stdout: (s) => this.onOut(s), stderr: (s) => this.onErr(s) }, o.cmdOptions);
    if (this.stoppedByFilter) this.stopUpstream(); // the filter was satisfied by output delivered during start()
    this.running = this.cmd.done.then(
      (r) => this.finish(r),
      (e: unknown) => this.finish({ exitCode: null, signal: null, timedOut: false, cancelled: false, truncated: false, error: `internal error: ${String(e)}` }),
    );
    this.armIdleCancel(); // also covers a client that never connects
  }

  /** Settles with the exit; once the job has ended, a fresh settled promise. */
  get done(): Promise<JobExit> {
    return this.running ?? Promise.resolve(this.result!);
  }

  get lastSeq(): number {
    return this.seq;
  }
  get oldestSeq(): number {
    return this.ring.oldestSeq;
  }
  get elapsedMs(): number {
    return this.result?.elapsedMs ?? Math.round(performance.now() - this.t0);
  }

  /** Retained events after `afterSeq` (a client's Last-Event-ID), oldest first. */
  eventsAfter(afterSeq: number): JobEvent[] {
    return this.ring.after(afterSeq);
  }

  /**
   * Replays retained events after `afterSeq`, then delivers live ones until `exit`.
   * Returns the unsubscribe function.
   */
  subscribe(afterSeq: number, listener: JobListener): () => void {
    for (const e of this.ring.after(afterSeq)) listener(e);
    if (this.state === 'exited') return () => {};
    this.listeners.add(listener);
    clearTimeout(this.idleTimer);
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) this.armIdleCancel();
    };
  }

  private armIdleCancel(): void {
    if (this.idleCancelMs === undefined || this.state !== 'running') return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.listeners.size === 0) this.cancel();
    }, this.idleCancelMs);
    this.idleTimer.unref?.();
  }

  /** Approximate size of the retained output (what a finished job costs to keep for replay). */
  get bufferedBytes(): number {
    return this.ring.approxBytes;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  cancel(): void {
    if (this.state === 'running') this.cmd?.cancel();
  }

  private emit(body: EventBody): void {
    const e = { ...body, seq: ++this.seq } as JobEvent;
    this.ring.push(e);
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        this.listeners.delete(l); // a broken subscriber must not break the job
      }
    }
  }

  private onOut(chunk: string): void {
    if (this.stoppedByFilter) return;
    const text = this.filters.write(this.outSan.push(chunk));
    if (text) this.emit({ type: 'out', data: text });
    if (this.filters.satisfied) this.stopUpstream();
  }

  private onErr(chunk: string): void {
    const text = this.errSan.push(chunk);
    if (!text) return;
    this.emit({ type: 'err', data: text });
    for (const p of this.progress?.push(text) ?? []) this.emit({ type: 'progress', data: p });
  }

  /**
   * `cmd | head -n 3` in a shell ends the command with SIGPIPE once head has its lines. We stop a
   * read-only command the same way; a cluster-changing one is left to finish (its output dropped)
   * so a half-created cluster is never left behind.
   */
  private stopUpstream(): void {
    this.stoppedByFilter = true;
    if (!this.pipeline.mutating) this.cmd?.cancel();
  }

  private finish(r: CmdResult): JobExit {
    clearTimeout(this.idleTimer);
    const tailOut = this.stoppedByFilter ? '' : this.filters.write(this.outSan.end());
    const out = tailOut + this.filters.end();
    if (out) this.emit({ type: 'out', data: out });
    const err = this.errSan.end();
    if (err) this.emit({ type: 'err', data: err });
    let result: CmdResult = r;
    if (this.filters.length && !r.error && !r.timedOut && !(r.cancelled && !this.stoppedByFilter)) {
      // A shell without pipefail reports the last filter's status.
      result = { ...r, exitCode: this.filters.exitCode(), signal: null, cancelled: false };
    }
    const exit: JobExit = { ...result, elapsedMs: Math.round(performance.now() - this.t0) };
    this.result = exit;
    this.state = 'exited';
    this.emit({ type: 'exit', data: exit });
    this.listeners.clear();
    this.idleTimer = undefined;
    this.cmd = undefined;
    this.running = undefined;
    this.ring.compact();
    return exit;
  }
}
