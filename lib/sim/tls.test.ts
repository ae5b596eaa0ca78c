import https from 'node:https';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateClusterCerts, kubeconfigFor } from './tls';

describe('cluster certificates', () => {
  it('CA, serving and client certs chain up and carry kubeadm names and SANs', async () => {
    const t0 = Date.now();
    const c = await generateClusterCerts({ clusterName: 'kind' });
    expect(Date.now() - t0).toBeLessThan(2000); // typically ~30 ms; generous for a loaded CI box
    const ca = new X509Certificate(c.caCert);
    const srv = new X509Certificate(c.serverCert);
    const cli = new X509Certificate(c.clientCert);
    expect(ca.subject).toBe('CN=kubernetes');
    expect(ca.ca).toBe(true);
    expect(new Date(ca.validTo).getTime() - Date.now()).toBeGreaterThan(9 * 365 * 86400_000);
    expect(srv.verify(ca.publicKey)).toBe(true);
    expect(cli.verify(ca.publicKey)).toBe(true);
    expect(srv.checkIssued(ca)).toBe(true);
    expect(srv.subjectAltName).toContain('DNS:kind-control-plane');
    expect(srv.subjectAltName).toContain('DNS:kubernetes.default.svc.cluster.local');
    expect(srv.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(srv.checkIP('10.96.0.1')).toBe('10.96.0.1');
    expect(srv.checkHost('localhost')).toBe('localhost');
    expect(cli.subject.split('\n').sort()).toEqual(['CN=kubernetes-admin', 'O=kubeadm:cluster-admins']);
    expect(ca.publicKey.asymmetricKeyType).toBe('ec');
  });

  it("Node's TLS accepts the chain and the client certificate", async () => {
    const c = await generateClusterCerts();
    const server = https.createServer({ key: c.serverKey, cert: c.serverCert, ca: c.caCert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
      res.end(peer.subject?.CN ?? '');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port, ca: c.caCert, cert: c.clientCert, key: c.clientKey, agent: false, servername: 'localhost' }, (res) => {
          let b = '';
          res.on('data', (d) => (b += d));
          res.on('end', () => resolve(b));
        })
        .on('error', reject);
    });
    server.close();
    expect(body).toBe('kubernetes-admin');
  });

  it('writes a kind-style kubeconfig', async () => {
    const c = await generateClusterCerts();
    const kc = kubeconfigFor({ server: 'https://127.0.0.1:6443', certs: c, clusterName: 'kind' });
    expect(kc).toContain('current-context: kind-kind');
    expect(kc).toContain(`certificate-authority-data: ${Buffer.from(c.caCert).toString('base64')}`);
    expect(kc).toContain('server: https://127.0.0.1:6443');
  });
});
