// Emulated Kubernetes versions, chosen by node image as kind does (`--image kindest/node:vX.Y.Z`).
// Every string that differs between versions lives here. Sources: shared/reference/kind-nocni-facts.md
// (§1.1, §2.1–2.5) and api-emulator-brief.md §11; [U] marks values not confirmed on a real cluster.
import type { ServerVersion } from '@/lib/sim/store/types';

export const KIND_VERSION = 'v0.32.0';
export const KIND_GO = 'go1.26.3';
export const DEFAULT_IMAGE = 'kindest/node:v1.36.1';

interface Row {
  v: string; // node image tag = kubelet version
  kind: string; // kind release that published the image
  containerd: string;
  os: string;
  go: string;
  gitCommit: string;
  buildDate: string;
  coredns: string;
  etcd: string;
  pause: string;
  corednsHash: string;
  localPathHash: string;
  localPathImage: string;
  kindnetd: string;
  cniPlugins: string;
}

const UBUNTU_GROOVY = 'Ubuntu Groovy Gorilla (development branch)';
const JAMMY = 'Ubuntu 22.04.1 LTS';
const BULLSEYE = 'Debian GNU/Linux 11 (bullseye)';
const BOOKWORM = 'Debian GNU/Linux 12 (bookworm)';
const TRIXIE = 'Debian GNU/Linux 13 (trixie)';

