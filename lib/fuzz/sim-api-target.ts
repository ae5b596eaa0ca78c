// Fuzz target: the simulated kube-apiserver (lib/sim/api/server.ts) in-process over HTTPS with the
// client certificate. Properties: never 5xx, answers (or starts streaming) within 2 s, errors are
// metav1.Status JSON with a message, and /version still answers afterwards.
import https from 'node:https';
import fc from 'fast-check';
import { createStore } from '../sim/store/store';
import { generateClusterCerts } from '../sim/tls';
import { startApiServer } from '../sim/api/server';
import { TEST_VERSION } from '../sim/api/testing/harness';
import { seed } from '../sim/api/testing/fixtures';
import type { FuzzTarget } from './target';

export const REQUEST_TIMEOUT_MS = 2000;

export interface ApiCase {
  method: string;
  path: string;
  query: string;
  contentType?: string;
  accept?: string;
  body: string;
}

const RESOURCES = ['pods', 'nodes', 'namespaces', 'services', 'configmaps', 'events', 'deployments', 'replicasets', 'daemonsets', 'leases', 'endpoints', 'endpointslices', 'customresourcedefinitions', 'x'];
const NAMES = ['test-control-plane', 'test-worker', 'coredns-1', 'default', 'kube-system', 'nope', 'f', 'Bad_Name', 'a'.repeat(300), '%2F', '..', '%00', 'x%2Fy', '~1', '%zz'];
const prefix = fc.constantFrom('/api/v1', '/api/v1', '/apis/apps/v1', '/apis/coordination.k8s.io/v1', '/apis/discovery.k8s.io/v1', '/apis/apiextensions.k8s.io/v1', '/apis/x/v1', '/api/v2', '/apis', '/api', '/openapi/v3/api/v1', '/openapi/v2', '/version', '/healthz/x');
const randomPath = fc
  .tuple(prefix, fc.boolean(), fc.option(fc.constantFrom('default', 'kube-system', 'nope', 'Bad%20NS', '%2e%2e'), { nil: undefined }), fc.constantFrom(...RESOURCES), fc.option(fc.constantFrom(...NAMES), { nil: undefined }), fc.option(fc.constantFrom('status', 'scale', 'log', 'binding', 'eviction', 'finalize', 'x'), { nil: undefined }), fc.constantFrom('', '/', '//'))
  .map(([p, watch, ns, res, name, sub, trail]) => `${p}${watch ? '/watch' : ''}${ns ? `/namespaces/${ns}` : ''}/${res}${name ? `/${name}` : ''}${name && sub ? `/${sub}` : ''}${trail}`);
// Routes that exist in the seeded store (fixtures.ts), so most requests reach the handlers.
const ROUTES: Array<[string, string[], string[]]> = [
  ['/api/v1/nodes', ['test-control-plane', 'test-worker', 'nope'], ['status']],
  ['/api/v1/namespaces/kube-system/pods', ['coredns-7db6d8ff4d-abcde', 'fuzz', 'f'], ['status', 'log', 'binding', 'eviction']],
  ['/api/v1/namespaces/default/pods', ['fuzz', 'f', 'ok-1'], ['status', 'log', 'binding']],
  ['/api/v1/pods', [], []],
  ['/api/v1/namespaces', ['default', 'kube-system', 'fuzz', 'f'], ['status', 'finalize']],
  ['/api/v1/namespaces/default/configmaps', ['f', 'fuzz'], []],
  ['/api/v1/namespaces/default/services', ['f', 'kubernetes'], ['status']],
  ['/api/v1/namespaces/default/events', ['f'], []],
  ['/apis/apps/v1/namespaces/default/deployments', ['f', 'fuzz'], ['scale', 'status']],
  ['/apis/apps/v1/namespaces/kube-system/deployments', ['coredns'], ['scale', 'status']],
  ['/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', ['test-worker', 'test-control-plane'], []],
];
const knownPath = fc
  .tuple(fc.constantFrom(...ROUTES), fc.nat(), fc.nat(), fc.constantFrom(0, 0, 0, 1))
  .map(([[base, names, subs], i, j, watch]) => {
    const b = watch ? base.replace(/^(\/apis?\/(?:[^/]+\/)?v1)/, '$1/watch') : base;
    if (!names.length || i % 4 === 0) return b;
    const name = names[i % names.length];
    return subs.length && j % 3 === 0 ? `${b}/${name}/${subs[j % subs.length]}` : `${b}/${name}`;
  });
