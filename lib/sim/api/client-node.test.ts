// Integration: @kubernetes/client-node 1.4 (list, watch with resume and 410 relist, default json-patch PATCH).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { startHarness, until, type Harness } from './testing/harness';
import { GVR, seed } from './testing/fixtures';

describe('@kubernetes/client-node 1.4', () => {
  let h: Harness;
  let kc: k8s.KubeConfig;
  beforeAll(async () => {
    h = await startHarness({ store: { historySize: 20 } });
    seed(h.store);
    kc = new k8s.KubeConfig();
    kc.loadFromString(readFileSync(h.kubeconfig, 'utf8'));
  });
  afterAll(async () => h?.close());

  it('lists namespaces and pods over TLS with the admin client certificate', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const ns = await core.listNamespace();
    expect(ns.items.map((n) => n.metadata?.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(Number(ns.metadata?.resourceVersion)).toBe(h.store.currentResourceVersion());
    const pods = await core.listNamespacedPod({ namespace: 'kube-system' });
    expect(pods.items[0].metadata?.name).toBe('coredns-7db6d8ff4d-abcde');
    await expect(core.readNamespacedPod({ name: 'nope', namespace: 'default' })).rejects.toMatchObject({ code: 404 });
  });

  it('patches with the default application/json-patch+json', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const out = await core.patchNamespacedPod({
      name: 'coredns-7db6d8ff4d-abcde',
      namespace: 'kube-system',
      body: [{ op: 'add', path: '/metadata/labels/patched', value: 'yes' }],
    });
    expect(out.metadata?.labels?.patched).toBe('yes');
    expect(h.store.get(GVR.PODS, 'kube-system', 'coredns-7db6d8ff4d-abcde')!.metadata.labels!.patched).toBe('yes');
  });

  it('watches from a resourceVersion: replays history, then live events', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const from = list.metadata!.resourceVersion!;
    h.store.create({ group: '', version: 'v1', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'before', namespace: 'default' } });
    const seen: string[] = [];
    const w = new k8s.Watch(kc);
    const ctl = await w.watch('/api/v1/namespaces/default/configmaps', { resourceVersion: from }, (type, obj) => seen.push(`${type} ${obj.metadata?.name}`), () => {});
    await until(() => seen.length >= 1);
    h.store.create({ group: '', version: 'v1', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after', namespace: 'default' } });
    h.store.remove({ group: '', version: 'v1', resource: 'configmaps' }, 'default', 'before');
    await until(() => seen.length >= 3);
    ctl.abort();
    expect(seen).toEqual(['ADDED before', 'ADDED after', 'DELETED before']);
  });

  it('gets a 410 ERROR event for an expired resourceVersion and an informer relists', async () => {
    const old = h.store.currentResourceVersion();
    for (let i = 0; i < 30; i++) h.store.create({ group: '', version: 'v1', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bulk${i}`, namespace: 'default' } });
    const events: Array<{ type: string; code?: number }> = [];
    const w = new k8s.Watch(kc);
    let finished = false;
    await w.watch('/api/v1/namespaces/default/configmaps', { resourceVersion: String(old) }, (type, obj) => events.push({ type, code: obj?.code }), () => (finished = true));
    await until(() => finished);
    expect(events).toEqual([{ type: 'ERROR', code: 410 }]);

    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const added: string[] = [];
    informer.on('add', (o) => added.push(o.metadata!.name!));
    await informer.start();
    await until(() => added.includes('bulk29'));
    h.store.create({ group: '', version: 'v1', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'live', namespace: 'default' } });
    await until(() => added.includes('live'));
    await informer.stop();
  });
});
