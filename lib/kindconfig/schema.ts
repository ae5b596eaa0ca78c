// The on-disk format `kind.x-k8s.io/v1alpha4` (after strict YAML decoding) as a zod schema, and
// its conversion with explicit defaulting into the internal model (kind's V1Alpha4ToInternal +
// SetDefaultsCluster, pkg/apis/config/v1alpha4/default.go and pkg/internal/apis/config/default.go).
import * as z from 'zod';
import { DEFAULT_CLUSTER_NAME, DEFAULT_NODE_IMAGE, type ClusterConfig, type NodeConfig } from './types';

const Patch = z.object({ group: z.string().optional(), version: z.string().optional(), kind: z.string().optional(), patch: z.string().optional() });
const Mount = z.object({
  containerPath: z.string().optional(),
  hostPath: z.string().optional(),
  readOnly: z.boolean().optional(),
  selinuxRelabel: z.boolean().optional(),
  propagation: z.string().optional(),
});
const PortMapping = z.object({
  containerPort: z.number().int().optional(),
  hostPort: z.number().int().optional(),
  listenAddress: z.string().optional(),
  protocol: z.string().optional(),
});
const Node = z.object({
  role: z.string().optional(),
  image: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  extraMounts: z.array(Mount.optional()).optional(),
  extraPortMappings: z.array(PortMapping.optional()).optional(),
  gpus: z.string().optional(),
  kubeadmConfigPatches: z.array(z.string().optional()).optional(),
  kubeadmConfigPatchesJSON6902: z.array(Patch.optional()).optional(),
});
const Networking = z.object({
  ipFamily: z.string().optional(),
  apiServerPort: z.number().int().optional(),
  apiServerAddress: z.string().optional(),
  podSubnet: z.string().optional(),
  serviceSubnet: z.string().optional(),
  disableDefaultCNI: z.boolean().optional(),
  kubeProxyMode: z.string().optional(),
  dnsSearch: z.array(z.string().optional()).optional(),
});
export const V1Alpha4Cluster = z.object({
  kind: z.string().optional(),
  apiVersion: z.string().optional(),
  name: z.string().optional(),
  nodes: z.array(Node.optional()).optional(),
  networking: Networking.optional(),
  featureGates: z.record(z.string(), z.boolean()).optional(),
  runtimeConfig: z.record(z.string(), z.string()).optional(),
  kubeadmConfigPatches: z.array(z.string().optional()).optional(),
  kubeadmConfigPatchesJSON6902: z.array(Patch.optional()).optional(),
  containerdConfigPatches: z.array(z.string().optional()).optional(),
  containerdConfigPatchesJSON6902: z.array(z.string().optional()).optional(),
});
export type V1Alpha4Cluster = z.infer<typeof V1Alpha4Cluster>;

const patchOf = (p: z.infer<typeof Patch> | undefined) => ({ group: p?.group ?? '', version: p?.version ?? '', kind: p?.kind ?? '', patch: p?.patch ?? '' });

function isIPv6(addr: string): boolean {
  return addr.includes(':');
}

/** v1alpha4 → internal, with every default kind applies spelled out. */
export function toInternal(v: V1Alpha4Cluster): ClusterConfig {
  const net = v.networking ?? {};
  const ipFamily = net.ipFamily || 'ipv4';
  // kind: ::1 for ipv6, 127.0.0.1 otherwise (dual included).
  const apiServerAddress = net.apiServerAddress || (ipFamily === 'ipv6' ? '::1' : '127.0.0.1');
  const podSubnet =
    net.podSubnet || (ipFamily === 'ipv6' ? 'fd00:10:244::/56' : ipFamily === 'dual' ? '10.244.0.0/16,fd00:10:244::/56' : '10.244.0.0/16');
  const serviceSubnet =
    net.serviceSubnet || (ipFamily === 'ipv6' ? 'fd00:10:96::/112' : ipFamily === 'dual' ? '10.96.0.0/16,fd00:10:96::/112' : '10.96.0.0/16');
  const nodesIn = v.nodes && v.nodes.length > 0 ? v.nodes : [{ role: 'control-plane' }];
  const nodes: NodeConfig[] = nodesIn.map((n) => ({
    role: n?.role || 'control-plane',
    image: n?.image || DEFAULT_NODE_IMAGE,
    labels: { ...(n?.labels ?? {}) },
    extraMounts: (n?.extraMounts ?? []).map((m) => ({
      containerPath: m?.containerPath ?? '',
      hostPath: m?.hostPath ?? '',
      readOnly: m?.readOnly ?? false,
      selinuxRelabel: m?.selinuxRelabel ?? false,
      propagation: m?.propagation || 'None',
    })),
    extraPortMappings: (n?.extraPortMappings ?? []).map((p) => {
      const listen = p?.listenAddress || (ipFamily === 'ipv6' ? '::' : '0.0.0.0');
      return { containerPort: p?.containerPort ?? 0, hostPort: p?.hostPort ?? 0, listenAddress: listen, protocol: p?.protocol || 'TCP' };
    }),
    gpus: n?.gpus ?? '',
    kubeadmConfigPatches: (n?.kubeadmConfigPatches ?? []).map((s) => s ?? ''),
    kubeadmConfigPatchesJSON6902: (n?.kubeadmConfigPatchesJSON6902 ?? []).map(patchOf),
  }));
  return {
    name: v.name || DEFAULT_CLUSTER_NAME,
    nodes,
    networking: {
      ipFamily,
      apiServerPort: net.apiServerPort ?? 0,
      apiServerAddress,
      podSubnet,
      serviceSubnet,
      disableDefaultCNI: net.disableDefaultCNI ?? false,
      kubeProxyMode: net.kubeProxyMode || 'iptables',
      ...(net.dnsSearch ? { dnsSearch: net.dnsSearch.map((s) => s ?? '') } : {}),
    },
    featureGates: { ...(v.featureGates ?? {}) },
    runtimeConfig: { ...(v.runtimeConfig ?? {}) },
    kubeadmConfigPatches: (v.kubeadmConfigPatches ?? []).map((s) => s ?? ''),
    kubeadmConfigPatchesJSON6902: (v.kubeadmConfigPatchesJSON6902 ?? []).map(patchOf),
    containerdConfigPatches: (v.containerdConfigPatches ?? []).map((s) => s ?? ''),
    containerdConfigPatchesJSON6902: (v.containerdConfigPatchesJSON6902 ?? []).map((s) => s ?? ''),
  };
}

export { isIPv6 };
