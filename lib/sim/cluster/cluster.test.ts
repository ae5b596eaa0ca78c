import { afterEach, describe, expect, it } from 'vitest';
import { testCluster, pods, nodes, eventsFor } from './testing/harness';
import { R, type Any } from './gvr';
import type { SimCluster } from './cluster';

let c: SimCluster | undefined;
afterEach(() => c?.stop());

const taints = (n: Any) => (n.spec.taints ?? []).map((t: Any) => `${t.key}:${t.effect}`);
const ready = (n: Any) => n.status.conditions.find((x: Any) => x.type === 'Ready');

describe('fresh no-CNI cluster (kind v0.32.0 default image)', () => {
  it('creates the objects kind creates', async () => {
    c = await testCluster();
    const ns = c.store.list(R.namespaces, undefined).items.map((n) => n.metadata.name);
    expect(ns).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']);
    expect(nodes(c).map((n) => n.metadata.name).sort()).toEqual(['test-control-plane', 'test-worker', 'test-worker2', 'test-worker3']);
    const ips = nodes(c).map((n) => n.status.addresses[0].address).sort();
    expect(ips).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4', '172.18.0.5']);
    const cp = nodes(c).find((n) => n.metadata.name === 'test-control-plane');
    expect(cp.spec.podCIDR).toBe('10.244.0.0/24');
    expect(cp.spec.providerID).toBe('kind://docker/test/test-control-plane');
    expect(cp.metadata.labels['node-role.kubernetes.io/control-plane']).toBe('');
    expect(cp.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.36.1', containerRuntimeVersion: 'containerd://2.3.1', osImage: 'Debian GNU/Linux 13 (trixie)' });
    expect(c.store.get(R.leases, 'kube-node-lease', 'test-worker')).toBeTruthy();
    expect(c.store.get(R.configmaps, 'default', 'kube-root-ca.crt')).toBeTruthy();
    expect(c.store.get(R.serviceaccounts, 'local-path-storage', 'default')).toBeTruthy();
    const sc = c.store.get({ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }, undefined, 'standard') as Any;
    expect(sc.provisioner).toBe('rancher.io/local-path');
    const dns = c.store.get(R.services, 'kube-system', 'kube-dns') as Any;
    expect(dns.spec.clusterIP).toBe('10.96.0.10');
    expect(dns.metadata.labels['kubernetes.io/name']).toBe('CoreDNS');
  });

  it('nodes are NotReady with the taints of facts §2.3 (no NoExecute: master disruption mode)', async () => {
    c = await testCluster();
    for (const n of nodes(c)) {
      expect(ready(n)).toMatchObject({
        status: 'False',
        reason: 'KubeletNotReady',
        message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      });
      expect(taints(n)).toEqual(
        n.metadata.name === 'test-control-plane' ? ['node-role.kubernetes.io/control-plane:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule'] : ['node.kubernetes.io/not-ready:NoSchedule'],
      );
    }
  });

  it('static pods and kube-proxy run; coredns and local-path stay Pending', async () => {
    c = await testCluster();
    const all = pods(c);
    const by = (prefix: string) => all.filter((p) => p.metadata.name.startsWith(prefix));
    for (const s of ['etcd-', 'kube-apiserver-', 'kube-controller-manager-', 'kube-scheduler-']) expect(by(s).map((p) => p.status.phase)).toEqual(['Running']);
    expect(by('kube-proxy-').map((p) => p.status.phase)).toEqual(['Running', 'Running', 'Running', 'Running']);
    expect(by('kube-proxy-').every((p) => p.status.podIP === p.status.hostIP)).toBe(true);
    const coredns = by('coredns-');
    expect(coredns).toHaveLength(2);
    expect(coredns.every((p) => p.metadata.name.startsWith(`coredns-${c!.version.corednsHash}-`) && p.status.phase === 'Pending' && !p.spec.nodeName)).toBe(true);
    expect(by('local-path-provisioner-').map((p) => p.status.phase)).toEqual(['Pending']);
    const ev = eventsFor(c, 'kube-system', coredns[0].metadata.name).find((e) => e.reason === 'FailedScheduling');
    expect(ev.message).toBe('0/4 nodes are available: 4 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.');
    expect(ev).toMatchObject({ reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-test-control-plane', action: 'Scheduling', type: 'Warning' });
  });

  it('nginx stays Pending with the 1.33 FitError and PodScheduled=False', async () => {
    c = await testCluster({ image: 'kindest/node:v1.33.1' });
    c.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    await c.settle();
    const p = c.store.get(R.pods, 'default', 'nginx') as Any;
    const msg =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';
    expect(p.status.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg })]);
    expect(eventsFor(c, 'default', 'nginx').map((e) => e.message)).toEqual([msg]);
    expect(p.spec.tolerations.map((t: Any) => `${t.key}:${t.effect}:${t.tolerationSeconds}`)).toEqual(['node.kubernetes.io/not-ready:NoExecute:300', 'node.kubernetes.io/unreachable:NoExecute:300']);
  });

  it('1.19.1 uses the master role/taint and the old texts', async () => {
    c = await testCluster({ image: 'kindest/node:v1.19.1' });
    const cp = nodes(c).find((n) => n.metadata.name === 'test-control-plane');
    expect(taints(cp)).toEqual(['node-role.kubernetes.io/master:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule']);
    expect(ready(cp).message).toMatch(/^runtime network not ready: /);
    c.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    await c.settle();
    expect(eventsFor(c, 'default', 'nginx')[0].message).toBe(
      "0/4 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 3 node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't tolerate.",
    );
    expect(pods(c, 'kube-system').filter((p) => p.metadata.name.startsWith('coredns-f9fd979d6-'))).toHaveLength(2);
    expect(pods(c, 'local-path-storage')[0].metadata.name).toMatch(/^local-path-provisioner-78776bfc44-[a-z0-9]{5}$/);
  });
});

