// Hand-made fixtures for API-server tests (the cluster helper produces the real kind objects).
import type { KObject } from '../../store/types';
import type { SimStore } from '../../store/store';

const NS = { group: '', version: 'v1', resource: 'namespaces' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const EVENTS = { group: '', version: 'v1', resource: 'events' };
const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };

export const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function node(name: string, ip: string, ready: boolean, role?: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(role ? { [`node-role.kubernetes.io/${role}`]: '' } : {}) },
    },
    spec: { podCIDR: '10.244.0.0/24', providerID: `kind://docker/test/${name}` },
    status: {
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'KubeletReady' : 'KubeletNotReady', message: ready ? 'kubelet is posting ready status' : 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      capacity: { cpu: '8', memory: '16000000Ki', pods: '110' },
      allocatable: { cpu: '8', memory: '16000000Ki', pods: '110' },
      nodeInfo: {
        machineID: 'm',
        systemUUID: 's',
        bootID: 'b',
        kernelVersion: '6.8.0-45-generic',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.18',
        kubeletVersion: 'v1.31.0',
        kubeProxyVersion: 'v1.31.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** Seeds kube-system/default namespaces, two nodes (+leases), a kube-system pod and an event. */
export function seed(store: SimStore): void {
  for (const n of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) store.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } });
  store.create(NODES, node('test-control-plane', '172.18.0.3', false, 'control-plane'));
  store.create(NODES, node('test-worker', '172.18.0.2', false));
  for (const n of ['test-control-plane', 'test-worker']) {
    store.create(LEASES, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: n, namespace: 'kube-node-lease' }, spec: { holderIdentity: n, leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z' } });
  }
  store.create(PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'coredns-7db6d8ff4d-abcde', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: { containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.1' }] },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] },
  });
}

export function podEvent(store: SimStore, pod: KObject, reason: string, message: string, count: number, first: Date, last: Date, type = 'Normal'): KObject {
  return store.create(EVENTS, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod.metadata.name}.${Math.random().toString(16).slice(2, 12)}`, namespace: pod.metadata.namespace },
    involvedObject: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: 'v1' },
    reason,
    message,
    source: { component: 'kubelet', host: 'test-worker' },
    firstTimestamp: iso(first),
    lastTimestamp: iso(last),
    count,
    type,
  });
}

export const GVR = { NS, NODES, PODS, EVENTS, LEASES };
