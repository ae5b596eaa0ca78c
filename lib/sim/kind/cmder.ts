// The simulated backend as a runner Cmder: `kind` and `docker` are emulated in-process; `kubectl`
// is the real binary (delegated) pointed at the lab-private merged kubeconfig of the simulated clusters.
import type { Cmd, Cmder, CmdIO, CmdOptions, CmdResult, CommandSpec } from '@/lib/runner/types';
import type { SimManager } from '../manager';
import type { Pace } from '../cluster/clock';
import { createKindEmulator, type KindEmulatorOptions } from './kind';
import { createDockerEmulator } from '../docker/docker';

export interface SimCmderOptions {
  manager: SimManager;
  pace: Pace;
  /** Reads a `--config` file (the runner restricts it to lesson files). */
  readConfig?: KindEmulatorOptions['readConfig'];
  env?: KindEmulatorOptions['env'];
  /** Directory `--config` names are resolved against (the lab's work dir). */
  cwd?: string;
  /** Runs real programs (kubectl). Without it, kubectl is refused. */
  fallback?: Cmder;
}

export function createSimCmder(o: SimCmderOptions): Cmder {
  const kind = createKindEmulator(o.manager, { pace: o.pace, readConfig: o.readConfig, env: o.env, cwd: o.cwd });
  const docker = createDockerEmulator(o.manager);
  return {
    start(spec: CommandSpec, io: CmdIO, opts: CmdOptions): Cmd {
      if (spec.program === 'kubectl') {
        if (!o.fallback) return finished({ exitCode: null, signal: null, timedOut: false, cancelled: false, truncated: false, error: 'kubectl is not available' });
        return o.fallback.start(spec, io, { ...opts, env: { ...(opts.env ?? {}), KUBECONFIG: o.manager.mergedKubeconfigPath() } });
      }
      const emu = spec.program === 'kind' ? kind : docker;
      const ac = new AbortController();
      let bytes = 0;
      let truncated = false;
      let cancelled = false;
      let timedOut = false;
      const cap = (write: (s: string) => void) => (s: string) => {
        if (truncated) return;
        const n = Buffer.byteLength(s);
        if (bytes + n > opts.maxOutputBytes) {
          truncated = true;
          write(Buffer.from(s).subarray(0, Math.max(0, opts.maxOutputBytes - bytes)).toString());
          bytes = opts.maxOutputBytes;
          // Same contract as real processes: a visible marker on stderr, then the command stops.
          io.stderr(`\n[output truncated at ${opts.maxOutputBytes} bytes]\n`);
          ac.abort();
          return;
        }
        bytes += n;
        write(s);
      };
      const timer = setTimeout(() => {
        timedOut = true;
        ac.abort();
      }, opts.timeoutMs);
      const done = emu(spec.args, { stdout: cap((s) => io.stdout(s)), stderr: cap((s) => io.stderr(s)) }, ac.signal).then(
        (exitCode): CmdResult => ({ exitCode, signal: null, timedOut, cancelled, truncated }),
        (e): CmdResult => ({ exitCode: 1, signal: null, timedOut, cancelled, truncated, error: (e as Error).message }),
      );
      return {
        done: done.finally(() => clearTimeout(timer)),
        cancel() {
          cancelled = true;
          ac.abort();
        },
      };
    },
  };
}

function finished(r: CmdResult): Cmd {
  return { done: Promise.resolve(r), cancel() {} };
}