describe('coredns Deployment without a CNI', () => {
  it('reports the rollout state kubectl reads, and times out after progressDeadlineSeconds', async () => {
    let t = Date.now();
    const { createStore } = await import('@/lib/sim/store/store');
    const { parseKindConfig } = await import('@/lib/kindconfig/load');
    const { createSimCluster } = await import('./cluster');
    const parsed = parseKindConfig('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\n', { name: 'test' });
    if (!parsed.ok) throw new Error(parsed.error);
    const cl = createSimCluster({ name: 'test', config: parsed.config, pace: 'instant', store: createStore(), now: () => new Date(t) });
    c = cl;
    cl.bootstrap();
    await cl.settle();
    const dep = () => cl.store.get(R.deployments, 'kube-system', 'coredns') as Any;
    expect(dep().status).toMatchObject({ replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
    expect(dep().status.conditions.map((x: Any) => `${x.type}=${x.status}/${x.reason}`)).toEqual(['Available=False/MinimumReplicasUnavailable', 'Progressing=True/ReplicaSetUpdated']);
    const ev = (cl.store.list(R.events, 'kube-system').items as Any[]).find((e) => e.reason === 'ScalingReplicaSet' && e.involvedObject.name === 'coredns');
    expect(ev.message).toBe(`Scaled up replica set coredns-${cl.version.corednsHash} to 2`);
    t += 601_000;
    // A deployment change makes the controller look again (it also re-checks every 30 s).
    cl.store.mutate(R.deployments, 'kube-system', 'coredns', (d: Any) => {
      d.metadata.annotations = { touched: 'yes' };
    });
    await cl.settle();
    expect(dep().status.conditions[1]).toMatchObject({ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "coredns-${cl.version.corednsHash}" has timed out progressing.` });
  });
});

describe('node maintenance', () => {
  it('cordon adds the unschedulable taint; deleting a node removes its pods and lease', async () => {
    c = await testCluster({ config: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n' });
    c.store.mutate(R.nodes, undefined, 'test-worker', (n: Any) => {
      n.spec.unschedulable = true;
    });
    await c.settle();
    const w = c.store.get(R.nodes, undefined, 'test-worker') as Any;
    expect(w.spec.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    c.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await c.settle();
    expect((c.store.get(R.pods, 'default', 'p') as Any).spec.nodeName).toBe('test-worker2');
    c.store.remove(R.nodes, undefined, 'test-worker2');
    await c.settle();
    expect(c.store.get(R.pods, 'default', 'p')).toBeUndefined();
    expect(c.store.get(R.leases, 'kube-node-lease', 'test-worker2')).toBeUndefined();
  });
});

describe('scheduler retries', () => {
  it('1.19: deleting an assigned pod re-queues every unschedulable pod, so the FailedScheduling series grows', async () => {
    c = await testCluster({ image: 'kindest/node:v1.19.1' });
    c.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    await c.settle();
    const proxy = pods(c, 'kube-system').find((p) => p.metadata.name.startsWith('kube-proxy-'))!;
    c.store.remove(R.pods, 'kube-system', proxy.metadata.name);
    await c.settle();
    const ev = eventsFor(c, 'default', 'nginx').find((e) => e.reason === 'FailedScheduling');
    expect(ev.series).toMatchObject({ count: 2 });
    // The DaemonSet replaced the deleted kube-proxy pod.
    expect(pods(c, 'kube-system').filter((p) => p.metadata.name.startsWith('kube-proxy-'))).toHaveLength(4);
  });
});