const pathArb = fc.oneof({ weight: 4, arbitrary: knownPath }, { weight: 1, arbitrary: randomPath });

const selector = fc.oneof(
  fc.constantFrom('app=x', 'app!=x', 'app in (a,b)', 'app notin (a)', '!app', 'app', 'a=b,c=d', 'a in (', 'a==b', '=', ',', 'a in (a,,b)', 'a b', 'metadata.name=x', 'spec.nodeName=test-worker', 'status.phase!=Running', 'x.y=z', 'a'.repeat(400), 'k8s.io/x=y', 'a=b=c', '\u0000', 'a in ((b))', 'a<1', 'a>1'),
  fc.string({ maxLength: 30 }),
);
const queryArb = fc
  .record(
    {
      labelSelector: selector,
      fieldSelector: selector,
      resourceVersion: fc.constantFrom('0', '1', '', 'abc', '-1', '99999999999999999999', '1e3', '00', ' 1', '9007199254740993'),
      resourceVersionMatch: fc.constantFrom('NotOlderThan', 'Exact', 'x'),
      watch: fc.constantFrom('true', '1', 'false', '0', 'yes', ''),
      timeoutSeconds: fc.constantFrom('0', '1', '-1', 'x', '99999999999', '1.5'),
      allowWatchBookmarks: fc.constantFrom('true', 'x'),
      sendInitialEvents: fc.constantFrom('true', 'false', 'x'),
      limit: fc.constantFrom('1', '0', '-5', 'x', '500'),
      continue: fc.constantFrom('x', 'eyJ2IjoxfQ', '%%'),
      dryRun: fc.constantFrom('All', 'x', ''),
      fieldManager: fc.constantFrom('kubectl', '', 'a'.repeat(200), '\u0001'),
      fieldValidation: fc.constantFrom('Strict', 'Warn', 'Ignore', 'x'),
      tailLines: fc.constantFrom('1', '-1', 'x', '99999999999999'),
      follow: fc.constantFrom('true', 'false', 'x'),
      previous: fc.constantFrom('true', 'x'),
      container: fc.constantFrom('c', 'x', ''),
      propagationPolicy: fc.constantFrom('Foreground', 'Background', 'Orphan', 'x'),
      gracePeriodSeconds: fc.constantFrom('0', '-1', 'x'),
      includeObject: fc.constantFrom('Object', 'None', 'x'),
      force: fc.constantFrom('true', 'x'),
    },
    { requiredKeys: [] },
  )
  .map((q) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) u.append(k, v);
    // Follow/watch without a timeout would stream forever; keep them short so a stream is judged by its headers.
    if ((q.watch === 'true' || q.watch === '1' || q.follow === 'true') && !u.has('timeoutSeconds')) u.set('timeoutSeconds', '1');
    return u.toString();
  });

