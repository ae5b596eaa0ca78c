import 'server-only';
// Simulator mode: kind and docker are emulated in-process; kubectl is the real binary pointed at the
// simulated cluster through a lab-private kubeconfig (the learner's ~/.kube is never touched).
import path from 'node:path';
import fs from 'node:fs';
import { ProcessCmder } from '../runner/process-cmder';
import type { Cmd, CmdResult, Cmder } from '../runner/types';
import { stateDir, workDir } from './paths';

export function simDir(): string {
  return path.join(stateDir(), 'sim');
}

/** Environment for the real kubectl in simulator mode. */
export function simKubectlEnv(): Record<string, string> {
  const dir = simDir();
  fs.mkdirSync(path.join(dir, 'home'), { recursive: true });
  return {
    KUBECONFIG: path.join(dir, 'kubeconfig'),
    KUBECACHEDIR: path.join(dir, 'kube-cache'),
    HOME: path.join(dir, 'home'),
  };
}

function unavailable(message: string): Cmd {
  const result: CmdResult = { exitCode: 1, signal: null, timedOut: false, cancelled: false, truncated: false, error: message };
  return { done: Promise.resolve(result), cancel() {} };
}

export async function simBackend(): Promise<{ cmder: Cmder; env: Record<string, string> }> {
  const kubectl = new ProcessCmder({ cwd: workDir() });
  const env = simKubectlEnv();
  const cmder: Cmder = {
    start(spec, io, opts) {
      if (spec.program === 'kubectl') return kubectl.start(spec, io, { ...opts, env: { ...opts.env, ...env } });
      return unavailable(`the simulated ${spec.program} is not available in this build`);
    },
  };
  return { cmder, env: {} };
}
