// Snapshot building and scheduling explanations on the simulator's real objects (1.19.1 and 1.36.1).
import { afterEach, describe, expect, it } from 'vitest';
import type { SimCluster } from '@/lib/sim/cluster/cluster';
import { testCluster } from '@/lib/sim/cluster/testing/harness';
import { buildSnapshot, cniPluginOfImage, eventView, nodeRoles } from './snapshot';
import { explainScheduling, taintString } from './explain';
import { applyKindnet, createNginx, rawState } from './testing/sim-raw';
import type { ClusterSnapshot, PodView } from './types';

let c: SimCluster | undefined;
afterEach(() => {
  c?.stop();
  c = undefined;
});

const snap = (cl: SimCluster): ClusterSnapshot => buildSnapshot(rawState(cl), { mode: 'sim', context: 'kind-test', revision: 1 });
const podsLike = (s: ClusterSnapshot, prefix: string) => s.pods.filter((p) => p.name.startsWith(prefix));

/** node → "taint — fits?" for a pending pod. */
function blockers(s: ClusterSnapshot, p: PodView): Record<string, string> {
  const e = explainScheduling(p, s.nodes);
  if (e.kind !== 'pending') return { [e.kind]: e.kind === 'scheduled' ? e.node : '' };
  return Object.fromEntries(e.perNode.map((v) => [v.node, v.taint ? taintString(v.taint) : 'fits']));
}