// gitCommit: the upstream tag's commit where known; buildDate/goVersion plausible for kind's own builds [U].
// coredns ReplicaSet hashes: f9fd979d6 (article, 1.19), 64897985d (1.23, facts §2.5), 674b8bbfcf (1.33, facts §3);
// the others are plausible stand-ins [U] (the hash depends on the exact pod template).
// local-path hashes: 78776bfc44 (article), 7dc846544d (facts §3, 1.33 era); others [U].
const ROWS: Row[] = [
  { v: 'v1.19.1', kind: 'v0.9.0', containerd: '1.4.0', os: UBUNTU_GROOVY, go: 'go1.15', gitCommit: '206bcadf021e76c27513500ca24182692aabd17e', buildDate: '2020-09-14T07:30:52Z',
    coredns: 'k8s.gcr.io/coredns:1.7.0', etcd: 'k8s.gcr.io/etcd:3.4.13-0', pause: 'k8s.gcr.io/pause:3.3', corednsHash: 'f9fd979d6', localPathHash: '78776bfc44',
    localPathImage: 'docker.io/rancher/local-path-provisioner:v0.0.14', kindnetd: 'docker.io/kindest/kindnetd:v20200725-4d6bea59', cniPlugins: '0.8.6' },
  { v: 'v1.23.17', kind: 'v0.20.0', containerd: '1.7.1', os: BOOKWORM, go: 'go1.19.6', gitCommit: '953be8927218ec8067e1af2641e540238ffd7576', buildDate: '2023-06-15T00:36:28Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.8.6', etcd: 'registry.k8s.io/etcd:3.5.6-0', pause: 'registry.k8s.io/pause:3.7', corednsHash: '64897985d', localPathHash: '6bc4bddd6b',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20230511-dc714da8', kindnetd: 'docker.io/kindest/kindnetd:v20230511-dc714da8', cniPlugins: '1.3.0' },
  { v: 'v1.26.15', kind: 'v0.23.0', containerd: '1.7.15', os: BOOKWORM, go: 'go1.21.8', gitCommit: '1649f592f1909b97aa3c2a0a8f968a3fd05a7b8b', buildDate: '2024-05-14T20:05:32Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.9.3', etcd: 'registry.k8s.io/etcd:3.5.10-0', pause: 'registry.k8s.io/pause:3.7', corednsHash: '787d4945fb', localPathHash: '7d4d9bdcc5',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20240513-b9bba138', kindnetd: 'docker.io/kindest/kindnetd:v20240513-cd2ac642', cniPlugins: '1.4.0' },
  { v: 'v1.29.14', kind: 'v0.27.0', containerd: '2.0.2', os: BOOKWORM, go: 'go1.23.6', gitCommit: '8d8f6a5bd2a6c6b8b9a9d0ab5a0e5fbb3b7a6a61', buildDate: '2025-02-14T21:43:51Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.11.1', etcd: 'registry.k8s.io/etcd:3.5.16-0', pause: 'registry.k8s.io/pause:3.10', corednsHash: '76f75df574', localPathHash: '58cc7856b6',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20241212-8ac705d0', kindnetd: 'docker.io/kindest/kindnetd:v20250214-acbabc1a', cniPlugins: '1.6.1' },
  { v: 'v1.30.13', kind: 'v0.29.0', containerd: '2.1.1', os: BOOKWORM, go: 'go1.23.8', gitCommit: '50af91c466658b6a33d123fae8a487db1630971c', buildDate: '2025-05-21T09:18:02Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.11.3', etcd: 'registry.k8s.io/etcd:3.5.15-0', pause: 'registry.k8s.io/pause:3.10', corednsHash: '7db6d8ff4d', localPathHash: '7dc846544d',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a', kindnetd: 'docker.io/kindest/kindnetd:v20250512-df8de77b', cniPlugins: '1.7.1' },
  { v: 'v1.31.9', kind: 'v0.29.0', containerd: '2.1.1', os: BOOKWORM, go: 'go1.23.8', gitCommit: '4c3f7b5e7d5c8dbbcc9e6f8e8a4a6b8d4a9e6a26', buildDate: '2025-05-21T09:17:12Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.11.3', etcd: 'registry.k8s.io/etcd:3.5.15-0', pause: 'registry.k8s.io/pause:3.10', corednsHash: '6f6b679f8f', localPathHash: '7dc846544d',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a', kindnetd: 'docker.io/kindest/kindnetd:v20250512-df8de77b', cniPlugins: '1.7.1' },
  { v: 'v1.32.5', kind: 'v0.29.0', containerd: '2.1.1', os: BOOKWORM, go: 'go1.23.8', gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1', buildDate: '2025-05-21T09:16:40Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.11.3', etcd: 'registry.k8s.io/etcd:3.5.16-0', pause: 'registry.k8s.io/pause:3.10', corednsHash: '668d6bf9bc', localPathHash: '7dc846544d',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a', kindnetd: 'docker.io/kindest/kindnetd:v20250512-df8de77b', cniPlugins: '1.7.1' },
  { v: 'v1.33.1', kind: 'v0.29.0', containerd: '2.1.1', os: BOOKWORM, go: 'go1.24.2', gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', buildDate: '2025-05-21T09:15:43Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.12.0', etcd: 'registry.k8s.io/etcd:3.5.21-0', pause: 'registry.k8s.io/pause:3.10', corednsHash: '674b8bbfcf', localPathHash: '7dc846544d',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a', kindnetd: 'docker.io/kindest/kindnetd:v20250512-df8de77b', cniPlugins: '1.7.1' },
  { v: 'v1.34.0', kind: 'v0.30.0', containerd: '2.1.4', os: BOOKWORM, go: 'go1.24.6', gitCommit: 'f28b4c9efbca5c5c0af716d9f2d5702667ee8a45', buildDate: '2025-08-27T21:30:06Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.12.1', etcd: 'registry.k8s.io/etcd:3.6.4-0', pause: 'registry.k8s.io/pause:3.10.1', corednsHash: '66bc5c9577', localPathHash: '7b8c8ddbd6',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20250714-acbabc1a', kindnetd: 'docker.io/kindest/kindnetd:v20250512-df8de77b', cniPlugins: '1.7.1' },
  { v: 'v1.35.0', kind: 'v0.31.0', containerd: '2.2.0', os: BOOKWORM, go: 'go1.25.5', gitCommit: '66452049f3d692768c39c797b21b793dce80314e', buildDate: '2025-12-17T19:42:11Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.13.1', etcd: 'registry.k8s.io/etcd:3.6.6-0', pause: 'registry.k8s.io/pause:3.10.1', corednsHash: '7d764666f9', localPathHash: '5cf85fd7b9',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20251212-v0.29.0-alpha-105-g20ccfc88', kindnetd: 'docker.io/kindest/kindnetd:v20251212-v0.29.0-alpha-105-g20ccfc88', cniPlugins: '1.8.0' },
  { v: 'v1.36.1', kind: 'v0.32.0', containerd: '2.3.1', os: TRIXIE, go: 'go1.26.3', gitCommit: 'b0f6e2a0c93d7d5b4ac51e2f3a3c9d1e07c6f4a8', buildDate: '2026-06-01T18:21:37Z',
    coredns: 'registry.k8s.io/coredns/coredns:v1.13.1', etcd: 'registry.k8s.io/etcd:3.6.8-0', pause: 'registry.k8s.io/pause:3.10.1', corednsHash: '7d764666f9', localPathHash: '6b48b7d4c8',
    localPathImage: 'docker.io/kindest/local-path-provisioner:v20260528-9350166c', kindnetd: 'docker.io/kindest/kindnetd:v20260528-9350166c', cniPlugins: '1.9.1' },
];
// Ubuntu 22.04 was kind's base for v0.15–v0.17 (1.23-era images of those releases) [U]; kept for reference.
void JAMMY;
void BULLSEYE;

export interface EmulatedVersion {
  /** e.g. "v1.19.1" */
  gitVersion: string;
  major: number;
  minor: number;
  patch: number;
  image: string;
  kindRelease: string;
  containerdVersion: string;
  /** `containerd://1.4.0` */
  containerRuntimeVersion: string;
  osImage: string;
  /** kubelet nodeInfo.kubeProxyVersion: empty once kubelets stopped reporting it [U: 1.31+, DisableNodeKubeProxyVersion]. */
  kubeProxyVersion: string;
  serverVersion: ServerVersion;
  images: { kubeProxy: string; coredns: string; etcd: string; pause: string; localPath: string; kindnetd: string; apiserver: string; controllerManager: string; scheduler: string };
  corednsHash: string;
  localPathHash: string;
  cniPluginsVersion: string;
  /** Control-plane role labels kubeadm sets (1.19: master only; 1.20–1.23: both; 1.24+: control-plane). */
  controlPlaneRoleLabels: string[];
  /** Control-plane taints kubeadm sets, in order. */
  controlPlaneTaints: string[];
  /** kubeadm ≥1.20 labels control planes node.kubernetes.io/exclude-from-external-load-balancers [U: exact release]. */
  excludeFromLbLabel: boolean;
  /** `kubernetes.io/name` of the kube-dns Service: "KubeDNS" through 1.20 (article's cluster-info), "CoreDNS" after [U: switch release]. */
  kubeDnsServiceName: string;
}

function parseTag(tag: string): { major: number; minor: number; patch: number } | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)/.exec(tag);
  return m ? { major: +m[1], minor: +m[2], patch: +m[3] } : undefined;
}

function tagOf(image: string): string {
  const noDigest = image.split('@')[0];
  const i = noDigest.lastIndexOf(':');
  return i > noDigest.lastIndexOf('/') ? noDigest.slice(i + 1) : 'latest';
}

/** Image without the digest, as kind prints it ("Ensuring node image (kindest/node:v1.36.1)"). */
export function friendlyImageName(image: string): string {
  return image.split('@sha256:')[0];
}

/** Picks the emulated version for a node image; unknown tags use the nearest known row of the same minor (or the closest minor). */
export function versionForImage(image: string = DEFAULT_IMAGE): EmulatedVersion | undefined {
  const tag = tagOf(image);
  const want = parseTag(tag);
  if (!want || want.major !== 1) return undefined;
  const exact = ROWS.find((r) => r.v === tag);
  const row =
    exact ??
    [...ROWS].sort((a, b) => Math.abs(parseTag(a.v)!.minor - want.minor) - Math.abs(parseTag(b.v)!.minor - want.minor) || parseTag(b.v)!.minor - parseTag(a.v)!.minor)[0];
  return build(row, tag, want);
}

export const SUPPORTED_IMAGES = ROWS.map((r) => `kindest/node:${r.v}`);

function build(row: Row, tag: string, v: { major: number; minor: number; patch: number }): EmulatedVersion {
  const reg = v.minor <= 20 ? 'k8s.gcr.io' : 'registry.k8s.io';
  const k8sImage = (name: string) => `${reg}/${name}:${tag}`;
  return {
    gitVersion: tag,
    ...v,
    image: `kindest/node:${tag}`,
    kindRelease: row.kind,
    containerdVersion: row.containerd,
    containerRuntimeVersion: `containerd://${row.containerd}`,
    osImage: row.os,
    kubeProxyVersion: v.minor >= 31 ? '' : tag,
    serverVersion: {
      major: String(v.major),
      minor: String(v.minor),
      gitVersion: tag,
      gitCommit: row.gitCommit,
      gitTreeState: 'clean',
      buildDate: row.buildDate,
      goVersion: row.go,
      compiler: 'gc',
      platform: 'linux/amd64',
    },
    images: {
      kubeProxy: k8sImage('kube-proxy'),
      apiserver: k8sImage('kube-apiserver'),
      controllerManager: k8sImage('kube-controller-manager'),
      scheduler: k8sImage('kube-scheduler'),
      coredns: row.coredns,
      etcd: row.etcd,
      pause: row.pause,
      localPath: row.localPathImage,
      kindnetd: row.kindnetd,
    },
    corednsHash: row.corednsHash,
    localPathHash: row.localPathHash,
    cniPluginsVersion: row.cniPlugins,
    controlPlaneRoleLabels:
      v.minor <= 19 ? ['node-role.kubernetes.io/master'] : v.minor <= 23 ? ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'] : ['node-role.kubernetes.io/control-plane'],
    controlPlaneTaints: v.minor <= 23 ? ['node-role.kubernetes.io/master'] : v.minor === 24 ? ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/control-plane'] : ['node-role.kubernetes.io/control-plane'],
    excludeFromLbLabel: v.minor >= 20,
    kubeDnsServiceName: v.minor <= 20 ? 'KubeDNS' : 'CoreDNS',
  };
}
