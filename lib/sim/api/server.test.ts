// HTTP-level behaviour of the simulated apiserver: auth, content negotiation, subresources, bad input.
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../store/types';
import { createStore } from '../store/store';
import { generateClusterCerts } from '../tls';
import { startApiServer, type ApiServerHandle } from './server';
import { TEST_VERSION } from './testing/harness';
import { GVR, seed } from './testing/fixtures';

type Res = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

describe('simulated apiserver over HTTPS', () => {
  let server: ApiServerHandle;
  let certs: Awaited<ReturnType<typeof generateClusterCerts>>;
  const store = createStore();
  const T = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

  function req(method: string, path: string, opts: { body?: string | Buffer; headers?: Record<string, string>; noCert?: boolean } = {}): Promise<Res> {
    return new Promise((resolve, reject) => {
      const r = https.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method,
          path,
          ca: certs.caCert,
          ...(opts.noCert ? {} : { cert: certs.clientCert, key: certs.clientKey }),
          headers: { 'Content-Type': 'application/json', ...(opts.headers ?? {}) },
          agent: false,
        },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(opts.body);
    });
  }
  const json = (r: Res) => JSON.parse(r.body);

  beforeAll(async () => {
    certs = await generateClusterCerts();
    seed(store);
    server = await startApiServer({
      store,
      version: TEST_VERSION,
      tls: { key: certs.serverKey, cert: certs.serverCert, caCert: certs.caCert },
      clientAuth: { bearerToken: 'sekret-token' },
      bookmarkIntervalMs: 200,
      hooks: { podLogs: (ns, pod, c) => (pod === 'nolog' ? new ApiError(400, 'BadRequest', `container "${c}" in pod "${pod}" is waiting to start: ContainerCreating`) : `log of ${ns}/${pod}/${c}\n`) },
    });
  });
  afterAll(async () => server?.close());

  it('authenticates client certificates or the bearer token; /version and /healthz are public', async () => {
    const anon = await req('GET', '/api/v1/pods', { noCert: true });
    expect(anon.status).toBe(401);
    expect(json(anon)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    expect((await req('GET', '/api/v1/pods', { noCert: true, headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await req('GET', '/api/v1/pods', { noCert: true, headers: { Authorization: 'Bearer sekret-token' } })).status).toBe(200);
    expect(json(await req('GET', '/version', { noCert: true })).gitVersion).toBe('v1.31.0');
    const hz = await req('GET', '/healthz', { noCert: true });
    expect([hz.status, hz.body]).toEqual([200, 'ok']);
    const withCert = await req('GET', '/api/v1/pods');
    expect(withCert.status).toBe(200);
    expect(withCert.headers['audit-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(withCert.headers['cache-control']).toBe('no-cache, private');
  });

  it('answers discovery in the format the Accept header asks for, with exact media-type parameters', async () => {
    const v2 = await req('GET', '/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' } });
    expect(v2.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = json(v2).items.find((i: { metadata: { name: string } }) => i.metadata.name === 'apps');
    const deploy = apps.versions[0].resources.find((r: { resource: string }) => r.resource === 'deployments');
    expect(deploy).toMatchObject({ scope: 'Namespaced', shortNames: ['deploy'], categories: ['all'], singularResource: 'deployment' });
    expect(deploy.subresources.map((s: { subresource: string }) => s.subresource)).toEqual(['scale', 'status']);
    const beta = await req('GET', '/api', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' } });
    expect(beta.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
    expect(json(beta).items[0].metadata).toEqual({ creationTimestamp: null });
    const legacy = await req('GET', '/apis', { headers: { Accept: 'application/json' } });
    expect(legacy.headers['content-type']).toBe('application/json');
    expect(json(legacy).kind).toBe('APIGroupList');
    const v1 = json(await req('GET', '/api/v1'));
    expect(v1.resources.find((r: { name: string }) => r.name === 'deployments/scale')).toBeUndefined();
    expect(v1.resources.find((r: { name: string }) => r.name === 'pods/eviction')).toMatchObject({ group: 'policy', version: 'v1', kind: 'Eviction' });
  });

  it('serves the 30-byte OpenAPI v2 protobuf and a v3 index whose hash changes with CRDs', async () => {
    const v2 = await new Promise<{ ct: string; bytes: Buffer }>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port: server.port, path: '/openapi/v2', ca: certs.caCert, cert: certs.clientCert, key: certs.clientKey, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ ct: String(res.headers['content-type']), bytes: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
    expect(v2.ct).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect(v2.bytes.toString('hex')).toBe('0a03322e3012150a0a4b756265726e65746573120776312e33312e304200');
    const before = json(await req('GET', '/openapi/v3')).paths;
    expect(before['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    const doc = json(await req('GET', before['apis/apps/v1'].serverRelativeURL));
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
    expect(patch.requestBody).toBeUndefined();
    store.create({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' }, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'gadgets', kind: 'Gadget' }, versions: [{ name: 'v1', served: true, storage: true }] },
    });
    const after = json(await req('GET', '/openapi/v3')).paths;
    expect(after['apis/example.com/v1']).toBeDefined();
    expect(after['api/v1'].serverRelativeURL).toBe(before['api/v1'].serverRelativeURL);
  });

  it('returns Tables when asked, JSON for protobuf Accepts, and lists with the current resourceVersion', async () => {
    const t = await req('GET', '/api/v1/nodes?limit=500', { headers: { Accept: T } });
    expect(t.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    const table = json(t);
    expect(table.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Status:0', 'Roles:0', 'Age:0', 'Version:0', 'Internal-IP:1', 'External-IP:1', 'OS-Image:1', 'Kernel-Version:1', 'Container-Runtime:1',
    ]);
    expect(table.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'test-control-plane' } });
    expect(table.metadata.resourceVersion).toBe(String(store.currentResourceVersion()));
    const emptyTable = json(await req('GET', '/api/v1/namespaces/default/pods', { headers: { Accept: T } }));
    expect(emptyTable.rows).toEqual([]);
    expect(emptyTable.columnDefinitions).toHaveLength(9);
    const pb = await req('GET', '/api/v1/namespaces/kube-system/pods', { headers: { Accept: 'application/vnd.kubernetes.protobuf,application/json' } });
    expect(pb.status).toBe(200);
    expect(json(pb).kind).toBe('PodList');
  });

  it('watch: Table events carry columnDefinitions only first; timeoutSeconds ends the stream', async () => {
    const rv = store.currentResourceVersion();
    const p = req('GET', `/api/v1/nodes?watch=true&resourceVersion=${rv}&timeoutSeconds=1`, { headers: { Accept: T } });
    setTimeout(() => {
      store.mutate(GVR.NODES, undefined, 'test-worker', (n) => void (n.metadata.labels!.a = '1'));
      store.mutate(GVR.NODES, undefined, 'test-worker', (n) => void (n.metadata.labels!.a = '2'));
    }, 100);
    const r = await p;
    expect(r.headers['transfer-encoding']).toBe('chunked');
    const events = r.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'MODIFIED']);
    expect(events[0].object.columnDefinitions).toHaveLength(10);
    expect(events[1].object.columnDefinitions).toBeNull();
    expect(events[1].object.rows[0].cells[0]).toBe('test-worker');
  });

  it('watch: objects that stop matching a selector arrive as DELETED; expired RVs as an ERROR event', async () => {
    const rv = store.currentResourceVersion();
    const p = req('GET', `/api/v1/nodes?watch=1&resourceVersion=${rv}&labelSelector=a%3D2&timeoutSeconds=1`);
    setTimeout(() => store.mutate(GVR.NODES, undefined, 'test-worker', (n) => void (n.metadata.labels!.a = '3')), 100);
    const events = (await p).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.type} ${e.object.metadata.labels.a}`)).toEqual(['DELETED 3']);
    const old = store.currentResourceVersion();
    // Push the old resourceVersion out of the 10,000-event history ring.
    store.create({ group: '', version: 'v1', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'churn', namespace: 'default' } });
    for (let i = 0; i < 10_001; i++) store.mutate({ group: '', version: 'v1', resource: 'configmaps' }, 'default', 'churn', (c) => void (c.data = { i: String(i) }));
    const expired = await req('GET', `/api/v1/nodes?watch=true&resourceVersion=${old}`);
    expect(JSON.parse(expired.body.trim())).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('watch: periodic BOOKMARKs carry the current resourceVersion when allowed', async () => {
    const r = await req('GET', `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${store.currentResourceVersion()}&allowWatchBookmarks=true&timeoutSeconds=1`);
    const events = r.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (const e of events) expect(e).toEqual({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(store.currentResourceVersion()), creationTimestamp: null } } });
    const none = await req('GET', `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${store.currentResourceVersion()}&timeoutSeconds=1`);
    expect(none.body).toBe('');
  });

  it('namespace finalize subresource and Terminating phase', async () => {
    await req('POST', '/api/v1/namespaces', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fin' } }) });
    const ns = json(await req('GET', '/api/v1/namespaces/fin'));
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    const fin = json(await req('PUT', '/api/v1/namespaces/fin/finalize', { body: JSON.stringify({ ...ns, spec: { finalizers: [] } }) }));
    expect(fin.spec).toEqual({ finalizers: [] });
    const del = json(await req('DELETE', '/api/v1/namespaces/fin'));
    expect(del.status.phase).toBe('Terminating');
    await new Promise((r) => setTimeout(r, 20));
    expect((await req('GET', '/api/v1/namespaces/fin')).status).toBe(404);
  });

  it('serves core Events through events.k8s.io/v1 too (list, Table and watch)', async () => {
    const rv = store.currentResourceVersion();
    const w = req('GET', `/apis/events.k8s.io/v1/namespaces/default/events?watch=true&resourceVersion=${rv}&timeoutSeconds=1`);
    await new Promise((r) => setTimeout(r, 100));
    store.create({ group: '', version: 'v1', resource: 'events' }, {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'x.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' },
      reason: 'Created', message: 'Created container: c', source: { component: 'kubelet', host: 'test-worker' }, count: 1, type: 'Normal', firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z',
    });
    const events = (await w).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { apiVersion: 'events.k8s.io/v1', regarding: { name: 'x' }, note: 'Created container: c' } });
    const list = json(await req('GET', '/apis/events.k8s.io/v1/namespaces/default/events'));
    expect(list.kind).toBe('EventList');
    expect(list.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'x.1').deprecatedSource).toEqual({ component: 'kubelet', host: 'test-worker' });
    const t = json(await req('GET', '/apis/events.k8s.io/v1/namespaces/default/events/x.1', { headers: { Accept: T } }));
    expect(t.rows[0].cells.slice(1, 7)).toEqual(['Normal', 'Created', 'pod/x', '', 'kubelet, test-worker', 'Created container: c']);
  });

  it('status and scale subresources, binding and logs', async () => {
    const dep = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'w', image: 'nginx' }] } } },
      status: { replicas: 7 },
    };
    const created = json(await req('POST', '/apis/apps/v1/namespaces/default/deployments', { body: JSON.stringify(dep) }));
    const put = json(await req('PUT', '/apis/apps/v1/namespaces/default/deployments/web', { body: JSON.stringify({ ...created, status: { replicas: 9 } }) }));
    expect(put.status).toEqual(created.status); // main resource ignores status
    const st = json(await req('PUT', '/apis/apps/v1/namespaces/default/deployments/web/status', { body: JSON.stringify({ ...put, spec: { ...put.spec, replicas: 5 }, status: { replicas: 1 } }) }));
    expect([st.status.replicas, st.spec.replicas]).toEqual([1, 1]);
    const scale = await req('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { body: '{"spec":{"replicas":4}}', headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(json(scale)).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 4 }, status: { selector: 'app=web' } });

    await req('POST', '/api/v1/namespaces/default/pods', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: { containers: [{ name: 'c', image: 'x' }] } }) });
    const bind = await req('POST', '/api/v1/namespaces/default/pods/b/binding', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b' }, target: { kind: 'Node', name: 'test-worker' } }) });
    expect(bind.status).toBe(201);
    expect((store.get(GVR.PODS, 'default', 'b')!.spec as { nodeName: string }).nodeName).toBe('test-worker');
    const again = await req('POST', '/api/v1/namespaces/default/pods/b/binding', { body: JSON.stringify({ target: { kind: 'Node', name: 'x' } }) });
    expect([again.status, json(again).message]).toEqual([409, 'Operation cannot be fulfilled on pods "b": pod b is already assigned to node "test-worker"']);
    const log = await req('GET', '/api/v1/namespaces/default/pods/b/log');
    expect([log.status, log.headers['content-type'], log.body]).toEqual([200, 'text/plain; charset=utf-8', 'log of default/b/c\n']);
    const badContainer = await req('GET', '/api/v1/namespaces/default/pods/b/log?container=zz');
    expect(json(badContainer).message).toBe('container zz is not valid for pod b');
  });

  it('dryRun=All validates without persisting; deletecollection by label', async () => {
    const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { grp: 'x' } } });
    const rv = store.currentResourceVersion();
    const dry = await req('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: cm('dry') });
    expect(dry.status).toBe(201);
    expect(store.get({ group: '', version: 'v1', resource: 'configmaps' }, 'default', 'dry')).toBeUndefined();
    expect(store.currentResourceVersion()).toBe(rv);
    await req('POST', '/api/v1/namespaces/default/configmaps', { body: cm('c1') });
    await req('POST', '/api/v1/namespaces/default/configmaps', { body: cm('c2') });
    const dc = json(await req('DELETE', '/api/v1/namespaces/default/configmaps?labelSelector=grp%3Dx'));
    expect(dc.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['c1', 'c2']);
    const gone = await req('DELETE', '/api/v1/namespaces/default/configmaps/c1');
    expect(json(gone)).toMatchObject({ code: 404, message: 'configmaps "c1" not found', details: { name: 'c1', kind: 'configmaps' } });
  });

  it('rejects bad input with clear Status errors and keeps serving', async () => {
    const malformed = await req('POST', '/api/v1/namespaces/default/configmaps', { body: '{"metadata": {' });
    expect(malformed.status).toBe(400);
    expect(json(malformed).message).toMatch(/^couldn't get version\/kind; json parse error: /);
    const arr = await req('POST', '/api/v1/namespaces/default/configmaps', { body: '[1,2]' });
    expect(arr.status).toBe(400);
    const big = await req('POST', '/api/v1/namespaces/default/configmaps', { body: Buffer.alloc(3 * 1024 * 1024 + 10, 0x20) });
    expect([big.status, json(big).reason, json(big).message]).toEqual([413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728']);
    const unknown = await req('GET', '/apis/nope.example.com/v1/things');
    expect(json(unknown)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
    expect((await req('GET', '/totally/unknown')).status).toBe(404);
    const pt = await req('PATCH', '/api/v1/namespaces/kube-system/pods/coredns-7db6d8ff4d-abcde', { body: '{}', headers: { 'Content-Type': 'text/plain' } });
    expect([pt.status, json(pt).reason]).toEqual([415, 'UnsupportedMediaType']);
    const smpCr = await req('PATCH', '/apis/example.com/v1/namespaces/default/gadgets/g', { body: '{}', headers: { 'Content-Type': 'application/strategic-merge-patch+json' } });
    expect(json(smpCr).message).toBe('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
    const badYaml = await req('PATCH', '/api/v1/namespaces/default/configmaps/y?fieldManager=t', { body: 'a: [1,\n', headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    expect([badYaml.status, json(badYaml).message]).toEqual([400, expect.stringMatching(/^error converting YAML to JSON: /)]);
    const badSel = await req('GET', '/api/v1/pods?fieldSelector=spec.foo%3Dbar');
    expect([badSel.status, json(badSel).message]).toEqual([400, 'field label not supported: spec.foo']);
    const badRv = await req('GET', '/api/v1/pods?watch=true&resourceVersion=abc');
    expect(badRv.status).toBe(400);
    const wrongKind = await req('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }) });
    expect(wrongKind.status).toBe(400);
    const binary = await req('PATCH', '/api/v1/namespaces/kube-system/pods/coredns-7db6d8ff4d-abcde', { body: Buffer.from([0xff, 0xfe, 0x00, 0x01]), headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(binary.status).toBe(400);
    const ssaCreate = await req('PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=kubectl', { body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: v\n', headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    expect(ssaCreate.status).toBe(201);
    expect(json(ssaCreate).metadata.managedFields[0]).toMatchObject({ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:data': { 'f:k': {} } } });
    // Still alive.
    expect((await req('GET', '/api/v1/namespaces')).status).toBe(200);
  });
});
