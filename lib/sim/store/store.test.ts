import { describe, expect, it } from 'vitest';
import { ApiError, type KObject } from './types';
import { createStore, loadStore } from './store';

const NS = { group: '', version: 'v1', resource: 'namespaces' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const CM = { group: '', version: 'v1', resource: 'configmaps' };
const DEPLOY = { group: 'apps', version: 'v1', resource: 'deployments' };
const CRD = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };

function fresh(now = () => new Date('2026-01-01T00:00:00.123Z')) {
  const s = createStore({ now, historySize: 50 });
  s.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return s;
}
const pod = (name: string, extra: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra } });
const err = (f: () => unknown): ApiError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
};

describe('store: create', () => {
  it('fills uid, resourceVersion, creationTimestamp (RFC3339, no millis) and bumps RV monotonically', () => {
    const s = fresh();
    const rv0 = s.currentResourceVersion();
    const a = s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    const b = s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } });
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(Number(a.metadata.resourceVersion)).toBe(rv0 + 1);
    expect(Number(b.metadata.resourceVersion)).toBe(rv0 + 2);
    expect(s.currentResourceVersion()).toBe(rv0 + 2);
  });
  it('generateName uses the apiserver alphabet', () => {
    const s = fresh();
    const p = s.create(PODS, { ...pod(''), metadata: { generateName: 'web-', namespace: 'default' } });
    expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
  it('rejects duplicates, missing namespaces, missing names with apiserver messages', () => {
    const s = fresh();
    s.create(PODS, pod('x'));
    const dup = err(() => s.create(PODS, pod('x')));
    expect([dup.code, dup.reason, dup.message]).toEqual([409, 'AlreadyExists', 'pods "x" already exists']);
    expect(dup.details).toEqual({ name: 'x', kind: 'pods' });
    const ns = err(() => s.create(PODS, { ...pod('y'), metadata: { name: 'y', namespace: 'nope' } }));
    expect([ns.code, ns.message]).toEqual([404, 'namespaces "nope" not found']);
    const noName = err(() => s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'default' } }));
    expect(noName.code).toBe(422);
    expect(noName.message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    const noImage = err(() => s.create(PODS, { ...pod('z'), spec: { containers: [{ name: 'c' }] } }));
    expect(noImage.message).toBe('Pod "z" is invalid: spec.containers[0].image: Required value');
    const badName = err(() => s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', namespace: 'default' } }));
    expect(badName.message).toMatch(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    const grp = err(() => s.get(DEPLOY, 'default', 'x') ?? s.update(DEPLOY, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } }));
    expect(grp.message).toBe('deployments.apps "web" not found');
    expect(grp.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments' });
  });
  it('applies pod defaults (admission) once', () => {
    const s = fresh();
    const p = s.create(PODS, pod('d')) as KObject & { spec: Record<string, unknown>; status: Record<string, unknown> };
    expect(p.status.phase).toBe('Pending');
    expect(p.status.qosClass).toBe('BestEffort');
    expect(p.spec.tolerations).toHaveLength(2);
    expect((p.spec.volumes as Array<{ name: string }>)[0].name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(p.spec.terminationGracePeriodSeconds).toBe(30);
  });
});

describe('store: update', () => {
  it('optimistic concurrency: stale resourceVersion → 409 Conflict', () => {
    const s = fresh();
    const a = s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: { k: '1' } });
    const u = s.update(CM, { ...a, data: { k: '2' } });
    expect(Number(u.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    const c = err(() => s.update(CM, { ...a, data: { k: '3' } }));
    expect([c.code, c.reason, c.message]).toEqual([409, 'Conflict', 'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again']);
    expect(s.get(CM, 'default', 'a')!.metadata.uid).toBe(a.metadata.uid);
  });
  it('bumps generation only when the spec changes', () => {
    const s = fresh();
    const d = s.create(DEPLOY, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } });
    expect(d.metadata.generation).toBe(1);
    const st = s.mutate(DEPLOY, 'default', 'web', (o) => void (o.status = { replicas: 1 }))!;
    expect(st.metadata.generation).toBe(1);
    const sp = s.mutate(DEPLOY, 'default', 'web', (o) => void ((o.spec as { replicas: number }).replicas = 3))!;
    expect(sp.metadata.generation).toBe(2);
  });
});

