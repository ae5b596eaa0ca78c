// Certificates for the simulated cluster's API server, shaped like kubeadm's (kind uses kubeadm):
// a CA named "kubernetes", a serving cert with the apiserver SANs, and an admin client cert.
// ECDSA P-256 keeps generation fast (a few ms) compared with RSA.
import './reflect-metadata';
import { webcrypto, randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const crypto = webcrypto as unknown as Crypto;
const ALG: EcKeyGenParams & EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface ClusterCerts {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export interface CertOptions {
  /** kind cluster name; adds `<name>-control-plane` to the serving cert. */
  clusterName?: string;
  now?: Date;
}

function serial(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f; // positive INTEGER
  if (b[0] === 0) b[0] = 1;
  return b.toString('hex');
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyPem(k: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', k);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

const YEAR = 365 * 24 * 3600 * 1000;

/** Generates CA + serving + client certificates (PEM). */
export async function generateClusterCerts(opts: CertOptions = {}): Promise<ClusterCerts> {
  const now = opts.now ?? new Date();
  // Backdate slightly so small clock skews between processes do not matter.
  const notBefore = new Date(now.getTime() - 5 * 60 * 1000);
  const caKeys = await keyPair();
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(),
      name: 'CN=kubernetes',
      notBefore,
      notAfter: new Date(now.getTime() + 10 * YEAR),
      signingAlgorithm: ALG,
      keys: caKeys,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );

  const leaf = async (subject: string, usage: string, san?: x509.JsonGeneralName[]) => {
    const keys = await keyPair();
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([usage], false),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
    ];
    if (san) extensions.push(new x509.SubjectAlternativeNameExtension(san, false));
    const cert = await x509.X509CertificateGenerator.create(
      {
        serialNumber: serial(),
        subject,
        issuer: ca.subject,
        notBefore,
        notAfter: new Date(now.getTime() + YEAR),
        signingAlgorithm: ALG,
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        extensions,
      },
      crypto,
    );
    return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
  };

  const dns = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'];
  if (opts.clusterName) dns.unshift(`${opts.clusterName}-control-plane`);
  const san: x509.JsonGeneralName[] = [
    ...dns.map((value) => ({ type: 'dns' as const, value })),
    { type: 'ip', value: '10.96.0.1' },
    { type: 'ip', value: '127.0.0.1' },
  ];
  const server = await leaf('CN=kube-apiserver', x509.ExtendedKeyUsage.serverAuth, san);
  const client = await leaf('CN=kubernetes-admin, O=kubeadm:cluster-admins', x509.ExtendedKeyUsage.clientAuth);
  return {
    caCert: ca.toString('pem'),
    caKey: await keyPem(caKeys.privateKey),
    serverCert: server.cert,
    serverKey: server.key,
    clientCert: client.cert,
    clientKey: client.key,
  };
}

/** kind-style kubeconfig (YAML) pointing at the simulated API server with the admin client cert. */
export function kubeconfigFor(opts: { server: string; certs: Pick<ClusterCerts, 'caCert' | 'clientCert' | 'clientKey'>; clusterName?: string }): string {
  const name = `kind-${opts.clusterName ?? 'kind'}`;
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(opts.certs.caCert)}`,
    `    server: ${opts.server}`,
    `  name: ${name}`,
    'contexts:',
    '- context:',
    `    cluster: ${name}`,
    `    user: ${name}`,
    `  name: ${name}`,
    `current-context: ${name}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${name}`,
    '  user:',
    `    client-certificate-data: ${b64(opts.certs.clientCert)}`,
    `    client-key-data: ${b64(opts.certs.clientKey)}`,
    '',
  ].join('\n');
}
