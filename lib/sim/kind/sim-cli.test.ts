// scripts/sim.ts as a user runs it: real child processes (npx tsx, kubectl), SIGTERM ends it with 0.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kubectlRunner, KUBECTL_DIR } from '../cluster/testing/kubectl';
import { ARTICLE_CONFIG } from '../cluster/testing/harness';

const ROOT = path.resolve(__dirname, '../../..');

function runSim(args: string[]) {
  // tsx itself (what `npm run sim` and `npx tsx` end up running): it relays SIGTERM to the script and
  // exits with the script's code. (npx's own wrapper dies by the signal instead of relaying it.)
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/sim.ts', ...args], { cwd: ROOT, shell: false, env: { ...process.env, KIND_CLUSTER_NAME: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('npm run sim', () => {
  it('bad config → kind error text, exit 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: master\n');
    const r = runSim(['create', 'cluster', '--name', 'test', '--config', path.join(dir, 'bad.yaml'), '--kubeconfig', path.join(dir, 'kc'), '--pace', 'instant']);
    expect(await r.exited).toBe(1);
    expect(r.err()).toBe('ERROR: failed to create cluster: [invalid configuration for node 0: "master" is not a valid node role, must have at least one control-plane node]\n');
    const u = runSim(['create', 'cluster', '--foo']);
    expect(await u.exited).toBe(1);
    expect(u.err()).toBe('ERROR: unknown flag: --foo\n');
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it.skipIf(!existsSync(path.join(KUBECTL_DIR, 'kubectl.1.33')))('creates, serves kubectl, stops on SIGTERM with 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
    writeFileSync(path.join(dir, 'kind.yaml'), ARTICLE_CONFIG);
    const kc = path.join(dir, 'kubeconfig');
    const r = runSim(['create', 'cluster', '--name', 'test', '--config', path.join(dir, 'kind.yaml'), '--kubeconfig', kc, '--pace', 'instant', '--image', 'kindest/node:v1.19.1']);
    const deadline = Date.now() + 45_000;
    while (!r.err().includes('Set kubectl context') && Date.now() < deadline) await new Promise((res) => setTimeout(res, 200));
    expect(r.err()).toContain(' ✓ Ensuring node image (kindest/node:v1.19.1) 🖼\n');
    expect(readFileSync(kc, 'utf8')).toContain('current-context: kind-test');
    const kubectl = kubectlRunner(kc);
    const nodes = await kubectl('kubectl.1.33', ['get', 'nodes']);
    expect(nodes.stdout.split('\n').filter((l) => l.includes('NotReady'))).toHaveLength(4);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});