describe('store: delete', () => {
  it('bound pods are deleted gracefully, unbound pods at once', () => {
    const s = fresh();
    s.create(PODS, pod('bound', { nodeName: 'w1' }));
    s.create(PODS, pod('free'));
    const g = s.delete(PODS, 'default', 'bound');
    expect(g.deleted).toBe(false);
    expect(g.object.metadata.deletionTimestamp).toBeDefined();
    expect(g.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(s.get(PODS, 'default', 'bound')).toBeDefined();
    expect(s.delete(PODS, 'default', 'free').deleted).toBe(true);
    expect(s.get(PODS, 'default', 'free')).toBeUndefined();
    // The kubelet's final grace-0 delete removes it.
    expect(s.delete(PODS, 'default', 'bound', { gracePeriodSeconds: 0 }).deleted).toBe(true);
    expect(s.get(PODS, 'default', 'bound')).toBeUndefined();
  });
  it('finalizers hold an object until the last one is removed', () => {
    const s = fresh();
    s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f', namespace: 'default', finalizers: ['x/y'] } });
    expect(s.delete(CM, 'default', 'f').deleted).toBe(false);
    expect(s.get(CM, 'default', 'f')!.metadata.deletionTimestamp).toBeDefined();
    s.mutate(CM, 'default', 'f', (o) => void (o.metadata.finalizers = []));
    expect(s.get(CM, 'default', 'f')).toBeUndefined();
  });
  it('records propagationPolicy on DELETED events for the garbage collector', () => {
    const s = fresh();
    const seen: string[] = [];
    s.subscribe((e) => e.type === 'DELETED' && seen.push(`${e.object.metadata.name}:${e.propagationPolicy}`));
    s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o', namespace: 'default' } });
    s.delete(CM, 'default', 'o', { propagationPolicy: 'Orphan' });
    expect(seen).toEqual(['o:Orphan']);
  });
  it('deleting a namespace removes its contents; default may not be deleted', async () => {
    const s = fresh();
    s.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } });
    s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'lab' } });
    const r = s.delete(NS, undefined, 'lab');
    expect((r.object as { status?: { phase?: string } }).status?.phase).toBe('Terminating');
    expect(err(() => s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd', namespace: 'lab' } })).code).toBe(403);
    await new Promise((res) => setImmediate(res));
    expect(s.get(NS, undefined, 'lab')).toBeUndefined();
    expect(s.list(CM, 'lab').items).toHaveLength(0);
    expect(err(() => s.delete(NS, undefined, 'default')).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });
});

describe('store: watch history', () => {
  it('replays changes after a resourceVersion and reports expiry once the ring has moved on', () => {
    const s = fresh();
    const start = s.currentResourceVersion();
    s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    s.mutate(CM, 'default', 'a', (o) => void (o.data = { x: '1' }));
    s.remove(CM, 'default', 'a');
    expect(s.eventsSince(start)!.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(s.eventsSince(s.currentResourceVersion())).toEqual([]);
    for (let i = 0; i < 60; i++) s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' } });
    expect(s.eventsSince(start)).toBeUndefined(); // 410 Expired
    expect(s.eventsSince(s.currentResourceVersion() - 10)).toHaveLength(10);
  });
});

describe('store: CRDs', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'bgppeers.crd.projectcalico.org' },
    spec: {
      group: 'crd.projectcalico.org',
      scope: 'Cluster',
      names: { plural: 'bgppeers', singular: 'bgppeer', kind: 'BGPPeer', listKind: 'BGPPeerList' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
    },
  };
  const CR = { group: 'crd.projectcalico.org', version: 'v1', resource: 'bgppeers' };
  it('registers served versions at once, establishes the CRD, and removes CRs on delete', () => {
    const s = fresh();
    const gen = s.registryGeneration();
    const created = s.create(CRD, crd) as KObject & { status: { conditions: Array<{ type: string; status: string }>; acceptedNames: { kind: string } } };
    expect(created.status.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['NamesAccepted=True', 'Established=True']);
    expect(created.status.acceptedNames.kind).toBe('BGPPeer');
    expect(s.registryGeneration()).not.toBe(gen);
    expect(s.info(CR)?.kind).toBe('BGPPeer');
    const cr = s.create(CR, { apiVersion: 'crd.projectcalico.org/v1', kind: 'BGPPeer', metadata: { name: 'peer1' }, spec: { asNumber: 64512 } });
    expect(cr.metadata.generation).toBe(1);
    s.remove(CRD, undefined, 'bgppeers.crd.projectcalico.org');
    expect(s.info(CR)).toBeUndefined();
    expect(err(() => s.get(CR, undefined, 'peer1')).code).toBe(404);
    s.create(CRD, crd);
    expect(s.list(CR, undefined).items).toHaveLength(0); // CRs did not come back
  });
  it('rejects a CRD whose name is not plural.group', () => {
    const s = fresh();
    expect(err(() => s.create(CRD, { ...crd, metadata: { name: 'wrong.example.com' } })).message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "wrong.example.com" is invalid: metadata.name: Invalid value: "wrong.example.com": must be spec.names.plural+"."+spec.group',
    );
  });
});

