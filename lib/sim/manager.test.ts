import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimManager, type KindStep } from './manager';
import { parseKindConfig } from '@/lib/kindconfig';
import { R, type Any } from './cluster/gvr';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function cfg(text = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\nnodes:\n- role: control-plane\n- role: worker\n', name = 'lab') {
  const r = parseKindConfig(text, { name });
  if (!r.ok) throw new Error(r.error);
  return r.config;
}

describe('SimManager', () => {
  it('creates with steps in kind order, a lab-private kubeconfig, and persists what learners apply', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'simmgr-'));
    dirs.push(dir);
    const m = await SimManager.open({ stateDir: dir });
    const steps: string[] = [];
    const c = await m.create({ name: 'lab', config: cfg(), pace: 'instant', onProgress: (s: KindStep, st) => st === 'start' && steps.push(s) });
    expect(steps).toEqual(['ensure-image', 'prepare-nodes', 'write-config', 'control-plane', 'storage', 'workers']);
    expect(c.kubeconfigPath).toBe(path.join(dir, 'lab', 'kubeconfig'));
    expect(statSync(c.kubeconfigPath).mode & 0o777).toBe(0o600);
    const kc = readFileSync(c.kubeconfigPath, 'utf8');
    expect(kc).toContain(`server: https://127.0.0.1:${c.port}`);
    expect(kc).toContain('current-context: kind-lab');
    await expect(m.create({ name: 'lab', config: cfg(), pace: 'instant' })).rejects.toThrow('node(s) already exist for a cluster with the name "lab"');
    c.store.create(R.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mine', namespace: 'default' }, data: { a: 'b' } });
    await m.close();
    const m2 = await SimManager.open({ stateDir: dir });
    const again = m2.get('lab')!;
    expect(again.port).toBe(c.port);
    expect((again.store.get(R.configmaps, 'default', 'mine') as Any).data).toEqual({ a: 'b' });
    // Controllers run again after a restore (a new pod gets scheduled/evaluated).
    again.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await again.cluster.settle();
    expect((again.store.get(R.pods, 'default', 'p') as Any).status.conditions[0]).toMatchObject({ type: 'PodScheduled', status: 'False' });
    expect(await m2.delete('lab')).toEqual(expect.arrayContaining(['lab-control-plane', 'lab-worker']));
    expect(existsSync(path.join(dir, 'lab'))).toBe(false);
    expect(m2.list()).toEqual([]);
    await m2.close();
  });

  it('a damaged saved cluster is reported and skipped; the others come back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'simmgr-'));
    dirs.push(dir);
    const m = await SimManager.open({ stateDir: dir });
    await m.create({ name: 'good', config: cfg(undefined, 'good'), pace: 'instant' });
    await m.create({ name: 'bad', config: cfg(undefined, 'bad'), pace: 'instant' });
    await m.close();
    writeFileSync(path.join(dir, 'bad', 'store.json'), '{"format":"cni-lab.sim-store/v1","objects":[');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const m2 = await SimManager.open({ stateDir: dir });
      expect(m2.list()).toEqual(['good']);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[sim\] cluster "bad" not restored from .*: store\.json invalid: /));
      expect(existsSync(path.join(dir, 'bad', 'store.json'))).toBe(true); // kept for inspection
      await m2.close();
    } finally {
      warn.mockRestore();
    }
  });

  it('realistic pace takes a few seconds and keeps the order', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'simmgr-'));
    dirs.push(dir);
    const m = await SimManager.open({ stateDir: dir });
    const t0 = Date.now();
    const seen: Array<[string, number]> = [];
    await m.create({ name: 'slow', config: cfg(undefined, 'slow'), pace: 'realistic', onProgress: (s, st) => st === 'end' && seen.push([s, Date.now() - t0]) });
    const total = Date.now() - t0;
    // Realistic pace really waits (kind's steps appear over seconds); how fast is for `npm run bench`.
    expect(total).toBeGreaterThan(3000);
    expect(seen.map((s) => s[0])).toEqual(['ensure-image', 'prepare-nodes', 'write-config', 'control-plane', 'storage', 'workers']);
    await m.close();
  }, 30_000);
});
