// Every check of both lessons against a simulated cluster walked through the lessons in-process, for
// the article's v1.19.1 and today's v1.36.1: each passes at the point of the lesson where it belongs,
// and fails before it with details that name what differs.
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LESSON_DIRS } from '@/lessons/index';
import { checkLessonTree, type LoadedLesson } from '@/lib/lessons/tree';
import { testCluster, apply } from '@/lib/sim/cluster/testing/harness';
import { R, type Any } from '@/lib/sim/cluster/gvr';
import type { SimCluster } from '@/lib/sim/cluster/cluster';
import type { ClusterSnapshot } from '@/lib/cluster/types';
import { evaluateCheck, type CheckResult } from './evaluate';
import { formatDetails } from './format';
import { snapshotOf, unreachable } from './testing/sim-snapshot';
import type { StepCheck } from './schema';

const lessons: Record<string, LoadedLesson> = {};
beforeAll(async () => {
  for (const [id, dir] of Object.entries(LESSON_DIRS)) {
    const r = await checkLessonTree(path.resolve(__dirname, '../../lessons', dir), `lessons/${dir}`, id);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    lessons[id] = r.loaded;
  }
});

function allChecks(): Array<{ lesson: string; step: string; check: StepCheck }> {
  return Object.entries(lessons).flatMap(([lesson, l]) => l.lesson.steps.flatMap((s) => s.checks.map((check) => ({ lesson, step: s.id, check }))));
}
function check(id: string): StepCheck {
  const hits = allChecks().filter((c) => `${c.lesson}/${c.check.id}` === id);
  if (hits.length !== 1) throw new Error(`no single check ${id}`);
  return hits[0].check;
}
const ev = (id: string, snap: ClusterSnapshot): CheckResult => evaluateCheck(check(id), snap);
const lines = (r: CheckResult) => formatDetails(r, 'en');

/**
 * Where in the walk-through each check must pass. Stages: created (kind create), nginx (kubectl run),
 * cni (a CNI applied: kindnet/calico/cilium/flannel), gone (cluster deleted).
 */
const PASSES_AT: Record<string, Array<'created' | 'nginx' | 'kindnet' | 'calico' | 'cilium' | 'flannel' | 'gone'>> = {
  'kind-without-cni/four-nodes-not-ready': ['created', 'nginx'],
  'kind-without-cni/context-is-kind-test': ['created', 'nginx', 'kindnet', 'calico', 'cilium', 'flannel'],
  'kind-without-cni/nginx-unschedulable': ['nginx'],
  'kind-without-cni/nginx-pending': ['nginx'],
  'kind-without-cni/all-not-ready': ['created', 'nginx'],
  'kind-without-cni/control-plane-taints': ['created', 'nginx'],
  // With flannel, coredns and local-path are ContainerCreating: still phase Pending.
  'kind-without-cni/coredns-pending': ['created', 'nginx', 'flannel'],
  'kind-without-cni/namespaces-active': ['created', 'nginx', 'kindnet', 'calico', 'cilium', 'flannel'],
  'kind-without-cni/static-pods-running': ['created', 'nginx', 'kindnet', 'calico', 'cilium', 'flannel'],
  'kind-without-cni/kube-proxy-running': ['created', 'nginx', 'kindnet', 'calico', 'cilium', 'flannel'],
  'kind-without-cni/local-path-pending': ['created', 'nginx', 'flannel'],
  'fix-with-a-cni/cluster-still-broken': ['created', 'nginx'],
  'fix-with-a-cni/kindnet-running': ['kindnet'],
  'fix-with-a-cni/calico-running': ['calico'],
  'fix-with-a-cni/cilium-running': ['cilium'],
  'fix-with-a-cni/flannel-nodes-ready': ['kindnet', 'calico', 'cilium', 'flannel'],
  'fix-with-a-cni/flannel-coredns-stuck': ['flannel'],
  'fix-with-a-cni/all-nodes-ready': ['kindnet', 'calico', 'cilium', 'flannel'],
  'fix-with-a-cni/not-ready-taint-gone': ['kindnet', 'calico', 'cilium', 'flannel'],
  'fix-with-a-cni/control-plane-taint-stays': ['kindnet', 'calico', 'cilium', 'flannel'],
  'fix-with-a-cni/coredns-running': ['kindnet', 'calico', 'cilium'],
  'fix-with-a-cni/nginx-running': ['kindnet', 'calico', 'cilium'],
  'fix-with-a-cni/cluster-gone': ['gone'],
};

