import 'server-only';
// The live Cmder: starts kind/kubectl/docker as real processes, without a shell, each in its own
// process group so a timeout or cancel also ends the grandchildren it forked.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Cmd, CmdIO, CmdOptions, CmdResult, Cmder, CommandSpec } from './types';
import { buildEnv } from './process-env';
import { findOnPath } from '../doctor/which';
import { groupAlive, installExitHook, killGroup, liveGroups } from './process-groups';

export { installExitHook, killAllChildren, liveGroups } from './process-groups';
export { buildEnv } from './process-env';

const KILL_GRACE_MS = 3000;
/** Finds an executable on PATH (absolute directories only); see lib/doctor/which.ts. */
export function resolveBinary(name: string, searchPath = process.env.PATH ?? ''): string | null {
  return findOnPath(name, searchPath) ?? null;
}

export interface ProcessCmderOptions {
  /** Working directory for every process (the lab workdir). */
  cwd?: string;
  /** Absolute paths that replace PATH lookup (tests use fake binaries). */
  binaries?: Partial<Record<CommandSpec['program'], string>>;
  /** Environment the allowlisted entries are copied from; defaults to process.env. */
  baseEnv?: Record<string, string | undefined>;
}

// Own properties only: a polluted Object.prototype must not supply `env`, `stdin`, `cwd`….
const own = <T extends object, K extends keyof T>(o: T | undefined, k: K): T[K] | undefined =>
  o !== undefined && Object.hasOwn(o, k) ? o[k] : undefined;

export class ProcessCmder implements Cmder {
  constructor(private readonly options: ProcessCmderOptions = {}) {
    installExitHook();
  }

  start(spec: CommandSpec, io: CmdIO, opts: CmdOptions): Cmd {
    const file = own(own(this.options, 'binaries'), spec.program) ?? resolveBinary(spec.program);
    if (!file) return finished({ error: `${spec.program} was not found on PATH` });
    const safeOpts: CmdOptions = {
      timeoutMs: own(opts, 'timeoutMs') ?? 60_000,
      maxOutputBytes: own(opts, 'maxOutputBytes') ?? 4 << 20,
      env: own(opts, 'env'),
      stdin: own(opts, 'stdin'),
    };
    const cfg = { cwd: own(this.options, 'cwd'), baseEnv: own(this.options, 'baseEnv') };
    return startProcess(file, spec, io, safeOpts, cfg);
  }
}

function finished(extra: Partial<CmdResult>): Cmd {
  const result: CmdResult = { exitCode: null, signal: null, timedOut: false, cancelled: false, truncated: false, ...extra };
  return { done: Promise.resolve(result), cancel() {} };
}

function spawnOptions(opts: CmdOptions, cwd: string, baseEnv: Record<string, string | undefined>) {
  // Null prototype and every option spelled out: a polluted Object.prototype cannot add
  // `shell`, `env`, `cwd`, `uid`… to what spawn reads.
  return Object.assign(Object.create(null) as Record<string, unknown>, {
    shell: false,
    detached: true,
    windowsHide: true,
    windowsVerbatimArguments: false,
    cwd,
    env: buildEnv(baseEnv, opts.env),
    stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    argv0: undefined,
    uid: undefined,
    gid: undefined,
    serialization: undefined,
    signal: undefined,
    timeout: undefined,
    killSignal: undefined,
  });
}

function startProcess(file: string, spec: CommandSpec, io: CmdIO, opts: CmdOptions, cfg: ProcessCmderOptions): Cmd {
  const state = { timedOut: false, cancelled: false, truncated: false, bytes: 0, lastChar: '\n' };
  let child: ChildProcess;
  try {
    child = spawn(file, [...spec.args], spawnOptions(opts, cfg.cwd ?? process.cwd(), cfg.baseEnv ?? process.env) as never);
  } catch (e) {
    return finished({ error: `${spec.program} could not be started: ${(e as Error).message}` });
  }
  const pgid = child.pid;
  if (pgid) liveGroups().add(pgid);
  let killTimer: NodeJS.Timeout | undefined;
  // Once the group is known to be gone its id may be reused: never signal it again.
  let groupGone = false;
  const stop = () => {
    if (!pgid || killTimer || groupGone) return;
    killGroup(pgid, 'SIGTERM');
    killTimer = setTimeout(() => {
      if (!groupGone) killGroup(pgid, 'SIGKILL');
      groupGone = true;
      liveGroups().delete(pgid);
    }, KILL_GRACE_MS);
    killTimer.unref();
  };

  const forward = (decoder: TextDecoder, emit: (s: string) => void) => (chunk: Buffer) => {
    if (state.truncated) return;
    const room = opts.maxOutputBytes - state.bytes;
    const part = chunk.length > room ? chunk.subarray(0, Math.max(room, 0)) : chunk;
    state.bytes += part.length;
    const text = decoder.decode(part, { stream: true });
    if (text) {
      state.lastChar = text[text.length - 1];
      emit(text);
    }
    if (chunk.length > room) {
      // The incomplete character left in the decoder is dropped rather than shown as U+FFFD.
      state.truncated = true;
      io.stderr(`${state.lastChar === '\n' ? '' : '\n'}[output truncated at ${opts.maxOutputBytes} bytes]\n`);
      stop();
    }
  };
  const outDecoder = new TextDecoder('utf-8');
  const errDecoder = new TextDecoder('utf-8');
  child.stdout?.on('data', forward(outDecoder, (s) => io.stdout(s)));
  child.stderr?.on('data', forward(errDecoder, (s) => io.stderr(s)));
  if (opts.stdin !== undefined && child.stdin) {
    child.stdin.on('error', () => {}); // EPIPE when the program does not read stdin
    child.stdin.end(opts.stdin);
  }

  const timer = setTimeout(() => {
    state.timedOut = true;
    stop();
  }, opts.timeoutMs);

  const done = new Promise<CmdResult>((resolve) => {
    let settled = false;
    const settle = (r: Partial<CmdResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!state.truncated) {
        const tailOut = outDecoder.decode();
        const tailErr = errDecoder.decode();
        if (tailOut) io.stdout(tailOut);
        if (tailErr) io.stderr(tailErr);
      }
      resolve({ exitCode: null, signal: null, timedOut: state.timedOut, cancelled: state.cancelled, truncated: state.truncated, ...r });
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (pgid) liveGroups().delete(pgid);
      settle({ error: spawnError(spec.program, e) });
    });
    child.on('exit', () => {
      // Leftover grandchildren would hold the pipes open and keep 'close' from firing.
      if (pgid && groupAlive(pgid)) stop();
    });
    child.on('close', (code, signal) => {
      if (pgid) {
        if (groupAlive(pgid)) stop();
        else {
          groupGone = true;
          liveGroups().delete(pgid);
        }
      }
      settle({ exitCode: code, signal });
    });
  });

  return {
    done,
    cancel() {
      state.cancelled = true;
      stop();
    },
  };
}

function spawnError(program: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return `${program} was not found on PATH`;
  if (e.code === 'EACCES') return `${program} could not be started: permission denied`;
  return `${program} could not be started: ${e.code ?? e.message}`;
}
