// Shared runner contracts. Plain types only: no Node or React imports, so both server code and
// client components may import them.

/** The only programs the lab ever starts. */
export type Program = 'kind' | 'kubectl' | 'docker';

/** One program invocation: argv only, never a shell string. */
export interface CommandSpec {
  program: Program;
  args: string[];
}

/** Text filters implemented in TypeScript for `cmd | grep …` style pipelines. */
export type FilterSpec =
  | { name: 'grep'; pattern: string; invert: boolean; ignoreCase: boolean; extended: boolean }
  | { name: 'head'; lines: number }
  | { name: 'tail'; lines: number }
  | { name: 'wc'; lines: true };

/** A parsed command line: one program, then zero or more filters. */
export interface Pipeline {
  raw: string;
  command: CommandSpec;
  filters: FilterSpec[];
  /** True when the command changes the cluster (kind create/delete, kubectl apply/create/delete…). */
  mutating: boolean;
}

/** Why a command line was refused; `message` is shown to the learner as is. */
export interface Refusal {
  ok: false;
  code: 'parse' | 'not-allowed' | 'bad-argument' | 'too-long';
  message: string;
}

export type ParseResult = { ok: true; pipeline: Pipeline } | Refusal;

/** Result of one finished command. */
export interface CmdResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Output was cut at the cap. */
  truncated: boolean;
  /** Spawn error (ENOENT…) or emulator error, worded for the learner. */
  error?: string;
}

export interface CmdIO {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
}

export interface CmdOptions {
  timeoutMs: number;
  /** Combined stdout+stderr cap in bytes. */
  maxOutputBytes: number;
  /** Extra environment entries on top of the runner's explicit allowlisted environment. */
  env?: Record<string, string>;
  /** Data written to stdin then closed (e.g. `kubectl apply -f -`). */
  stdin?: string;
  /** Working directory (the lab's work dir, where lesson files are materialised). */
  cwd?: string;
}

/**
 * A started command (kind's Cmd, reshaped for streaming). Real processes and the simulator's
 * in-process kind/docker emulation both implement it.
 */
export interface Cmd {
  readonly done: Promise<CmdResult>;
  /** Process group id of a real child process (absent for emulated commands). */
  readonly pid?: number;
  cancel(): void;
}

/** Creates commands (kind's Cmder). The live backend spawns processes; the simulator emulates some programs. */
export interface Cmder {
  start(spec: CommandSpec, io: CmdIO, opts: CmdOptions): Cmd;
}

/** Events of a job as streamed to the browser; `seq` is dense and starts at 1. */
export type JobEvent =
  | { seq: number; type: 'start'; data: { jobId: string; raw: string; mode: 'live' | 'sim'; startedAt: number } }
  | { seq: number; type: 'out'; data: string }
  | { seq: number; type: 'err'; data: string }
  | { seq: number; type: 'progress'; data: { step: string; index: number; total: number; state: 'running' | 'done' | 'failed' } }
  | { seq: number; type: 'exit'; data: CmdResult & { elapsedMs: number } };

export type JobState = 'running' | 'exited';
