// Evaluator branches the lesson walk-through does not reach, on a real simulated cluster's snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCluster } from '@/lib/sim/cluster/testing/harness';
import type { SimCluster } from '@/lib/sim/cluster/cluster';
import type { ClusterSnapshot } from '@/lib/cluster/types';
import { CheckExpect } from './schema';
import { evaluateExpect, listText } from './evaluate';
import { formatDetails } from './format';
import { snapshotOf } from './testing/sim-snapshot';

let c: SimCluster;
let snap: ClusterSnapshot;
beforeAll(async () => {
  c = await testCluster();
  snap = snapshotOf(c);
});
afterAll(() => c.stop());

const run = (e: unknown, s = snap) => evaluateExpect(CheckExpect.parse(e), s);
const en = (e: unknown, s = snap) => formatDetails(run(e, s), 'en');

describe('evaluateExpect', () => {
  it('compares the exact taint set and lists both sides', () => {
    expect(run({ node: { name: 'test-worker', taints: ['node.kubernetes.io/not-ready:NoSchedule'] } }).status).toBe('pass');
    expect(en({ node: { name: 'test-worker', taints: [] } })).toEqual(['node test-worker: taints — expected none, seen node.kubernetes.io/not-ready:NoSchedule']);
    expect(en({ node: { name: 'test-worker', taintsAbsent: ['node.kubernetes.io/not-ready:NoSchedule'] } })).toEqual([
      'node test-worker: taints — expected without node.kubernetes.io/not-ready:NoSchedule, seen node.kubernetes.io/not-ready:NoSchedule',
    ]);
    expect(en({ node: { name: 'test-worker9', ready: false } })).toEqual([
      'node test-worker9: exists — expected yes, seen no (nodes: test-control-plane, test-worker, test-worker2, test-worker3)',
    ]);
  });

  it('checks node conditions by type, including absent ones', () => {
    expect(run({ node: { name: 'test-worker', conditions: { MemoryPressure: 'False', Ready: 'False' } } }).status).toBe('pass');
    expect(en({ node: { name: 'test-worker', conditions: { NetworkUnavailable: 'False' } } })).toEqual(['node test-worker: condition NetworkUnavailable — expected False, seen absent']);
  });

  it('counts pods with minCount, allRunning and status', () => {
    expect(run({ pods: { namespace: 'kube-system', selector: 'k8s-app=kube-proxy', allRunning: true } }).status).toBe('pass');
    const dns = en({ pods: { namespace: 'kube-system', selector: 'k8s-app=kube-dns', allRunning: true } });
    expect(dns).toHaveLength(1);
    expect(dns[0]).toMatch(/^pods kube-system k8s-app=kube-dns: all Running — expected all 2, seen 2 not Running \(coredns-\S+ Pending, coredns-\S+ Pending\)$/);
    expect(en({ pods: { namespace: 'kube-system', minCount: 20 } })[0]).toMatch(/^pods kube-system: count — expected at least 20, seen 10 \(/);
    expect(en({ pods: { namespace: 'nope', phase: 'Running' } })).toEqual(['pods nope: all with phase Running — expected at least 1, seen no pods']);
    expect(run({ pods: { namespace: 'kube-system', selector: 'k8s-app=kube-dns', status: 'Pending', count: 2 } }).status).toBe('pass');
  });

  it('finds events by reason, kind and message, with a minimum count', () => {
    expect(run({ events: { namespace: 'kube-system', reason: 'FailedScheduling', involvedKind: 'Pod', minCount: 2 } }).status).toBe('pass');
    const r = en({ events: { namespace: 'kube-system', reason: 'FailedScheduling', messageIncludes: 'Insufficient cpu' } });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatch(/^events in kube-system: FailedScheduling, message contains "Insufficient cpu" — expected at least 1, seen 0; other FailedScheduling: Warning FailedScheduling: "0\/4 nodes are available/);
  });

  it('checks namespaces present and absent', () => {
    expect(en({ namespaces: { active: ['default', 'kube-flannel'], absent: ['kube-system'] } })).toEqual([
      'namespace kube-flannel: phase — expected Active, seen absent',
      'namespace kube-system: exists — expected no, seen yes (Active)',
    ]);
  });

  it('says unknown, not fail, when no cluster answers; a pod that must not exist', () => {
    const down = { ...snap, reachable: false, error: 'connection refused' };
    expect(run({ nodes: { count: 4 } }, down)).toEqual({ status: 'unknown', details: [{ subject: 'cluster', field: 'reachable', expected: 'yes', seen: 'no (connection refused)' }] });
    expect(evaluateExpect(CheckExpect.parse({ context: 'kind-test' }), null).status).toBe('unknown');
    expect(run({ pod: { name: 'nginx', exists: false } }).status).toBe('pass');
  });

  it('words details in Japanese, keeping Kubernetes values as they are', () => {
    const r = run({ node: { name: 'test-worker', ready: true, conditions: { NetworkUnavailable: 'False' } } });
    expect(formatDetails(r, 'ja')).toEqual([
      'node test-worker: Ready — 期待 True、実際 False (KubeletNotReady)',
      'node test-worker: condition NetworkUnavailable — 期待 False、実際 なし',
    ]);
    const down = run({ nodes: { count: 4 } }, { ...snap, reachable: false, error: 'connection refused' });
    expect(formatDetails(down, 'ja')).toEqual(['cluster: reachable — 期待 あり、実際 なし (connection refused)']);
    const absent = run({ node: { name: 'test-worker', taintsAbsent: ['node.kubernetes.io/not-ready:NoSchedule'] } });
    expect(formatDetails(absent, 'ja')).toEqual(['node test-worker: taints — 期待 次を含まない: node.kubernetes.io/not-ready:NoSchedule、実際 node.kubernetes.io/not-ready:NoSchedule']);
  });

  it('cuts long lists', () => {
    expect(listText(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])).toBe('a, b, c, d, e, f, … and 2 more');
  });
});
