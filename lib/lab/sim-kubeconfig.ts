// The one lab-private kubeconfig the real kubectl uses in simulator mode: every simulated cluster's
// entries merged, like kind merging into ~/.kube/config, with current-context kept while it exists.
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

interface Named {
  name: string;
  [k: string]: unknown;
}
interface KubeConfig {
  apiVersion?: string;
  kind?: string;
  clusters?: Named[];
  contexts?: Named[];
  users?: Named[];
  'current-context'?: string;
  preferences?: Record<string, unknown>;
}

function read(file: string): KubeConfig {
  try {
    return (parse(fs.readFileSync(file, 'utf8')) as KubeConfig) ?? {};
  } catch {
    return {};
  }
}

/**
 * Rewrites `file` from the clusters' own kubeconfigs. `prefer` (a just-created cluster) becomes the
 * current context, as `kind create cluster` does; otherwise the existing choice is kept if still valid.
 */
export function writeMergedKubeconfig(file: string, clusterConfigs: string[], prefer?: string): void {
  const current = read(file)['current-context'];
  const merged: Required<Pick<KubeConfig, 'clusters' | 'contexts' | 'users'>> = { clusters: [], contexts: [], users: [] };
  for (const text of clusterConfigs) {
    const kc = (parse(text) as KubeConfig) ?? {};
    merged.clusters.push(...(kc.clusters ?? []));
    merged.contexts.push(...(kc.contexts ?? []));
    merged.users.push(...(kc.users ?? []));
  }
  const names = new Set(merged.contexts.map((c) => c.name));
  const wanted = prefer && names.has(`kind-${prefer}`) ? `kind-${prefer}` : current && names.has(current) ? current : '';
  const out: KubeConfig = { apiVersion: 'v1', kind: 'Config', preferences: {}, ...merged, 'current-context': wanted };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, stringify(out), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
