import 'server-only';
// Process-wide job registry (on globalThis so dev reloads share it): starts jobs, enforces one
// cluster-changing job at a time and a concurrency cap, and forgets old finished jobs.
import type { CmdOptions, Cmder, Pipeline } from './types';
import { Job, newJobId } from './job';
import { checkCommand } from './allowlist';
import type { KindProgressHints } from './kind-progress';

export const MAX_RUNNING = 4;
/** Finished jobs are kept so a reload can replay them: at most this many, and this much output in all. */
export const KEEP_FINISHED = 50;
export const KEEP_FINISHED_BYTES = 32 << 20;
export const LIMITS = {
  longMs: 10 * 60_000,
  defaultMs: 60_000,
  maxOutputBytes: 4 << 20,
  /** A read-only watch/follow nobody is reading is cancelled after this. */
  idleCancelMs: 30_000,
};

export type StartJobError =
  | { ok: false; code: 'busy'; message: string; runningJobId: string }
  | { ok: false; code: 'too-many'; message: string }
  | { ok: false; code: 'not-allowed'; message: string };
export type StartJobResult = { ok: true; job: Job } | StartJobError;

export interface StartJobInput {
  pipeline: Pipeline;
  cmder: Cmder;
  mode: 'live' | 'sim';
  /** Overrides of the default limits, plus env/stdin for the command. */
  cmdOptions?: Partial<CmdOptions>;
  kindHints?: KindProgressHints;
}

export interface JobSummary {
  id: string;
  raw: string;
  mode: 'live' | 'sim';
  state: 'running' | 'exited';
  mutating: boolean;
  startedAt: number;
  elapsedMs: number;
  exitCode: number | null;
}

interface Registry {
  jobs: Map<string, Job>;
}
const KEY = Symbol.for('cni-lab.jobs');
function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[KEY] ??= { jobs: new Map() });
}

const JOB_ID = /^[0-9a-f]{32}$/;

/** Default limits: kind create/delete and watches/follows 10 min, everything else 60 s. */
export function defaultLimits(pipeline: Pipeline): CmdOptions {
  const verdict = checkCommand(pipeline.command);
  const long = verdict.ok && verdict.longRunning;
  return { timeoutMs: long ? LIMITS.longMs : LIMITS.defaultMs, maxOutputBytes: LIMITS.maxOutputBytes };
}

export function startJob(input: StartJobInput): StartJobResult {
  // Re-checked here so no route can start a command that skipped parse().
  const verdict = checkCommand(input.pipeline.command);
  if (!verdict.ok) return { ok: false, code: 'not-allowed', message: verdict.message };
  const running = [...registry().jobs.values()].filter((j) => j.state === 'running');
  const mutating = input.pipeline.mutating || verdict.mutating;
  const busy = mutating ? running.find((j) => j.pipeline.mutating) : undefined;
  if (busy) {
    return {
      ok: false,
      code: 'busy',
      message: `Another cluster-changing command is running: "${busy.pipeline.raw}". Wait for it or cancel it.`,
      runningJobId: busy.id,
    };
  }
  if (running.length >= MAX_RUNNING) {
    return { ok: false, code: 'too-many', message: `${MAX_RUNNING} commands are already running. Wait for one to finish or cancel it.` };
  }
  const cmdOptions: CmdOptions = { ...defaultLimits(input.pipeline), ...input.cmdOptions };
  const job = new Job({
    id: newJobId(),
    pipeline: { ...input.pipeline, mutating },
    cmder: input.cmder,
    mode: input.mode,
    cmdOptions,
    kindHints: input.kindHints,
    idleCancelMs: !mutating && verdict.longRunning ? LIMITS.idleCancelMs : undefined,
  });
  registry().jobs.set(job.id, job);
  void job.done.then(prune);
  return { ok: true, job };
}

export function getJob(id: string): Job | undefined {
  return JOB_ID.test(id) ? registry().jobs.get(id) : undefined;
}

export function cancelJob(id: string): boolean {
  const job = getJob(id);
  if (!job || job.state !== 'running') return false;
  job.cancel();
  return true;
}

export function listJobs(): JobSummary[] {
  return [...registry().jobs.values()].map((j) => ({
    id: j.id,
    raw: j.pipeline.raw,
    mode: j.mode,
    state: j.state,
    mutating: j.pipeline.mutating,
    startedAt: j.startedAt,
    elapsedMs: j.elapsedMs,
    exitCode: j.result?.exitCode ?? null,
  }));
}

/** Cancels every running job (server shutdown, tests). */
export function cancelAllJobs(): void {
  for (const j of registry().jobs.values()) j.cancel();
}

/** Forgets the oldest finished jobs over either budget; the newest one is kept whatever its size. */
function prune(): void {
  const jobs = registry().jobs;
  const finished = [...jobs.values()].filter((j) => j.state === 'exited'); // oldest first (insertion order)
  let count = finished.length;
  let bytes = finished.reduce((n, j) => n + j.bufferedBytes, 0);
  for (const j of finished) {
    if (count <= 1 || (count <= KEEP_FINISHED && bytes <= KEEP_FINISHED_BYTES)) break;
    jobs.delete(j.id);
    count--;
    bytes -= j.bufferedBytes;
  }
}

/** For tests: forget every job. */
export function resetRegistryForTests(): void {
  registry().jobs.clear();
}