const metaName = fc.constantFrom('f', 'fuzz', 'Bad_Name', '', 'a'.repeat(300), '..', 'x/y', '-x', 'ok-1');
const kobj = fc.record(
  {
    apiVersion: fc.constantFrom('v1', 'v1', 'v1', 'apps/v1', 'x', ''),
    kind: fc.constantFrom('Pod', 'Pod', 'Pod', 'Deployment', 'Node', 'Namespace', 'ConfigMap', 'Service', 'Status', ''),
    metadata: fc.oneof(
      fc.record({ name: metaName, namespace: fc.constantFrom('default', 'nope', 'kube-system', ''), labels: fc.dictionary(fc.constantFrom('app', 'a/b', '', 'x'.repeat(70), 'k8s.io/'), fc.constantFrom('x', '', 'y'.repeat(70), '!'), { maxKeys: 3 }), resourceVersion: fc.constantFrom('1', 'x', ''), generateName: fc.constantFrom('g-', ''), uid: fc.constantFrom('u', ''), finalizers: fc.array(fc.constantFrom('a/b', 'kubernetes', ''), { maxLength: 2 }), ownerReferences: fc.constantFrom([], [{}], [{ kind: 'X', name: 'y', uid: 'z', apiVersion: 'v1' }]) }, { requiredKeys: [] }),
      fc.constantFrom(null, 'x', [], 1),
    ),
    spec: fc.oneof(
      fc.record({ containers: fc.oneof(fc.array(fc.record({ name: fc.constantFrom('c', ''), image: fc.constantFrom('nginx', ''), ports: fc.constantFrom([], [{ containerPort: 80 }], [{ containerPort: -1 }], 'x') }, { requiredKeys: [] }), { maxLength: 2 }), fc.constantFrom(null, 'x', {})), replicas: fc.constantFrom(1, -1, 1e9, '3', null, 1.5), selector: fc.constantFrom({ matchLabels: { app: 'x' } }, {}, null, 'x', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), nodeName: fc.constantFrom('test-worker', 'nope', ''), taints: fc.constantFrom([{ key: 'a', effect: 'NoSchedule' }], [{}], 'x') }, { requiredKeys: [] }),
      fc.constantFrom(null, 'x', []),
    ),
    status: fc.constantFrom(undefined, { phase: 'Running' }, null, 'x', { conditions: 'x' }),
  },
  { requiredKeys: [] },
);
const jsonPatch = fc.array(
  fc.record({
    op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'x', ''),
    path: fc.constantFrom('', '/', '/metadata/labels/a', '/metadata/labels/a~1b', '/spec/containers/-', '/spec/containers/0', '/spec/containers/99', '/spec/replicas', '/a/b/c', '/metadata', '~', '/metadata/labels/~2', '/status', '/spec/containers/-1', '/spec/containers/01'),
    from: fc.constantFrom(undefined, '/metadata/labels', '/spec', '', '/x'),
    value: fc.constantFrom(undefined, null, 1, 'x', {}, [], { a: 'b' }),
  }, { requiredKeys: ['op', 'path'] }),
  { maxLength: 4 },
);
const smp = fc.constantFrom(
  { spec: { containers: [{ $patch: 'delete' }] } },
  { spec: { containers: [{ name: 'c', $patch: 'replace' }] } },
  { $patch: 'delete' },
  { $patch: 'x' },
  { metadata: { labels: { $patch: 'replace' } } },
  { spec: { $retainKeys: ['x'], containers: null } },
  { spec: { $setElementOrder$containers: [{ name: 'c' }] } },
  { metadata: { $deleteFromPrimitiveList$finalizers: ['a'] } },
  { metadata: { labels: null } },
  { spec: { containers: { name: 'c' } } },
);
/** Deep nesting: capped at 1,000 for the quick tests (deeper is a known bug, see api.fuzz.test.ts); the bench sets FUZZ_DEEP to go deeper. */
const MAX_DEPTH = Number(process.env.FUZZ_DEEP ?? 1000);
const deep = fc.tuple(fc.integer({ min: 100, max: MAX_DEPTH }), fc.constantFrom('{"a":', '[', '{"spec":')).map(([d, open]) => {
  const close = open === '[' ? ']' : '}';
  return `${open.repeat(d)}1${close.repeat(d)}`;
});
const body = fc.oneof(
  { weight: 4, arbitrary: kobj.map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: jsonPatch.map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: smp.map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.jsonValue().map((j) => JSON.stringify(j)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('apiVersion: v1\nkind: Pod\nmetadata: {name: f}\n', 'a: &a [*a]\n', 'x: &x [1,1,1,1,1,1,1,1,1]\ny: &y [*x,*x,*x,*x,*x,*x,*x,*x,*x]\nz: &z [*y,*y,*y,*y,*y,*y,*y,*y,*y]\nw: [*z,*z,*z,*z,*z,*z,*z,*z,*z]\n', '{"__proto__": {"polluted": 1}, "metadata": {"name": "p"}}', '{"constructor": {"prototype": {"polluted": 1}}}', '', 'null', '""', '\uFEFF{}') },
);
const ctype = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'text/plain', 'application/json; charset=utf-16', '', ';;', 'multipart/form-data; boundary=x');
const accept = fc.constantFrom(undefined, 'application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 'application/vnd.kubernetes.protobuf', 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', '*/*', 'text/html', 'x');

