// Correctness at scale (1,000 nodes, 10,000 pods): complete listings through the real kubectl and
// every one of 20 concurrent watchers receiving every change. Timings live in `npm run bench`.
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, until, type Harness } from './testing/harness';
import { GVR, node, seed } from './testing/fixtures';

describe('scale: 1,000 nodes / 10,000 pods', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    seed(h.store);
    for (let i = 0; i < 1000; i++) h.store.create(GVR.NODES, node(`n${String(i).padStart(4, '0')}`, `172.18.${i >> 8}.${i & 255}`, true));
    for (let i = 0; i < 10_000; i++) {
      h.store.create(GVR.PODS, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p${i}`, namespace: i % 2 ? 'default' : 'kube-system', labels: { app: 'x' } },
        spec: { nodeName: `n${String(i % 1000).padStart(4, '0')}`, containers: [{ name: 'c', image: 'nginx' }] },
        status: { phase: 'Running' },
      });
    }
    await h.kubectl('kubectl.1.33', ['get', 'ns']); // warm the discovery cache like a learner's second command
  }, 60_000);
  afterAll(async () => h?.close());

  it('kubectl get pods -A and get nodes list everything', async () => {
    const pods = await h.kubectl('kubectl.1.33', ['get', 'pods', '-A'], { timeoutMs: 30_000 });
    expect(pods.stdout.split('\n').length).toBe(10_001 + 1 + 1); // header + 10,000 + coredns + trailing newline
    const nodes = await h.kubectl('kubectl.1.33', ['get', 'nodes'], { timeoutMs: 30_000 });
    expect(nodes.stdout.split('\n').length).toBe(1 + 1002 + 1);
  }, 60_000);

  it('20 concurrent watchers each see a change', async () => {
    const rv = h.store.currentResourceVersion();
    const got = new Array(20).fill('');
    const reqs = got.map((_, i) =>
      https.get(
        { host: '127.0.0.1', port: h.server.port, path: `/api/v1/pods?watch=true&resourceVersion=${rv}&timeoutSeconds=10`, ca: h.certs.caCert, cert: h.certs.clientCert, key: h.certs.clientKey, agent: false },
        (res) => res.on('data', (d) => (got[i] += d)),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 100; i++) h.store.mutate(GVR.PODS, 'default', `p${2 * i + 1}`, (p) => void (p.metadata.labels!.v = String(i)));
    await until(() => got.every((g) => g.split('\n').length > 100), 20_000);
    for (const g of got) {
      const names = g.split('\n').filter(Boolean).map((l: string) => (JSON.parse(l) as { object: { metadata: { name: string } } }).object.metadata.name);
      expect(names).toEqual(Array.from({ length: 100 }, (_, i) => `p${2 * i + 1}`));
    }
    for (const r of reqs) r.destroy();
  }, 30_000);
});
