import 'server-only';
// Which cluster the X-ray panel watches. Simulator: the lab-private merged kubeconfig (its
// current-context is the cluster kind created last). Live: the learner's kubeconfig as kubectl reads
// it, but only when its current context is a kind-* context — the panel never watches other clusters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { currentMode } from '../lab/mode';
import { simKubectlEnv } from '../lab/sim-backend';

export type Target =
  | { ok: true; mode: 'live' | 'sim'; files: string[]; context: string; kc: k8s.KubeConfig; key: string }
  | { ok: false; mode: 'live' | 'sim'; files: string[]; code: 'no-cluster' | 'not-kind' | 'unreachable'; reason: string; context?: string; key: string };

export const NO_CLUSTER = 'no kind cluster yet — create one in lesson 1';

/** kubectl's rule: $KUBECONFIG (a path list) or ~/.kube/config. */
export function liveKubeconfigFiles(env: Record<string, string | undefined> = process.env): string[] {
  const list = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  return list.length ? list : [path.join(env.HOME || os.homedir(), '.kube', 'config')];
}

/** A fingerprint of the files (mtime + size) so a rewrite by kind create/delete is noticed. */
export function filesStamp(files: string[]): string {
  return files
    .map((f) => {
      try {
        const st = fs.statSync(f);
        return `${f}@${st.mtimeMs}:${st.size}`;
      } catch {
        return `${f}@-`;
      }
    })
    .join('|');
}

/** Loads the kubeconfig files and decides whether (and which context) to watch. */
export function targetFromFiles(mode: 'live' | 'sim', files: string[]): Target {
  const stamp = filesStamp(files);
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length === 0) return { ok: false, mode, files, code: 'no-cluster', reason: NO_CLUSTER, key: `${mode}|${stamp}|none` };
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromFile(existing[0]);
    // kubectl merges a path list; the first file to set a value wins, which mergeConfig approximates.
    for (const f of existing.slice(1)) {
      const more = new k8s.KubeConfig();
      more.loadFromFile(f);
      kc.mergeConfig(more, true);
    }
  } catch (err) {
    return { ok: false, mode, files, code: 'unreachable', reason: `the kubeconfig cannot be read: ${(err as Error).message}`, key: `${mode}|${stamp}|bad` };
  }
  const context = kc.getCurrentContext();
  if (!context || !kc.getContextObject(context)) return { ok: false, mode, files, code: 'no-cluster', reason: NO_CLUSTER, key: `${mode}|${stamp}|nocontext` };
  if (!context.startsWith('kind-')) {
    return { ok: false, mode, files, code: 'not-kind', context, reason: `the current kubectl context "${context}" is not a kind cluster; the panel only watches kind-* contexts`, key: `${mode}|${stamp}|${context}` };
  }
  const server = kc.getCurrentCluster()?.server ?? '';
  return { ok: true, mode, files, context, kc, key: `${mode}|${context}|${server}|${stamp}` };
}

// The mode module keeps its state on globalThis; reading the override or the cached report directly
// avoids re-running the doctor (child processes) from a once-a-second poll.
const MODE_KEY = Symbol.for('cni-lab.mode');
async function modeNow(): Promise<'live' | 'sim'> {
  const s = (globalThis as Record<symbol, { override?: 'live' | 'sim'; report?: { mode: 'live' | 'sim' } } | undefined>)[MODE_KEY];
  return s?.override ?? s?.report?.mode ?? (await currentMode());
}

export async function resolveTarget(): Promise<Target> {
  const mode = await modeNow();
  const files = mode === 'sim' ? [(await simKubectlEnv()).KUBECONFIG] : liveKubeconfigFiles();
  return targetFromFiles(mode, files);
}