const randomCase: fc.Arbitrary<ApiCase> = fc.record({
  method: fc.constantFrom('GET', 'GET', 'POST', 'PUT', 'PATCH', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'),
  path: pathArb,
  query: fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: queryArb }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => encodeURI(s).replace(/#/g, '%23')) }),
  contentType: ctype,
  accept,
  body,
}, { requiredKeys: ['method', 'path', 'query', 'body'] });

// Patches whose content type matches the document, aimed at objects that exist, so the patch code runs.
const EXISTING = ['/api/v1/nodes/test-worker', '/api/v1/nodes/test-control-plane/status', '/api/v1/namespaces/kube-system/pods/coredns-7db6d8ff4d-abcde', '/api/v1/namespaces/kube-system/pods/coredns-7db6d8ff4d-abcde/status', '/api/v1/namespaces/default', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/test-worker'];
const matchedPatch: fc.Arbitrary<ApiCase> = fc
  .tuple(
    fc.constantFrom(...EXISTING),
    fc.oneof(
      jsonPatch.map((b) => ['application/json-patch+json', JSON.stringify(b)] as const),
      fc.oneof(smp, kobj).map((b) => ['application/strategic-merge-patch+json', JSON.stringify(b)] as const),
      fc.oneof(smp, kobj).map((b) => ['application/merge-patch+json', JSON.stringify(b)] as const),
      deep.map((b) => ['application/merge-patch+json', b] as const),
      deep.map((b) => ['application/strategic-merge-patch+json', b] as const),
      kobj.map((b) => ['application/apply-patch+yaml', JSON.stringify(b)] as const),
      fc.constantFrom('a: &a [*a]\n', 'x: &x [1,1,1,1,1,1,1,1,1]\ny: &y [*x,*x,*x,*x,*x,*x,*x,*x,*x]\nz: [*y,*y,*y,*y,*y,*y,*y,*y,*y]\n', 'metadata:\n  labels:\n    a: b\n', 'metadata: {labels: {<<: {a: b}}}\n').map((b) => ['application/apply-patch+yaml', b] as const),
    ),
    fc.constantFrom('', 'fieldManager=fuzz', 'fieldManager=fuzz&force=true', 'dryRun=All', 'fieldValidation=Strict&fieldManager=f'),
  )
  .map(([path, [contentType, b], query]) => ({ method: 'PATCH', path, query, contentType, body: b }));

export const apiCases: fc.Arbitrary<ApiCase> = fc.oneof({ weight: 3, arbitrary: randomCase }, { weight: 2, arbitrary: matchedPatch });

interface Reply { status: number; contentType: string; body: string; streaming: boolean }

export async function startSimApiTarget(): Promise<{ target: FuzzTarget<ApiCase>; close: () => Promise<void>; internalErrors: string[]; statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  const certs = await generateClusterCerts();
  const store = createStore();
  seed(store);
  const internalErrors: string[] = [];
  const server = await startApiServer({
    store,
    version: TEST_VERSION,
    tls: { key: certs.serverKey, cert: certs.serverCert, caCert: certs.caCert },
    clientAuth: {},
    log: (l) => void (l.startsWith('internal error') && internalErrors.push(l.slice(0, 300))),
  });
  const agent = new https.Agent({ keepAlive: true, maxSockets: 4, ca: certs.caCert, cert: certs.clientCert, key: certs.clientKey });

  const send = (c: ApiCase): Promise<Reply | { hang: true }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      if (c.contentType !== undefined) headers['Content-Type'] = c.contentType;
      if (c.accept !== undefined) headers.Accept = c.accept;
      const withBody = !['GET', 'HEAD'].includes(c.method);
      if (withBody) headers['Content-Length'] = String(Buffer.byteLength(c.body));
      const path = `${c.path}${c.query ? `?${c.query}` : ''}`;
      let done = false;
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        req.destroy();
        resolve({ hang: true });
      }, REQUEST_TIMEOUT_MS);
      const req = https.request({ host: '127.0.0.1', port: server.port, method: c.method, path, agent, headers }, (res) => {
        const ct = String(res.headers['content-type'] ?? '');
        // Watches and `logs -f` are long-lived by design: a 200 with streaming headers is an answer.
        const streaming = res.statusCode === 200 && ((res.headers['content-length'] === undefined && /[?&](watch=(true|1)|follow=true)/.test(path)) || /\/watch\//.test(c.path));
        let b = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          if (b.length < 1 << 20) b += d;
        });
        const finish = () => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, contentType: ct, body: b, streaming });
        };
        if (streaming) {
          finish();
          res.destroy();
          return;
        }
        res.on('end', finish);
        res.on('error', (e) => !done && ((done = true), clearTimeout(timer), reject(e)));
      });
      req.on('error', (e) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        reject(e);
      });
      req.end(withBody ? c.body : undefined);
    });

  const versionOk = async () => {
    const r = await send({ method: 'GET', path: '/version', query: '', body: '' });
    return 'status' in r && r.status === 200 && JSON.parse(r.body).gitVersion === TEST_VERSION.gitVersion;
  };

  const target: FuzzTarget<ApiCase> = {
    name: 'sim.api',
    arbitrary: apiCases,
    async check(c) {
      let r: Reply | { hang: true };
      try {
        r = await send(c);
      } catch (err) {
        return `connection error: ${(err as Error).message}`;
      }
      if ('hang' in r) return `no answer within ${REQUEST_TIMEOUT_MS} ms`;
      const key = `${c.method} ${r.streaming ? 'stream' : r.status}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (internalErrors.length) return `server logged: ${internalErrors.splice(0).join(' | ')}`;
      if (r.status >= 500) return `status ${r.status}: ${r.body.slice(0, 200)}`;
      if (r.status >= 400 && c.method !== 'HEAD') {
        let st: { kind?: string; status?: string; message?: string; code?: number };
        try {
          st = JSON.parse(r.body);
        } catch {
          return `status ${r.status} with a non-JSON body ${JSON.stringify(r.body.slice(0, 80))}`;
        }
        if (st.kind !== 'Status' || st.status !== 'Failure' || typeof st.message !== 'string' || !st.message || st.code !== r.status) return `status ${r.status} body is not a metav1.Status with a message: ${r.body.slice(0, 160)}`;
      }
      if ((({}) as Record<string, unknown>).polluted !== undefined) return 'Object.prototype was polluted';
      if (!(await versionOk())) return '/version stopped answering';
      return null;
    },
    show: (c) => JSON.stringify({ ...c, body: c.body.length > 300 ? `${c.body.slice(0, 300)}… (${c.body.length} chars)` : c.body }),
  };
  return {
    target,
    internalErrors,
    statuses,
    close: async () => {
      agent.destroy();
      await server.close();
    },
  };
}
