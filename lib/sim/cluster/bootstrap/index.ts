// What kind + kubeadm create, split by `kind create cluster` step so the emulation can pace them.
import { R, type Any } from '../gvr';
import type { NodeState } from '../node-state';
import { kubeletStartEvents, nodeLease } from '../controllers/kubelet';
import { newReplicaSet } from '../controllers/workloads';
import { corednsDeployment, kubeDnsService, kubeProxyDaemonSet, localPathDeployment, storageClass } from './addons';
import { clusterRoleBindings, clusterRoles, CONTROLLER_SERVICE_ACCOUNTS, namespace, priorityClasses, serviceAccount, systemConfigMaps, SYSTEM_NAMESPACES, apiServiceIp, dnsIp } from './config';
import { ensure, microTime, type BootContext } from './context';
import { refOf } from '../events';
import { nodeObject } from './node';
import { staticPods } from './static-pods';
import { parseAllDocuments } from 'yaml';

function registerNode(ctx: BootContext, n: NodeState, restarted: boolean) {
  const { store, version: v, clusterName } = ctx;
  const hasWorkers = ctx.config.nodes.length > 1;
  const node = ensure(store, R.nodes, nodeObject(n, v, clusterName, hasWorkers, ctx.now()));
  ensure(store, R.leases, nodeLease(n.name, node.metadata.uid!, ctx.now()));
  kubeletStartEvents(ctx, ctx.now(), n.name, restarted);
  return node;
}

/** "Starting control-plane": kubeadm init on the first control-plane node (plus its addons). */
export function startControlPlane(ctx: BootContext): void {
  const { store, version: v, config } = ctx;
  for (const ns of SYSTEM_NAMESPACES) ensure(store, R.namespaces, namespace(ns));
  for (const pc of priorityClasses()) ensure(store, R.priorityclasses, pc);
  for (const cr of clusterRoles()) ensure(store, R.clusterroles, cr);
  for (const b of clusterRoleBindings()) if (!b.metadata.name.startsWith('local-path')) ensure(store, R.clusterrolebindings, b);
  const cp = ctx.nodes.find((n) => n.role === 'control-plane')!;
  const node = registerNode(ctx, cp, true);
  for (const p of staticPods(cp, node.metadata.uid!, v, config.networking.podSubnet, config.networking.serviceSubnet, ctx.now())) ensure(store, R.pods, p);
  for (const name of ['kube-controller-manager', 'kube-scheduler'])
    ensure(store, R.leases, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: 'kube-system' },
      spec: { holderIdentity: `${cp.name}_${crypto.randomUUID()}`, leaseDurationSeconds: 15, acquireTime: microTime(ctx.now()), renewTime: microTime(ctx.now()), leaseTransitions: 0 },
    });
  const svcSubnet = config.networking.serviceSubnet;
  ensure(store, R.services, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: apiServiceIp(svcSubnet), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP', sessionAffinity: 'None' },
  });
  ensure(store, R.endpoints, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: cp.ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  for (const sa of CONTROLLER_SERVICE_ACCOUNTS) ensure(store, R.serviceaccounts, serviceAccount('kube-system', sa));
  for (const cm of systemConfigMaps(ctx)) if (cm.metadata.namespace !== 'local-path-storage') ensure(store, R.configmaps, cm);
  ensure(store, R.services, kubeDnsService(v, dnsIp(svcSubnet)));
  ensure(store, R.daemonsets, kubeProxyDaemonSet(v));
  const dep = ensure(store, R.deployments, corednsDeployment(v)) as Any;
  // Pre-create the ReplicaSet with the version's known name (coredns-f9fd979d6 …); the controller adopts it.
  const rs = ensure(store, R.replicasets, newReplicaSet(dep, v.corednsHash));
  ctx.events.legacy(refOf(dep), 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} to 2`, { component: 'deployment-controller' });
  // Further control-plane nodes join after the first.
  for (const n of ctx.nodes.filter((x) => x.role === 'control-plane' && x !== cp)) {
    const nn = registerNode(ctx, n, false);
    for (const p of staticPods(n, nn.metadata.uid!, v, config.networking.podSubnet, svcSubnet, ctx.now())) ensure(store, R.pods, p);
  }
}

/** "Installing CNI": kind applies the node image's kindnet template with the pod subnet filled in. */
export function installDefaultCni(ctx: BootContext, template: string): void {
  const text = template.replace(/\{\{ \.PodSubnet \}\}/g, ctx.config.networking.podSubnet);
  for (const doc of parseAllDocuments(text)) {
    if (!('toJS' in doc)) continue;
    const o = doc.toJS() as Any;
    if (!o?.kind) continue;
    const gvr =
      o.kind === 'DaemonSet' ? R.daemonsets : o.kind === 'ServiceAccount' ? R.serviceaccounts : o.kind === 'ClusterRole' ? R.clusterroles : o.kind === 'ClusterRoleBinding' ? R.clusterrolebindings : undefined;
    if (gvr) ensure(ctx.store, gvr, o);
  }
}

/** "Installing StorageClass": local-path-provisioner and the default StorageClass. */
export function installStorage(ctx: BootContext): void {
  const { store, version: v } = ctx;
  ensure(store, R.namespaces, namespace('local-path-storage'));
  ensure(store, R.serviceaccounts, serviceAccount('local-path-storage', 'local-path-provisioner-service-account'));
  for (const b of clusterRoleBindings()) if (b.metadata.name.startsWith('local-path')) ensure(store, R.clusterrolebindings, b);
  for (const cm of systemConfigMaps(ctx)) if (cm.metadata.namespace === 'local-path-storage') ensure(store, R.configmaps, cm);
  const dep = ensure(store, R.deployments, localPathDeployment(v)) as Any;
  const rs = ensure(store, R.replicasets, newReplicaSet(dep, v.localPathHash));
  ctx.events.legacy(refOf(dep), 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} to 1`, { component: 'deployment-controller' });
  ensure(store, R.storageclasses, storageClass());
}

/** "Joining worker nodes": kubeadm join on every worker. */
export function joinWorkers(ctx: BootContext): void {
  for (const n of ctx.nodes.filter((x) => x.role === 'worker')) registerNode(ctx, n, false);
}
