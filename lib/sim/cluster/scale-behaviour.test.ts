// Behaviour that only shows on bigger clusters: kube-scheduler's partial node search and
// client-go's event aggregation for controllers that create many pods.
import { afterEach, describe, expect, it } from 'vitest';
import { testCluster, pods, eventsFor, apply } from './testing/harness';
import { feasibleNodesToFind } from './controllers/scheduler';
import { type Any } from './gvr';
import type { SimCluster } from './cluster';

let c: SimCluster | undefined;
afterEach(() => c?.stop());

const workers = (n: number) => ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane', ...Array.from({ length: n }, () => '- role: worker')].join('\n');
const deployment = (name: string, replicas: number, extra: Any = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...extra } } },
});

describe('kube-scheduler numFeasibleNodesToFind (adaptive percentageOfNodesToScore)', () => {
  it.each([
    [4, 4],
    [99, 99],
    [100, 100],
    [150, 100], // 48% of 150 = 72 → at least 100
    [1000, 420], // 50 - 1000/125 = 42%
    [5000, 500], // 10%
    [10000, 500], // 50 - 80 < 5 → 5%
  ])('%i nodes → %i', (all, want) => expect(feasibleNodesToFind(all)).toBe(want));
});

describe('a 150-node cluster (with kindnet)', () => {
  it('spreads pods over more nodes than one search looks at, and a pod that fits nowhere counts every node', async () => {
    c = await testCluster({ config: workers(149) });
    apply(c, [deployment('web', 300)]);
    await c.settle();
    const web = pods(c, 'default').filter((p) => p.metadata.labels?.app === 'web');
    expect(web.filter((p) => p.status.phase === 'Running')).toHaveLength(300);
    // Each search stops after 100 feasible nodes but the next one starts where it stopped.
    const used = new Set(web.map((p) => p.spec.nodeName));
    expect(used.size).toBe(149);
    apply(c, [deployment('nowhere', 1, { nodeSelector: { disk: 'ssd' } })]);
    await c.settle();
    const stuck = pods(c, 'default').find((p) => p.metadata.labels?.app === 'nowhere')!;
    const ev = eventsFor(c, 'default', stuck.metadata.name).find((e) => e.reason === 'FailedScheduling');
    // v1.36's wording (the default image), counting all 150 nodes.
    expect(ev.message).toMatch(/^0\/150 nodes are available: 1 node\(s\) had untolerated taint\(s\), 149 node\(s\) didn't match Pod's node affinity\/selector\. .*preemption: 0\/150 nodes are available: 150 Preemption is not helpful for scheduling\.$/);
  }, 30_000);

  it("aggregates the ReplicaSet's SuccessfulCreate events after 10, like client-go's EventCorrelator", async () => {
    c = await testCluster({ config: workers(3) });
    apply(c, [deployment('web', 25)]);
    await c.settle();
    const rs = c.store.list({ group: 'apps', version: 'v1', resource: 'replicasets' }, 'default').items as Any[];
    const evs = eventsFor(c, 'default', rs[0].metadata.name).filter((e) => e.reason === 'SuccessfulCreate');
    const single = evs.filter((e) => !e.message.startsWith('(combined from similar events): '));
    const combined = evs.filter((e) => e.message.startsWith('(combined from similar events): Created pod: web-'));
    expect(single).toHaveLength(10);
    expect(combined).toHaveLength(1);
    expect(combined[0].count).toBe(15);
  });
});