function manifest(name: string): Any[] {
  const kinds = new Set(['DaemonSet', 'Deployment', 'ConfigMap', 'ServiceAccount', 'Namespace', 'Service']);
  const text = lessons['fix-with-a-cni'].files[name];
  return parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o && kinds.has(o.kind));
}

const nginx = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };

let c: SimCluster | undefined;
afterEach(() => c?.stop());

describe('the table covers every check of the lessons', () => {
  it('names each check exactly once', () => {
    expect(allChecks().map((x) => `${x.lesson}/${x.check.id}`).sort()).toEqual(Object.keys(PASSES_AT).sort());
  });
});

describe.each(['kindest/node:v1.19.1', 'kindest/node:v1.36.1'])('walking through the lessons on %s', (image) => {
  /** Every check passes exactly at its stages; returns the failing results for closer looks. */
  function expectStage(stage: string, snap: ClusterSnapshot): Record<string, CheckResult> {
    const failing: Record<string, CheckResult> = {};
    const wrong: string[] = [];
    for (const x of allChecks()) {
      const id = `${x.lesson}/${x.check.id}`;
      const r = evaluateCheck(x.check, snap);
      const should = (PASSES_AT[id] as string[]).includes(stage);
      if ((r.status === 'pass') !== should) wrong.push(`${id} at ${stage}: ${r.status}\n    ${lines(r).join('\n    ')}`);
      if (r.status !== 'pass') {
        failing[id] = r;
        // Never a bare "failed": every non-pass says what differs.
        expect(r.details.length, id).toBeGreaterThan(0);
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
    return failing;
  }

  it('before create, cluster checks are unknown and cluster-gone passes', () => {
    const f = expectStage('gone', unreachable('no kind cluster "test"'));
    expect(f['kind-without-cni/four-nodes-not-ready'].status).toBe('unknown');
    expect(lines(f['kind-without-cni/four-nodes-not-ready'])).toEqual([
      'cluster test: exists — expected yes, seen no cluster answers (no kind cluster "test")',
      'cluster: reachable — expected yes, seen no (no kind cluster "test")',
    ]);
  });

  it('create → nginx → kindnet → delete', async () => {
    c = await testCluster({ image });
    const created = expectStage('created', snapshotOf(c));
    expect(lines(created['kind-without-cni/nginx-pending'])).toEqual(['pod default/nginx: exists — expected yes, seen no']);
    // The "all Ready" check names each of the four nodes.
    const allReady = created['fix-with-a-cni/all-nodes-ready'];
    expect(allReady.details.filter((x) => x.field === 'Ready').map((x) => `${x.subject}: ${x.seen}`).sort()).toEqual([
      'node test-control-plane: False (KubeletNotReady)',
      'node test-worker2: False (KubeletNotReady)',
      'node test-worker3: False (KubeletNotReady)',
      'node test-worker: False (KubeletNotReady)',
    ]);
    expect(lines(allReady)).toHaveLength(4);
    expect(lines(allReady)).toContain('node test-worker: Ready — expected True, seen False (KubeletNotReady)');
    const dns = lines(created['fix-with-a-cni/coredns-running']);
    expect(dns).toHaveLength(1);
    expect(dns[0]).toMatch(/^pods kube-system k8s-app=kube-dns: count with phase Running — expected 2, seen 0 \(coredns-[a-z0-9]+-[a-z0-9]{5} Pending, coredns-[a-z0-9]+-[a-z0-9]{5} Pending\)$/);
    expect(lines(created['fix-with-a-cni/kindnet-running'])).toEqual(['pods kube-system app=kindnet: count with phase Running — expected 4, seen 0 (no pods)']);
    const cpTaints = created['fix-with-a-cni/control-plane-taint-stays'].details;
    expect(cpTaints.find((x) => x.field === 'taints')?.seen).toContain('node.kubernetes.io/not-ready:NoSchedule');
    expect(lines(ev('kind-without-cni/context-is-kind-test', { ...snapshotOf(c), context: 'kind-other' }))).toEqual([
      'kubeconfig: current context — expected kind-test, seen kind-other',
    ]);

    c.store.create(R.pods, structuredClone(nginx));
    await c.settle();
    const afterNginx = expectStage('nginx', snapshotOf(c));
    expect(lines(afterNginx['fix-with-a-cni/nginx-running'])).toEqual([
      'pod default/nginx: phase — expected Running, seen Pending',
      'pod default/nginx: PodScheduled — expected True, seen False (Unschedulable)',
      'pod default/nginx: node — expected assigned, seen none',
      'pod default/nginx: pod IP — expected assigned, seen none',
    ]);

    for (const o of manifest('kindnet.yaml')) apply(c, [o]);
    await c.settle();
    const fixed = expectStage('kindnet', snapshotOf(c));
    const broken = fixed['kind-without-cni/four-nodes-not-ready'];
    expect(broken.details.filter((x) => x.field === 'Ready')).toHaveLength(4);
    expect(lines(broken)).toContain('node test-worker2: Ready — expected False, seen True (KubeletReady)');
    expect(lines(fixed['kind-without-cni/local-path-pending'])[0]).toMatch(/count with phase Pending — expected 1, seen 0 \(local-path-provisioner-\S+ Running\)$/);

    const stillThere = ev('fix-with-a-cni/cluster-gone', snapshotOf(c));
    expect(lines(stillThere)).toEqual(['cluster test: exists — expected no, seen it answers']);
    expectStage('gone', unreachable());
  });

  it('the FailedScheduling event of nginx satisfies the version-aware message check', async () => {
    c = await testCluster({ image });
    c.store.create(R.pods, structuredClone(nginx));
    await c.settle();
    const snap = snapshotOf(c);
    const msg = snap.events.find((e) => e.involved.name === 'nginx' && e.reason === 'FailedScheduling')!.message;
    if (image.endsWith('v1.19.1')) expect(msg).toContain("{node.kubernetes.io/not-ready: }, that the pod didn't tolerate");
    else expect(msg).toContain('untolerated taint(s)');
    expect(ev('kind-without-cni/nginx-unschedulable', snap).status).toBe('pass');
    // With the message changed to something else, the check names what it looked for and what it saw.
    const other = { ...snap, events: snap.events.map((e) => (e.involved.name === 'nginx' ? { ...e, message: '0/4 nodes are available: 4 Insufficient cpu.' } : e)) };
    expect(lines(ev('kind-without-cni/nginx-unschedulable', other))).toEqual([
      'pod default/nginx: event — expected Warning FailedScheduling, message matches /node\\.kubernetes\\.io/not-ready/ or /untolerated taint\\(s\\)/, seen Warning FailedScheduling: "0/4 nodes are available: 4 Insufficient cpu."',
    ]);
  });

  it.each(['calico', 'cilium', 'flannel'] as const)('%s', async (cni) => {
    c = await testCluster({ image });
    c.store.create(R.pods, structuredClone(nginx));
    await c.settle();
    for (const o of manifest(`${cni}.yaml`)) apply(c, [o]);
    await c.settle();
    const f = expectStage(cni, snapshotOf(c));
    if (cni === 'flannel') {
      // Nodes Ready, but coredns cannot get a sandbox: the check says which pods and in what state.
      expect(lines(f['fix-with-a-cni/coredns-running'])[0]).toMatch(/expected 2, seen 0 \(coredns-\S+ Pending\/ContainerCreating, coredns-\S+ Pending\/ContainerCreating\)$/);
      expect(lines(f['fix-with-a-cni/nginx-running'])).toEqual(['pod default/nginx: phase — expected Running, seen Pending', 'pod default/nginx: pod IP — expected assigned, seen none']);
    }
  });
});
