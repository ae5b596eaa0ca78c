// Test harness: an in-process simulated apiserver with fresh certificates, a kind-style kubeconfig and a
// private HOME/KUBECACHEDIR, plus a helper that runs a real kubectl binary against it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateClusterCerts, kubeconfigFor } from '../../tls';
import { createStore, type SimStore, type StoreOptions } from '../../store/store';
import { startApiServer, type ApiServerHandle } from '../server';
import type { ClusterHooks, ServerVersion } from '../../store/types';

export const TEST_VERSION: ServerVersion = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0',
  gitCommit: '9edcffcde5595e8a5b1a35f88c421764e575afce',
  gitTreeState: 'clean',
  buildDate: '2024-08-13T07:28:49Z',
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const KUBECTL_DIR = '/usr/lib/google-cloud-sdk/bin';

export interface Harness {
  store: SimStore;
  server: ApiServerHandle;
  dir: string;
  kubeconfig: string;
  certs: Awaited<ReturnType<typeof generateClusterCerts>>;
  kubectl(bin: string, args: string[], opts?: { timeoutMs?: number; input?: string; env?: Record<string, string> }): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Starts kubectl and returns once `until` matches stdout (for -w). */
  spawnKubectl(bin: string, args: string[]): { stdout: () => string; stderr: () => string; kill: () => void; exited: Promise<number | null> };
  close(): Promise<void>;
}

export async function startHarness(opts: { store?: StoreOptions; hooks?: ClusterHooks; log?: (l: string) => void } = {}): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-api-'));
  const certs = await generateClusterCerts({ clusterName: 'test' });
  const store = createStore(opts.store);
  const server = await startApiServer({
    store,
    version: TEST_VERSION,
    tls: { key: certs.serverKey, cert: certs.serverCert, caCert: certs.caCert },
    clientAuth: {},
    hooks: opts.hooks,
    log: opts.log,
  });
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor({ server: server.url, certs, clusterName: 'test' }), { mode: 0o600 });
  const env = (): Record<string, string> => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: path.join(dir, 'cache') });
  const children = new Set<ChildProcessWithoutNullStreams>();
  const resolveBin = (bin: string) => (bin.includes('/') ? bin : bin === 'kubectl' ? 'kubectl' : path.join(KUBECTL_DIR, bin));
  return {
    store,
    server,
    dir,
    kubeconfig,
    certs,
    kubectl(bin, args, o = {}) {
      return new Promise((resolve, reject) => {
        const child: ChildProcessWithoutNullStreams = spawn(resolveBin(bin), args, { shell: false, env: { ...env(), ...(o.env ?? {}) } as unknown as NodeJS.ProcessEnv, stdio: 'pipe' });
        children.add(child);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d));
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        const t = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 20_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(t);
          children.delete(child);
          resolve({ code, stdout, stderr });
        });
        if (o.input !== undefined) child.stdin.end(o.input);
        else child.stdin.end();
      });
    },
    spawnKubectl(bin, args) {
      const child: ChildProcessWithoutNullStreams = spawn(resolveBin(bin), args, { shell: false, env: env() as unknown as NodeJS.ProcessEnv, stdio: 'pipe' });
      children.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', (c) => {
        children.delete(child);
        resolve(c);
      }));
      return { stdout: () => stdout, stderr: () => stderr, kill: () => child.kill('SIGKILL'), exited };
    },
    async close() {
      for (const c of children) c.kill('SIGKILL');
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `fn` returns true (or throws after timeoutMs). */
export async function until(fn: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
