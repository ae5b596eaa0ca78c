// The lab-private kubeconfig holding every simulated cluster, laid out as kind writes its entries
// into ~/.kube/config (which the lab never touches).
import type { ClusterCerts } from './tls';

export interface KubeconfigEntry {
  name: string;
  server: string;
  certs: Pick<ClusterCerts, 'caCert' | 'clientCert' | 'clientKey'>;
}

export function mergedKubeconfig(entries: KubeconfigEntry[], current: string | undefined): string {
  const b64 = (x: string) => Buffer.from(x).toString('base64');
  const lines = ['apiVersion: v1', entries.length ? 'clusters:' : 'clusters: null'];
  for (const e of entries) lines.push('- cluster:', `    certificate-authority-data: ${b64(e.certs.caCert)}`, `    server: ${e.server}`, `  name: kind-${e.name}`);
  lines.push(entries.length ? 'contexts:' : 'contexts: null');
  for (const e of entries) lines.push('- context:', `    cluster: kind-${e.name}`, `    user: kind-${e.name}`, `  name: kind-${e.name}`);
  lines.push(`current-context: ${current ? `kind-${current}` : '""'}`, 'kind: Config', 'preferences: {}', entries.length ? 'users:' : 'users: null');
  for (const e of entries) lines.push(`- name: kind-${e.name}`, '  user:', `    client-certificate-data: ${b64(e.certs.clientCert)}`, `    client-key-data: ${b64(e.certs.clientKey)}`);
  return `${lines.join('\n')}\n`;
}
