// Robustness: arbitrary methods, paths, headers and bodies never crash the server or hang it.
import https from 'node:https';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../store/store';
import { generateClusterCerts } from '../tls';
import { startApiServer, type ApiServerHandle } from './server';
import { TEST_VERSION } from './testing/harness';
import { seed } from './testing/fixtures';

describe('simulated apiserver under arbitrary input', () => {
  let server: ApiServerHandle;
  let certs: Awaited<ReturnType<typeof generateClusterCerts>>;
  const store = createStore();
  const errors: string[] = [];

  beforeAll(async () => {
    certs = await generateClusterCerts();
    seed(store);
    server = await startApiServer({
      store,
      version: TEST_VERSION,
      tls: { key: certs.serverKey, cert: certs.serverCert, caCert: certs.caCert },
      clientAuth: {},
      log: (l) => l.startsWith('internal error') && errors.push(l),
    });
  });
  afterAll(async () => server?.close());

  const send = (method: string, path: string, ct: string, body: Buffer) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const r = https.request(
        { host: '127.0.0.1', port: server.port, method, path, ca: certs.caCert, cert: certs.clientCert, key: certs.clientKey, agent: false, headers: { 'Content-Type': ct, 'Content-Length': String(body.length) }, timeout: 5000 },
        (res) => {
          let b = '';
          res.on('data', (d) => (b += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
        },
      );
      r.on('timeout', () => r.destroy(new Error('timeout')));
      r.on('error', reject);
      r.end(body);
    });

  const segment = fc.constantFrom('api', 'apis', 'v1', 'apps', 'namespaces', 'default', 'kube-system', 'pods', 'nodes', 'status', 'scale', 'log', 'binding', 'deployments', 'watch', 'x', '%zz', '..', '', 'events', 'configmaps', 'finalize', 'customresourcedefinitions', 'apiextensions.k8s.io');
  const path = fc.array(segment, { minLength: 1, maxLength: 7 }).chain((segs) =>
    fc.constantFrom('', '?watch=true&timeoutSeconds=1', '?labelSelector=a%20in%20(', '?fieldSelector=spec.nodeName%3Dx', '?dryRun=All', '?resourceVersion=abc&watch=1').map((q) => `/${segs.join('/')}${q}`),
  );
  const body = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    fc.json().map((j) => Buffer.from(j)),
    fc.constantFrom('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"f"},"spec":{"containers":[{"name":"c","image":"i"}]}}', '[{"op":"add","path":"/metadata/labels","value":{}}]', '{"metadata":null}', '{"spec":{"containers":[{"$patch":"delete"}]}}').map((s) => Buffer.from(s)),
  );
  const ct = fc.constantFrom('application/json', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/vnd.kubernetes.protobuf', 'text/plain');

  it('always answers with a Status or a valid document, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), path, ct, body, async (m, p, c, b) => {
        const r = await send(m, p, c, m === 'GET' ? Buffer.alloc(0) : b);
        expect(r.status).toBeGreaterThanOrEqual(200);
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(JSON.parse(r.body).kind).toBe('Status');
      }),
      { numRuns: 150 },
    );
    expect(errors).toEqual([]);
    expect((await send('GET', '/api/v1/namespaces', 'application/json', Buffer.alloc(0))).status).toBe(200);
  }, 60_000);
});
