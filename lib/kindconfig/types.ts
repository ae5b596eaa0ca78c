// Internal model of a kind cluster config (what the simulator works with), kept apart from the
// on-disk `kind.x-k8s.io/v1alpha4` format (see schema.ts). Mirrors kind's internal config package.

export type NodeRole = 'control-plane' | 'worker' | string;
export type IPFamily = 'ipv4' | 'ipv6' | 'dual' | string;
export type ProxyMode = 'iptables' | 'ipvs' | 'nftables' | 'none' | string;

export interface Mount {
  containerPath: string;
  hostPath: string;
  readOnly: boolean;
  selinuxRelabel: boolean;
  propagation: string;
}

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  listenAddress: string;
  protocol: string;
}

export interface PatchJSON6902 {
  group: string;
  version: string;
  kind: string;
  patch: string;
}

export interface NodeConfig {
  role: NodeRole;
  image: string;
  labels: Record<string, string>;
  extraMounts: Mount[];
  extraPortMappings: PortMapping[];
  gpus: string;
  kubeadmConfigPatches: string[];
  kubeadmConfigPatchesJSON6902: PatchJSON6902[];
}

export interface Networking {
  ipFamily: IPFamily;
  apiServerPort: number;
  apiServerAddress: string;
  podSubnet: string;
  serviceSubnet: string;
  disableDefaultCNI: boolean;
  kubeProxyMode: ProxyMode;
  dnsSearch?: string[];
}

export interface ClusterConfig {
  name: string;
  nodes: NodeConfig[];
  networking: Networking;
  featureGates: Record<string, boolean>;
  runtimeConfig: Record<string, string>;
  kubeadmConfigPatches: string[];
  kubeadmConfigPatchesJSON6902: PatchJSON6902[];
  containerdConfigPatches: string[];
  containerdConfigPatchesJSON6902: string[];
}

/** kind v0.32.0's defaults (pkg/apis/config/defaults). */
export const DEFAULT_CLUSTER_NAME = 'kind';
// The real default pins a digest (`@sha256:3489c767…`, not fully known here); kind strips it for display anyway.
export const DEFAULT_NODE_IMAGE = 'kindest/node:v1.36.1';
