import 'server-only';
// Simulator mode: kind and docker are emulated in-process; kubectl is the real binary pointed at the
// simulated clusters through a lab-private kubeconfig (the learner's ~/.kube is never touched).
import fs from 'node:fs';
import path from 'node:path';
import { ProcessCmder } from '../runner/process-cmder';
import type { Cmder } from '../runner/types';
import { SimManager } from '../sim/manager';
import { createKindEmulator } from '../sim/kind/kind';
import { createDockerEmulator } from '../sim/docker/docker';
import type { Pace } from '../sim/cluster/clock';
import { stateDir, workDir } from './paths';
import { onShutdown } from './shutdown';
import { startEmulated } from './sim-cmder';
import { writeMergedKubeconfig } from './sim-kubeconfig';

export function simDir(): string {
  return path.join(stateDir(), 'sim');
}

const kubeconfigFile = () => path.join(simDir(), 'kubeconfig');

/** Environment for the real kubectl in simulator mode. */
export function simKubectlEnv(): Record<string, string> {
  const dir = simDir();
  fs.mkdirSync(path.join(dir, 'home'), { recursive: true });
  return { KUBECONFIG: kubeconfigFile(), KUBECACHEDIR: path.join(dir, 'kube-cache'), HOME: path.join(dir, 'home') };
}

function pace(): Pace {
  return process.env.CNI_LAB_SIM_PACE === 'instant' ? 'instant' : 'realistic';
}

const KEY = Symbol.for('cni-lab.sim-manager');
type G = typeof globalThis & { [KEY]?: Promise<SimManager> };

/** The process-wide simulator (restored from disk on first use). */
export function simManager(): Promise<SimManager> {
  const g = globalThis as G;
  g[KEY] ??= SimManager.open({ stateDir: path.join(simDir(), 'clusters') }).then((m) => {
    onShutdown(() => m.close());
    syncKubeconfig(m);
    return m;
  });
  return g[KEY];
}

function syncKubeconfig(m: SimManager, prefer?: string): void {
  const configs = m.list().map((n) => m.get(n)?.kubeconfig ?? '').filter(Boolean);
  writeMergedKubeconfig(kubeconfigFile(), configs, prefer);
}

export async function simBackend(): Promise<{ cmder: Cmder; env: Record<string, string> }> {
  const m = await simManager();
  const kubectl = new ProcessCmder({ cwd: workDir() });
  const kind = createKindEmulator(m, {
    pace: pace(),
    cwd: workDir(),
    env: {},
    onKubeconfig: (name) => syncKubeconfig(m, name),
  });
  const docker = createDockerEmulator(m);
  const env = simKubectlEnv();
  const cmder: Cmder = {
    start(spec, io, opts) {
      if (spec.program === 'kubectl') return kubectl.start(spec, io, { ...opts, env: { ...opts.env, ...env } });
      const emulated = spec.program === 'kind' ? kind : docker;
      const cmd = startEmulated(emulated, spec, io, opts);
      // kind delete changes the set of clusters: keep the merged kubeconfig in step.
      if (spec.program === 'kind') void cmd.done.then(() => syncKubeconfig(m));
      return cmd;
    },
  };
  return { cmder, env: {} };
}