describe('store: snapshot / restore', () => {
  it('round-trips objects, CRDs and the resourceVersion', () => {
    const s = fresh();
    s.create(CRD, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions: [{ name: 'v1', served: true, storage: true }] },
    });
    s.create({ group: 'example.com', version: 'v1', resource: 'widgets' }, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } });
    s.create(PODS, pod('p'));
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    const t = loadStore(snap);
    expect(t.currentResourceVersion()).toBe(s.currentResourceVersion());
    expect(t.get(PODS, 'default', 'p')!.metadata.uid).toBe(s.get(PODS, 'default', 'p')!.metadata.uid);
    expect(t.get({ group: 'example.com', version: 'v1', resource: 'widgets' }, 'default', 'w')).toBeDefined();
    const next = t.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n', namespace: 'default' } });
    expect(Number(next.metadata.resourceVersion)).toBe(s.currentResourceVersion() + 1);
    expect(t.eventsSince(s.currentResourceVersion() - 1)).toBeUndefined(); // history is not persisted → 410 → relist
  });
});

describe('store: events.k8s.io/v1 is a second view of core/v1 Events', () => {
  const CORE = { group: '', version: 'v1', resource: 'events' };
  const V1 = { group: 'events.k8s.io', version: 'v1', resource: 'events' };
  it('objects written in one shape are read in the other; snapshots hold them once', () => {
    const s = fresh();
    s.create(CORE, { apiVersion: 'v1', kind: 'Event', metadata: { name: 'a.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'a' }, reason: 'Pulled', message: 'ok', source: { component: 'kubelet' }, count: 2, type: 'Normal' });
    const v1 = s.get(V1, 'default', 'a.1') as KObject & Record<string, unknown>;
    expect(v1).toMatchObject({ apiVersion: 'events.k8s.io/v1', regarding: { kind: 'Pod', name: 'a' }, note: 'ok', deprecatedSource: { component: 'kubelet' }, deprecatedCount: 2 });
    s.create(V1, { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'b.1', namespace: 'default' }, regarding: { kind: 'Node', name: 'w' }, reason: 'Scheduled', note: 'hi', reportingController: 'default-scheduler', reportingInstance: 'x', action: 'Binding', type: 'Normal', eventTime: '2026-01-01T00:00:00.000000Z' });
    expect(s.get(CORE, 'default', 'b.1')).toMatchObject({ apiVersion: 'v1', involvedObject: { kind: 'Node', name: 'w' }, message: 'hi', reportingComponent: 'default-scheduler' });
    expect(s.list(V1, 'default', { fieldSelector: 'regarding.kind=Node' }).items.map((e) => e.metadata.name)).toEqual(['b.1']);
    expect(s.list(CORE, 'default', { fieldSelector: 'involvedObject.kind=Pod' }).items.map((e) => e.metadata.name)).toEqual(['a.1']);
    expect(s.snapshot().objects.filter((o) => o.gvr.resource === 'events')).toHaveLength(2);
    expect(s.delete(V1, 'default', 'a.1').object.apiVersion).toBe('events.k8s.io/v1');
    expect(s.get(CORE, 'default', 'a.1')).toBeUndefined();
    expect(s.storageKey(V1)).toBe(s.storageKey(CORE));
  });
});
