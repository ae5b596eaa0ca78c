// A Cmder over in-process emulated programs (the simulator's kind and docker), with the same
// timeout, cancel and output-cap mechanics as real processes.
import type { Cmd, CmdIO, CmdOptions, CmdResult, CommandSpec } from '../runner/types';

export type Emulated = (argv: string[], io: CmdIO, signal: AbortSignal) => Promise<number>;

export function startEmulated(program: Emulated, spec: CommandSpec, io: CmdIO, opts: CmdOptions): Cmd {
  const ac = new AbortController();
  let timedOut = false;
  let cancelled = false;
  let truncated = false;
  let bytes = 0;
  const capped = (write: (s: string) => void) => (s: string) => {
    if (truncated) return;
    bytes += Buffer.byteLength(s);
    if (bytes > opts.maxOutputBytes) {
      truncated = true;
      io.stderr(`\n[output truncated at ${opts.maxOutputBytes} bytes]\n`);
      ac.abort();
      return;
    }
    write(s);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, opts.timeoutMs);
  const done: Promise<CmdResult> = program(spec.args, { stdout: capped(io.stdout), stderr: capped(io.stderr) }, ac.signal)
    .then(
      (code): CmdResult => ({ exitCode: ac.signal.aborted ? null : code, signal: ac.signal.aborted ? 'SIGTERM' : null, timedOut, cancelled, truncated }),
      (err: unknown): CmdResult => ({
        exitCode: ac.signal.aborted ? null : 1,
        signal: ac.signal.aborted ? 'SIGTERM' : null,
        timedOut,
        cancelled,
        truncated,
        error: ac.signal.aborted ? undefined : `simulator error: ${(err as Error).message}`,
      }),
    )
    .finally(() => clearTimeout(timer));
  return {
    done,
    cancel() {
      cancelled = true;
      ac.abort();
    },
  };
}