describe('snapshot of a fresh no-CNI cluster (v1.36.1)', () => {
  it('shows four NotReady nodes with the runtime-network message, their taints and no CNI', async () => {
    c = await testCluster();
    createNginx(c);
    await c.settle();
    const s = snap(c);
    expect(s.serverVersion).toBeUndefined();
    expect(s.nodes.map((n) => n.name)).toEqual(['test-control-plane', 'test-worker', 'test-worker2', 'test-worker3']);
    for (const n of s.nodes) {
      expect(n.ready).toBe('False');
      expect(n.readyReason).toBe('KubeletNotReady');
      expect(n.readyMessage).toContain('container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
      expect(n.cni).toEqual({ state: 'missing' });
      expect(n.kubeletVersion).toBe('v1.36.1');
    }
    const cp = s.nodes[0];
    expect(cp.roles).toEqual(['control-plane']);
    expect(cp.taints.map(taintString)).toEqual(['node-role.kubernetes.io/control-plane:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule']);
    expect(s.nodes[1].roles).toEqual([]);
    expect(s.nodes[1].taints.map(taintString)).toEqual(['node.kubernetes.io/not-ready:NoSchedule']);
  });

  it('marks static pods, hostNetwork, STATUS and the PodScheduled condition like kubectl', async () => {
    c = await testCluster();
    createNginx(c);
    await c.settle();
    const s = snap(c);
    const api = s.pods.find((p) => p.name === 'kube-apiserver-test-control-plane')!;
    expect(api).toMatchObject({ static: true, hostNetwork: true, status: 'Running', nodeName: 'test-control-plane', ownerKind: 'Node' });
    const proxies = podsLike(s, 'kube-proxy-');
    expect(proxies).toHaveLength(4);
    expect(proxies.every((p) => !p.static && p.hostNetwork && p.status === 'Running' && p.ownerKind === 'DaemonSet')).toBe(true);
    const nginx = s.pods.find((p) => p.name === 'nginx')!;
    expect(nginx).toMatchObject({ phase: 'Pending', status: 'Pending', static: false, hostNetwork: false, nodeName: undefined });
    expect(nginx.scheduled).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(nginx.scheduled!.message).toMatch(/^0\/4 nodes are available: 4 node\(s\) had untolerated taint\(s\)\./);
    // Compact: no managed fields or raw specs leak into the snapshot.
    expect(JSON.stringify(s)).not.toContain('managedFields');
  });

  it('lists events newest first with kubectl describe sources', async () => {
    c = await testCluster();
    createNginx(c);
    await c.settle();
    const s = snap(c);
    const times = s.events.map((e) => Date.parse(e.lastTime ?? ''));
    expect(times.every((t, i) => i === 0 || times[i - 1] >= t)).toBe(true);
    const fs = s.events.find((e) => e.involved.name === 'nginx' && e.reason === 'FailedScheduling')!;
    expect(fs).toMatchObject({ type: 'Warning', source: 'default-scheduler', involved: { kind: 'Pod', namespace: 'default' } });
    expect(eventView({ source: { component: 'kubelet', host: 'test-worker' }, reason: 'Started' }).source).toBe('kubelet, test-worker');
  });

  it('explains which taint keeps which pod off which node', async () => {
    c = await testCluster();
    createNginx(c);
    await c.settle();
    const s = snap(c);
    const NR = 'node.kubernetes.io/not-ready:NoSchedule';
    const workersNotReady = { 'test-worker': NR, 'test-worker2': NR, 'test-worker3': NR };
    expect(blockers(s, s.pods.find((p) => p.name === 'nginx')!)).toEqual({ 'test-control-plane': 'node-role.kubernetes.io/control-plane:NoSchedule', ...workersNotReady });
    // coredns tolerates the control-plane taint, so not-ready is its first blocker everywhere.
    for (const p of podsLike(s, 'coredns-')) expect(blockers(s, p)).toEqual({ 'test-control-plane': NR, ...workersNotReady });
    expect(blockers(s, podsLike(s, 'local-path-provisioner-')[0])).toEqual({ 'test-control-plane': NR, ...workersNotReady });
    // kube-proxy tolerates everything: even unbound it would fit on every node.
    const proxy = { ...podsLike(s, 'kube-proxy-')[0], nodeName: undefined };
    expect(blockers(s, proxy)).toEqual({ 'test-control-plane': 'fits', 'test-worker': 'fits', 'test-worker2': 'fits', 'test-worker3': 'fits' });
    expect(explainScheduling(s.pods.find((p) => p.name === 'etcd-test-control-plane')!, s.nodes)).toEqual({ kind: 'static' });
  });

  it('turns Ready after kindnet: agent state, no not-ready taint, pods bound with IPs', async () => {
    c = await testCluster();
    createNginx(c);
    await c.settle();
    applyKindnet(c);
    await c.settle();
    const s = snap(c);
    for (const n of s.nodes) {
      expect(n.ready).toBe('True');
      expect(n.readyReason).toBe('KubeletReady');
      expect(n.cni).toEqual({ state: 'ready', plugin: 'kindnet' });
      expect(n.taints.map(taintString)).not.toContain('node.kubernetes.io/not-ready:NoSchedule');
    }
    expect(podsLike(s, 'kindnet-')).toHaveLength(4);
    for (const p of [...podsLike(s, 'coredns-'), ...podsLike(s, 'nginx')]) {
      expect(p.nodeName).toBeTruthy();
      expect(p.podIP).toMatch(/^10\.244\./);
      expect(p.status).toBe('Running');
    }
    expect(s.pods.find((p) => p.name === 'nginx')!.nodeName).not.toBe('test-control-plane');
  });
});

describe('snapshot of the article cluster (v1.19.1)', () => {
  it('uses the master role and taint; the old runtime message still reads as no CNI', async () => {
    c = await testCluster({ image: 'kindest/node:v1.19.1' });
    createNginx(c);
    await c.settle();
    const s = snap(c);
    const cp = s.nodes[0];
    expect(cp.roles).toEqual(['master']);
    expect(cp.taints.map(taintString)).toEqual(['node-role.kubernetes.io/master:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule']);
    expect(cp.readyMessage).toMatch(/^runtime network not ready: /);
    expect(s.nodes.every((n) => n.cni.state === 'missing' && n.ready === 'False')).toBe(true);
    const nginx = s.pods.find((p) => p.name === 'nginx')!;
    expect(blockers(s, nginx)['test-control-plane']).toBe('node-role.kubernetes.io/master:NoSchedule');
    expect(blockers(s, nginx)['test-worker3']).toBe('node.kubernetes.io/not-ready:NoSchedule');
    for (const p of podsLike(s, 'coredns-')) expect(blockers(s, p)['test-control-plane']).toBe('node.kubernetes.io/not-ready:NoSchedule');
    const ev = s.events.find((e) => e.involved.name === 'nginx')!;
    expect(ev.message).toContain("had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate");
  });
});

describe('small pure helpers', () => {
  it('derives roles and CNI plugins the way kubectl and the agents name them', () => {
    expect(nodeRoles({ 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'infra', 'node-role.kubernetes.io/': 'x' })).toEqual(['control-plane', 'infra']);
    expect(cniPluginOfImage('docker.io/kindest/kindnetd:v20260528-9350166c')).toBe('kindnet');
    expect(cniPluginOfImage('docker.io/calico/node:v3.32.2')).toBe('calico');
    expect(cniPluginOfImage('quay.io/cilium/cilium:v1.19.5@sha256:abc')).toBe('cilium');
    expect(cniPluginOfImage('quay.io/cilium/cilium-envoy:v1.34')).toBeUndefined();
    expect(cniPluginOfImage('ghcr.io/flannel-io/flannel:v0.27.0')).toBe('flannel');
    expect(cniPluginOfImage('ghcr.io/flannel-io/flannel-cni-plugin:v1.7')).toBeUndefined();
    expect(cniPluginOfImage('registry.k8s.io/kube-proxy:v1.36.1')).toBeUndefined();
  });
});
