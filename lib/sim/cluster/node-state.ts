// Per-node state that lives outside the API objects: the node container's filesystem bits the
// lessons look at, its image cache and identity. Plain JSON so it persists with the store snapshot.
import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatedVersion } from './versions';
import { DEFAULT_CNI_TEMPLATE, DEFAULT_STORAGE_MANIFEST, staticManifestNames } from './bootstrap/node-files';

export interface NodeState {
  name: string;
  role: 'control-plane' | 'worker';
  /** 172.18.0.N on the docker `kind` network. */
  ip: string;
  podCIDR: string;
  /** docker container id (64 hex). */
  containerId: string;
  createdAt: string;
  machineId: string;
  bootId: string;
  files: Record<string, string>;
  images: string[];
  /** Labels from the kind config. */
  labels: Record<string, string>;
  /** node-controller already sent RegisteredNode. */
  registered?: boolean;
  /** CNI agents whose files were written here (by pod uid), so a restart does not redo them. */
  cniApplied?: string[];
}

const hex = (n: number) => randomBytes(n).toString('hex');

/** Base image contents that matter to the lessons (facts §1.1: four CNI plugins, no bridge). */
export function newNodeState(o: { name: string; role: 'control-plane' | 'worker'; ip: string; podCIDR: string; version: EmulatedVersion; createdAt: Date; labels?: Record<string, string>; preloaded: string[] }): NodeState {
  const files: Record<string, string> = {};
  for (const b of ['host-local', 'loopback', 'ptp', 'portmap']) files[`/opt/cni/bin/${b}`] = `\x7fELF containernetworking/plugins v${o.version.cniPluginsVersion} ${b}\n`;
  files['/kind/manifests/default-cni.yaml'] = DEFAULT_CNI_TEMPLATE(o.version);
  files['/kind/manifests/default-storage.yaml'] = DEFAULT_STORAGE_MANIFEST(o.version);
  files['/kind/version'] = `${o.version.gitVersion}\n`;
  if (o.role === 'control-plane') for (const m of staticManifestNames) files[`/etc/kubernetes/manifests/${m}`] = `# static pod manifest written by kubeadm\n`;
  return {
    name: o.name,
    role: o.role,
    ip: o.ip,
    podCIDR: o.podCIDR,
    containerId: hex(32),
    createdAt: o.createdAt.toISOString(),
    machineId: hex(16),
    bootId: randomUUID(),
    files,
    images: [...o.preloaded],
    labels: o.labels ?? {},
  };
}

/** kind names nodes `<cluster>-control-plane`, `-control-plane2`, `-worker`, `-worker2`, … (providers/common/namer.go). */
export function nodeNames(cluster: string, roles: string[]): string[] {
  const counts: Record<string, number> = {};
  return roles.map((r) => {
    const n = (counts[r] = (counts[r] ?? 0) + 1);
    return `${cluster}-${r}${n === 1 ? '' : n}`;
  });
}
