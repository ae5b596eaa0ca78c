import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { testCluster, pods, nodes, eventsFor, apply } from './testing/harness';
import { R, type Any } from './gvr';
import type { SimCluster } from './cluster';
import { DEFAULT_CNI_TEMPLATE } from './bootstrap/node-files';

let c: SimCluster | undefined;
afterEach(() => c?.stop());

const ready = (n: Any) => n.status.conditions.find((x: Any) => x.type === 'Ready');
const nginx = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };

function agentDs(name: string, ns: string, containers: Any[], extra: Any = {}): Any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { hostNetwork: true, tolerations: [{ operator: 'Exists' }], containers, ...extra } },
    },
  };
}

async function expectHealthy(cl: SimCluster) {
  for (const n of nodes(cl)) {
    expect(ready(n)).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect((n.spec.taints ?? []).map((t: Any) => t.key)).not.toContain('node.kubernetes.io/not-ready');
  }
  const dns = pods(cl, 'kube-system').filter((p) => p.metadata.name.startsWith('coredns-'));
  expect(dns.map((p) => p.status.phase)).toEqual(['Running', 'Running']);
  expect(dns.every((p) => /^10\.244\.\d+\.\d+$/.test(p.status.podIP))).toBe(true);
  const nx = cl.store.get(R.pods, 'default', 'nginx') as Any;
  expect(nx.status.phase).toBe('Running');
  expect(nx.spec.nodeName).toMatch(/^test-worker\d?$/);
  const reasons = eventsFor(cl, 'default', 'nginx').map((e) => e.reason);
  expect(reasons).toEqual(expect.arrayContaining(['FailedScheduling', 'Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
  const ep = cl.store.get(R.endpoints, 'kube-system', 'kube-dns') as Any;
  expect(ep.subsets[0].addresses).toHaveLength(2);
  const slice = cl.store.list(R.endpointslices, 'kube-system', { labelSelector: 'kubernetes.io/service-name=kube-dns' }).items[0] as Any;
  expect(slice.endpoints.map((e: Any) => e.conditions.ready)).toEqual([true, true]);
}

describe('installing a CNI fixes the cluster', () => {
  it('kindnet from the node image template (any name, recognised by image)', async () => {
    c = await testCluster();
    c.store.create(R.pods, nginx);
    await c.settle();
    const objs = parseAllDocuments(DEFAULT_CNI_TEMPLATE(c.version).replace('{{ .PodSubnet }}', '10.244.0.0/16')).map((d) => d.toJS()).filter((o) => o?.kind);
    const ds = objs.find((o) => o.kind === 'DaemonSet');
    ds.metadata.name = 'my-own-net';
    apply(c, [ds]);
    await c.settle();
    await expectHealthy(c);
    const w = nodes(c).find((n) => n.metadata.name === 'test-worker')!;
    expect(c.listDir('test-worker', '/etc/cni/net.d')).toEqual(['10-kindnet.conflist']);
    expect(c.readFile('test-worker', '/etc/cni/net.d/10-kindnet.conflist')).toContain(`"subnet": "${w.spec.podCIDR}"`);
    // Deleting the DaemonSet removes the agents, but their files stay on the nodes (as on a real node).
    (c.store as Any).delete(R.daemonsets, 'kube-system', 'my-own-net', { propagationPolicy: 'Background' });
    await c.settle();
    expect(pods(c, 'kube-system').filter((p) => p.metadata.name.startsWith('my-own-net-'))).toEqual([]);
    expect(c.listDir('test-worker', '/etc/cni/net.d')).toEqual(['10-kindnet.conflist']);
    expect(nodes(c).every((n) => ready(n).status === 'True')).toBe(true);
    // The kubelet reports the transition.
    expect((c.store.list(R.events, 'default').items as Any[]).some((e) => e.reason === 'NodeReady' && e.involvedObject.name === 'test-worker')).toBe(true);
  });

  it('Calico sets NetworkUnavailable=False CalicoIsUp and writes its files', async () => {
    c = await testCluster({ image: 'kindest/node:v1.33.1' });
    c.store.create(R.pods, nginx);
    apply(c, [agentDs('calico-node', 'kube-system', [{ name: 'calico-node', image: 'docker.io/calico/node:v3.32.2' }], { initContainers: [{ name: 'install-cni', image: 'docker.io/calico/cni:v3.32.2' }] })]);
    await c.settle();
    await expectHealthy(c);
    const n = nodes(c)[0];
    expect(n.status.conditions.find((x: Any) => x.type === 'NetworkUnavailable')).toMatchObject({ status: 'False', reason: 'CalicoIsUp', message: 'Calico is running on this node' });
    expect(c.listDir(n.metadata.name, '/etc/cni/net.d')).toEqual(['10-calico.conflist', 'calico-kubeconfig']);
    expect(c.listDir(n.metadata.name, '/opt/cni/bin')).toContain('calico');
  });

  it('Cilium agent', async () => {
    c = await testCluster();
    c.store.create(R.pods, nginx);
    apply(c, [agentDs('cilium', 'kube-system', [{ name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.19.5@sha256:abc' }])]);
    await c.settle();
    await expectHealthy(c);
    expect(nodes(c)[1].status.conditions.find((x: Any) => x.type === 'NetworkUnavailable')).toMatchObject({ reason: 'CiliumIsUp', message: 'Cilium is running on this node' });
    expect(c.listDir('test-worker2', '/etc/cni/net.d')).toEqual(['05-cilium.conflist']);
  });

  it('a DaemonSet that does not tolerate the not-ready taint gets no pods (DESIRED 0)', async () => {
    c = await testCluster();
    const ds = agentDs('kindnet', 'kube-system', [{ name: 'kindnet-cni', image: 'docker.io/kindest/kindnetd:v20260528-9350166c' }]);
    delete ds.spec.template.spec.tolerations;
    apply(c, [ds]);
    await c.settle();
    expect((c.store.get(R.daemonsets, 'kube-system', 'kindnet') as Any).status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0 });
    expect(nodes(c).every((n) => ready(n).status === 'False')).toBe(true);
  });

  it('Flannel: nodes Ready, but sandboxes fail without the bridge plugin until it is copied in', async () => {
    c = await testCluster();
    c.store.create(R.pods, nginx);
    apply(c, [agentDs('kube-flannel-ds', 'kube-system', [{ name: 'kube-flannel', image: 'ghcr.io/flannel-io/flannel:v0.27.4' }], { initContainers: [{ name: 'install-cni-plugin', image: 'ghcr.io/flannel-io/flannel-cni-plugin:v1.8.0-flannel1' }] })]);
    await c.settle();
    expect(nodes(c).every((n) => ready(n).status === 'True')).toBe(true);
    const nx = c.store.get(R.pods, 'default', 'nginx') as Any;
    expect(nx.status.phase).toBe('Pending');
    expect(nx.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    const failed = eventsFor(c, 'default', 'nginx').filter((e) => e.reason === 'FailedCreatePodSandBox');
    expect(failed[0].message).toMatch(
      /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="flannel" failed \(add\): failed to delegate add: failed to find plugin "bridge" in path \[\/opt\/cni\/bin\]$/,
    );
    expect(c.listDir(nx.spec.nodeName, '/opt/cni/bin')).toEqual(['flannel', 'host-local', 'loopback', 'portmap', 'ptp']);
    for (const n of c.nodeNames()) c.addCniBinary(n, 'bridge');
    await c.settle();
    expect((c.store.get(R.pods, 'default', 'nginx') as Any).status.phase).toBe('Running');
  });
});

describe('deletion', () => {
  it('graceful pod deletion: Killing event, then the pod goes', async () => {
    c = await testCluster({ config: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n' });
    c.store.create(R.pods, nginx);
    await c.settle();
    // single node, default CNI: Ready and no control-plane taint
    expect((c.store.get(R.pods, 'default', 'nginx') as Any).status.phase).toBe('Running');
    const s = c.store as Any;
    s.delete(R.pods, 'default', 'nginx', {});
    expect((c.store.get(R.pods, 'default', 'nginx') as Any).metadata.deletionTimestamp).toBeTruthy();
    await c.settle();
    expect(c.store.get(R.pods, 'default', 'nginx')).toBeUndefined();
    expect(eventsFor(c, 'default', 'nginx').find((e) => e.reason === 'Killing')?.message).toBe('Stopping container nginx');
  });

  it('deleting a Deployment removes its ReplicaSet and pods (Background); Orphan keeps them', async () => {
    c = await testCluster({ config: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n' });
    const dep = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } });
    apply(c, [dep('web'), dep('keep')]);
    await c.settle();
    const d = c.store.get(R.deployments, 'default', 'web') as Any;
    expect(d.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
    expect(d.status.conditions.map((x: Any) => `${x.type}/${x.reason}`)).toEqual(['Available/MinimumReplicasAvailable', 'Progressing/NewReplicaSetAvailable']);
    const s = c.store as Any;
    s.delete(R.deployments, 'default', 'web', { propagationPolicy: 'Background' });
    s.delete(R.deployments, 'default', 'keep', { propagationPolicy: 'Orphan' });
    await c.settle();
    const left = pods(c, 'default').map((p) => p.metadata.name);
    expect(left.filter((n) => n.startsWith('web-'))).toEqual([]);
    expect(left.filter((n) => n.startsWith('keep-'))).toHaveLength(2);
    const rs = c.store.list(R.replicasets, 'default').items as Any[];
    expect(rs.map((r) => r.metadata.name.split('-')[0])).toEqual(['keep']);
    expect(rs[0].metadata.ownerReferences).toBeUndefined();
  });

  it('namespace deletion finalises its contents', async () => {
    c = await testCluster({ config: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n' });
    apply(c, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } }]);
    await c.settle();
    expect(c.store.get(R.serviceaccounts, 'lab', 'default')).toBeTruthy();
    c.store.create(R.pods, { ...nginx, metadata: { ...nginx.metadata, namespace: 'lab' } });
    await c.settle();
    (c.store as Any).delete(R.namespaces, undefined, 'lab', {});
    expect((c.store.get(R.namespaces, undefined, 'lab') as Any).status.phase).toBe('Terminating');
    await c.settle();
    await new Promise((r) => setTimeout(r, 50));
    await c.settle();
    expect(c.store.get(R.namespaces, undefined, 'lab')).toBeUndefined();
    expect(pods(c, 'lab')).toEqual([]);
  });
});

describe('kubelet network gate and node lifecycle', () => {
  it('a pod forced onto a NotReady node gets the kubelet NetworkNotReady event and stays ContainerCreating', async () => {
    c = await testCluster({ image: 'kindest/node:v1.33.1' });
    c.store.create(R.pods, { ...nginx, spec: { ...nginx.spec, nodeName: 'test-worker' } });
    await c.settle();
    const p = c.store.get(R.pods, 'default', 'nginx') as Any;
    expect(p.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    const ev = eventsFor(c, 'default', 'nginx').find((e) => e.reason === 'NetworkNotReady');
    expect(ev).toMatchObject({
      type: 'Warning',
      source: { component: 'kubelet', host: 'test-worker' },
      message: 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    });
  });

  it('NoExecute not-ready taints only outside (full or partial) disruption', async () => {
    c = await testCluster();
    const kindnet = (nodeName: string) => {
      const ds = agentDs(`net-${nodeName}`, 'kube-system', [{ name: 'kindnet-cni', image: 'docker.io/kindest/kindnetd:v20260528-9350166c' }]);
      ds.spec.template.spec.nodeSelector = { 'kubernetes.io/hostname': nodeName };
      return ds;
    };
    const noExec = () => nodes(c!).filter((n) => (n.spec.taints ?? []).some((t: Any) => t.effect === 'NoExecute')).map((n) => n.metadata.name).sort();
    apply(c, [kindnet('test-worker')]);
    await c.settle();
    // 1 Ready, 3 NotReady (75%): partial disruption, no NoExecute.
    expect(noExec()).toEqual([]);
    apply(c, [kindnet('test-worker2')]);
    await c.settle();
    // 2 Ready, 2 NotReady: normal state, the NotReady ones get NoExecute.
    expect(noExec()).toEqual(['test-control-plane', 'test-worker3']);
    const t = nodes(c).find((n) => n.metadata.name === 'test-worker3')!.spec.taints;
    expect(t).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: expect.stringMatching(/Z$/) },
    ]);
  });
});

describe('Calico through the Tigera operator', () => {
  it('operator + Installation → calico-system/calico-node → nodes Ready', async () => {
    c = await testCluster({ config: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\n  podSubnet: 192.168.0.0/16\nnodes:\n- role: control-plane\n- role: worker\n' });
    const s = c.store as Any;
    s.registerResource({ group: 'operator.tigera.io', version: 'v1', resource: 'installations', singular: 'installation', kind: 'Installation', listKind: 'InstallationList', namespaced: false, shortNames: [], categories: [], verbs: ['create', 'get', 'list', 'watch', 'delete', 'patch', 'update'], subresources: ['status'] });
    apply(c, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tigera-operator' } }]);
    c.store.create(R.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tigera-operator', namespace: 'tigera-operator' },
      spec: { replicas: 1, selector: { matchLabels: { name: 'tigera-operator' } }, template: { metadata: { labels: { name: 'tigera-operator' } }, spec: { hostNetwork: true, tolerations: [{ effect: 'NoExecute', operator: 'Exists' }, { effect: 'NoSchedule', operator: 'Exists' }], containers: [{ name: 'tigera-operator', image: 'quay.io/tigera/operator:v1.40.2' }] } } },
    } as Any);
    c.store.create({ group: 'operator.tigera.io', version: 'v1', resource: 'installations' }, { apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: {} } as Any);
    await c.settle();
    expect(nodes(c).every((n) => ready(n).status === 'True')).toBe(true);
    expect(pods(c, 'calico-system').map((p) => p.status.phase)).toEqual(['Running', 'Running']);
    const dns = pods(c, 'kube-system').filter((p) => p.metadata.name.startsWith('coredns-'));
    expect(dns.every((p) => p.status.phase === 'Running' && p.status.podIP.startsWith('192.168.'))).toBe(true);
  });
});
