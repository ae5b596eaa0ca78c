import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readClusterFile, writeFileAtomic } from './cluster-file';
import { mergedKubeconfig } from './kubeconfig-merge';
import { SimManager } from './manager';
import { parseKindConfig } from '@/lib/kindconfig';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'sim-clusterfile-'));
  dirs.push(d);
  return d;
};

describe('cluster.json', () => {
  it('round-trips what the manager writes, and says what is wrong with a damaged one', async () => {
    const dir = tmp();
    const m = await SimManager.open({ stateDir: dir });
    const cfg = parseKindConfig('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n', { name: 'one' });
    if (!cfg.ok) throw new Error(cfg.error);
    const c = await m.create({ name: 'one', config: cfg.config, pace: 'instant' });
    await m.close();
    const file = path.join(dir, 'one', 'cluster.json');
    const f = readClusterFile(file);
    expect(f).toMatchObject({ format: 1, port: c.port, pace: 'instant', cluster: { name: 'one', done: ['control-plane', 'cni', 'storage'] } }); // one node: no workers step
    expect(f.cluster.nodes.map((n) => n.name)).toEqual(['one-control-plane']);

    const broken = { ...f, port: 70_000 };
    writeFileSync(file, JSON.stringify(broken));
    expect(() => readClusterFile(file)).toThrow('cluster.json invalid: port: ');
    writeFileSync(file, JSON.stringify({ ...f, cluster: { ...f.cluster, nodes: [{ ...f.cluster.nodes[0], name: '../../etc' }] } }));
    expect(() => readClusterFile(file)).toThrow(/^cluster\.json invalid: cluster\.nodes\.0\.name: /);
    writeFileSync(file, '{"format":1,');
    expect(() => readClusterFile(file)).toThrow(/^cluster\.json unreadable: /);
  });

  it('writeFileAtomic leaves only the file, owner-only', () => {
    const d = tmp();
    writeFileAtomic(path.join(d, 'x'), 'a');
    writeFileAtomic(path.join(d, 'x'), 'b');
    expect(readdirSync(d)).toEqual(['x']);
  });
});

describe('mergedKubeconfig', () => {
  const certs = { caCert: 'CA', clientCert: 'CERT', clientKey: 'KEY' };
  it('lists every cluster as kind-<name> and sets the current context', () => {
    const text = mergedKubeconfig([{ name: 'a', server: 'https://127.0.0.1:1', certs }, { name: 'b', server: 'https://127.0.0.1:2', certs }], 'b');
    expect(text).toContain('  name: kind-a\n');
    expect(text).toContain('    server: https://127.0.0.1:2\n');
    expect(text).toContain('current-context: kind-b\n');
    expect(text).toContain(`certificate-authority-data: ${Buffer.from('CA').toString('base64')}`);
  });
  it('writes nulls like kind when no cluster is left', () => {
    expect(mergedKubeconfig([], undefined)).toBe('apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n');
  });
});
