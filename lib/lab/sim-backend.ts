import 'server-only';
// Simulator mode: kind and docker are emulated in-process; kubectl is the real binary pointed at the
// simulated clusters through the manager's lab-private kubeconfig (the learner's ~/.kube is never touched).
import fs from 'node:fs';
import path from 'node:path';
import { ProcessCmder } from '../runner/process-cmder';
import type { Cmder } from '../runner/types';
import { SimManager } from '../sim/manager';
import { createSimCmder } from '../sim/kind/cmder';
import type { Pace } from '../sim/cluster/clock';
import { stateDir, workDir } from './paths';
import { onShutdown } from './shutdown';

export function simDir(): string {
  return path.join(stateDir(), 'sim');
}

function pace(): Pace {
  return process.env.CNI_LAB_SIM_PACE === 'instant' ? 'instant' : 'realistic';
}

const KEY = Symbol.for('cni-lab.sim-manager');
type G = typeof globalThis & { [KEY]?: Promise<SimManager> };

/** The process-wide simulator (restored from disk on first use, saved at shutdown). */
export function simManager(): Promise<SimManager> {
  const g = globalThis as G;
  g[KEY] ??= SimManager.open({ stateDir: path.join(simDir(), 'clusters') }).then((m) => {
    onShutdown(() => m.close());
    return m;
  });
  return g[KEY];
}

/** Environment for the real kubectl in simulator mode: lab-private kubeconfig, cache and HOME. */
export async function simKubectlEnv(): Promise<Record<string, string>> {
  const m = await simManager();
  const home = path.join(simDir(), 'home');
  fs.mkdirSync(home, { recursive: true });
  return { KUBECONFIG: m.mergedKubeconfigPath(), KUBECACHEDIR: path.join(simDir(), 'kube-cache'), HOME: home };
}

export async function simBackend(): Promise<{ cmder: Cmder; env: Record<string, string> }> {
  const manager = await simManager();
  const cmder = createSimCmder({ manager, pace: pace(), cwd: workDir(), env: {}, fallback: new ProcessCmder({ cwd: workDir() }) });
  // The sim cmder sets KUBECONFIG itself (per cluster); the rest of the kubectl env applies as is.
  const env: Record<string, string> = { ...(await simKubectlEnv()) };
  delete env.KUBECONFIG;
  return { cmder, env };
}
