// Runs a real kubectl binary (no shell) against a simulated cluster's kubeconfig, with a private HOME.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const KUBECTL_DIR = '/usr/lib/google-cloud-sdk/bin';

export function kubectlRunner(kubeconfig: string) {
  const home = mkdtempSync(path.join(tmpdir(), 'kubectl-home-'));
  return (bin: string, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(path.join(KUBECTL_DIR, bin), args, {
        shell: false,
        env: { PATH: '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig, KUBECACHEDIR: path.join(home, `cache-${bin}`) } as unknown as NodeJS.ProcessEnv,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(t);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(input ?? '');
    });
}

export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
