import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/sim/store/types';
import { testCluster } from './testing/harness';
import { R } from './gvr';
import type { SimCluster } from './cluster';

let c: SimCluster | undefined;
afterEach(() => c?.stop());

describe('pod logs hook', () => {
  it('coredns logs once running; kubelet-style 400 while waiting', async () => {
    c = await testCluster({ config: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n' });
    const dns = c.store.list(R.pods, 'kube-system').items.find((p) => p.metadata.name!.startsWith('coredns-'))!;
    const out = c.hooks.podLogs!('kube-system', dns.metadata.name!, undefined, {});
    expect(out).toMatch(/^\.:53\n.*\nCoreDNS-1\.13\.1\n/s);
    // A Flannel-like node without bridge: the pod is bound but waits in ContainerCreating.
    c.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default' }, spec: { nodeName: 'test-worker', containers: [{ name: 'nginx', image: 'nginx' }] } });
    const st = c.node('test-worker')!;
    for (const k of Object.keys(st.files)) if (k.startsWith('/etc/cni/net.d/')) delete st.files[k];
    st.files['/etc/cni/net.d/10-flannel.conflist'] = JSON.stringify({ name: 'cbr0', cniVersion: '0.3.1', plugins: [{ type: 'flannel', delegate: {} }] });
    st.files['/opt/cni/bin/flannel'] = 'x';
    c.addCniBinary('test-worker', 'flannel');
    await c.settle();
    const e = c.hooks.podLogs!('default', 'nginx', undefined, {});
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(400);
    expect((e as ApiError).message).toBe('container "nginx" in pod "nginx" is waiting to start: ContainerCreating');
  });
});
