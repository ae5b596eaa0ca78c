// The Node object a kind node's kubelet registers (labels, annotations, capacity from this host).
import os from 'node:os';
import fs from 'node:fs';
import type { Any } from '../gvr';
import type { NodeState } from '../node-state';
import type { EmulatedVersion } from '../versions';
import { runtimeNetworkNotReady } from '../messages';
import { rfc3339 } from './context';

export function hostCapacity(v: EmulatedVersion): Record<string, string> {
  let storageKi = 263174212;
  try {
    const s = fs.statfsSync('/');
    storageKi = Math.floor((s.blocks * s.bsize) / 1024);
  } catch {
    // keep the article's value
  }
  const cap: Record<string, string> = {
    cpu: String(os.cpus().length || 1),
    'ephemeral-storage': `${storageKi}Ki`,
    'hugepages-2Mi': '0',
    memory: `${Math.floor(os.totalmem() / 1024)}Ki`,
    pods: '110',
  };
  // 1.19's kubelet on the article's host listed only 2Mi pages.
  if (v.minor >= 20) cap['hugepages-1Gi'] = '0';
  return cap;
}

export function arch(): string {
  return process.arch === 'arm64' ? 'arm64' : 'amd64';
}

export function nodeObject(n: NodeState, v: EmulatedVersion, cluster: string, hasWorkers: boolean, now: Date): Any {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': arch(),
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch(),
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    ...n.labels,
  };
  const taints: Any[] = [];
  if (n.role === 'control-plane') {
    for (const l of v.controlPlaneRoleLabels) labels[l] = '';
    if (v.excludeFromLbLabel) labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    // kind removes the control-plane taint only on single-node clusters (kubeadminit/init.go).
    if (hasWorkers) for (const key of v.controlPlaneTaints) taints.push({ key, effect: 'NoSchedule' });
  }
  // The kubelet registers NotReady nodes with the not-ready taint already (TaintNodesByCondition).
  taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  const cap = hostCapacity(v);
  const t = rfc3339(now);
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: t, lastTransitionTime: t, reason, message });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR], providerID: `kind://docker/${cluster}/${n.name}`, taints },
    status: {
      capacity: cap,
      allocatable: { ...cap },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'False', 'KubeletNotReady', runtimeNetworkNotReady(v)),
      ],
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: n.machineId,
        systemUUID: n.machineId,
        bootID: n.bootId,
        kernelVersion: os.release(),
        osImage: v.osImage,
        containerRuntimeVersion: v.containerRuntimeVersion,
        kubeletVersion: v.gitVersion,
        kubeProxyVersion: v.kubeProxyVersion,
        operatingSystem: 'linux',
        architecture: arch(),
      },
    },
  };
}
