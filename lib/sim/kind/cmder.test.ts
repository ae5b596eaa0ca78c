import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimManager } from '../manager';
import { createSimCmder } from './cmder';
import type { Cmder } from '@/lib/runner/types';

let dir: string;
let m: SimManager;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-cmder-'));
  m = await SimManager.open({ stateDir: path.join(dir, 'state') });
});
afterAll(async () => {
  await m.close();
  rmSync(dir, { recursive: true, force: true });
});

const OPTS = { timeoutMs: 30_000, maxOutputBytes: 1 << 20 };

describe('sim Cmder', () => {
  it('runs kind/docker in-process and points kubectl at the merged kubeconfig', async () => {
    const seen: Array<Record<string, string> | undefined> = [];
    const fallback: Cmder = { start: (_s, _io, o) => (seen.push(o.env), { done: Promise.resolve({ exitCode: 0, signal: null, timedOut: false, cancelled: false, truncated: false }), cancel() {} }) };
    const cmder = createSimCmder({ manager: m, pace: 'instant', fallback, readConfig: () => 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\n' });
    let err = '';
    const r = await cmder.start({ program: 'kind', args: ['create', 'cluster', '--config', 'x.yaml', '--name', 'a'] }, { stdout() {}, stderr: (s) => (err += s) }, OPTS).done;
    expect(r).toEqual({ exitCode: 0, signal: null, timedOut: false, cancelled: false, truncated: false });
    expect(err).toContain(' ✓ Starting control-plane 🕹️\n');
    expect(readFileSync(m.mergedKubeconfigPath(), 'utf8')).toContain('current-context: kind-a\n');
    await cmder.start({ program: 'kubectl', args: ['get', 'nodes'] }, { stdout() {}, stderr() {} }, OPTS).done;
    expect(seen[0]?.KUBECONFIG).toBe(m.mergedKubeconfigPath());
    let out = '';
    const small = await cmder.start({ program: 'docker', args: ['ps'] }, { stdout: (s) => (out += s), stderr() {} }, { ...OPTS, maxOutputBytes: 20 }).done;
    expect(small.truncated).toBe(true);
    expect(out).toHaveLength(20);
    await cmder.start({ program: 'kind', args: ['delete', 'cluster', '--name', 'a'] }, { stdout() {}, stderr() {} }, OPTS).done;
    expect(readFileSync(m.mergedKubeconfigPath(), 'utf8')).toContain('current-context: ""\n');
  });

  it('cancel aborts a realistic create', async () => {
    const cmder = createSimCmder({ manager: m, pace: 'realistic', readConfig: () => 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n' });
    let err = '';
    const cmd = cmder.start({ program: 'kind', args: ['create', 'cluster', '--config', 'x.yaml', '--name', 'b'] }, { stdout() {}, stderr: (s) => (err += s) }, OPTS);
    setTimeout(() => cmd.cancel(), 300);
    const r = await cmd.done;
    expect(r.cancelled).toBe(true);
    expect(r.exitCode).toBe(1);
    expect(err).toMatch(/ ✗ .*\nERROR: failed to create cluster: interrupted\n$/);
    expect(m.list()).toEqual([]);
  });
});
