// Endpoints controller (ready pod IPs per selector), the ServiceAccount and root-CA publishers for new
// namespaces, and the garbage collector (Background / Orphan propagation, dangling dependents).
import type { StoreEvent } from '@/lib/sim/store/types';
import { R, type Any } from '../gvr';
import type { ClusterRuntime, Controller } from '../runtime';
import { isTerminal } from './match';
import { deletePod, podReady, randomSuffix } from './workloads';

export class EndpointsController implements Controller {
  readonly name = 'endpoints';
  readonly watches = [R.services, R.pods];
  constructor(private readonly rt: ClusterRuntime) {}

  reconcile() {
    const { store } = this.rt;
    const pods = store.list(R.pods, undefined).items as Any[];
    for (const svc of store.list(R.services, undefined).items as Any[]) {
      const sel = svc.spec?.selector;
      if (!sel || !Object.keys(sel).length) continue;
      const ns = svc.metadata.namespace;
      const matching = pods.filter((p) => p.metadata.namespace === ns && !isTerminal(p) && p.status?.podIP && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v));
      const addr = (p: Any) => ({ ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid } });
      const ready = matching.filter((p) => podReady(p) && !p.metadata.deletionTimestamp).map(addr);
      const notReady = matching.filter((p) => !podReady(p) || p.metadata.deletionTimestamp).map(addr);
      const ports = (svc.spec.ports ?? []).map((p: Any) => ({ ...(p.name ? { name: p.name } : {}), port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol ?? 'TCP' }));
      const subsets = ready.length || notReady.length ? [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports }] : undefined;
      const labels = { ...(svc.metadata.labels ?? {}) };
      const existing = store.get(R.endpoints, ns, svc.metadata.name) as Any;
      if (!existing) {
        try {
          store.create(R.endpoints, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: ns, labels }, ...(subsets ? { subsets } : {}) });
        } catch {
          // namespace going away
        }
        continue;
      }
      if (JSON.stringify(existing.subsets ?? null) === JSON.stringify(subsets ?? null)) continue;
      store.mutate(R.endpoints, ns, svc.metadata.name, (e: Any) => {
        if (subsets) e.subsets = subsets;
        else delete e.subsets;
      });
    }
  }
}

export class NamespaceDefaults implements Controller {
  readonly name = 'namespace-defaults';
  readonly watches = [R.namespaces, R.serviceaccounts, R.configmaps];
  constructor(
    private readonly rt: ClusterRuntime,
    private readonly caCertPem: string,
  ) {}

  reconcile() {
    const { store, version } = this.rt;
    for (const ns of store.list(R.namespaces, undefined).items as Any[]) {
      if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') continue;
      const name = ns.metadata.name;
      try {
        if (!store.get(R.serviceaccounts, name, 'default')) store.create(R.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
        // The root CA publisher is on by default since 1.20.
        if (version.minor >= 20 && !store.get(R.configmaps, name, 'kube-root-ca.crt'))
          store.create(R.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': this.caCertPem } });
      } catch {
        // raced with deletion
      }
    }
  }
}

const GC_RESOURCES = [R.pods, R.replicasets, R.controllerrevisions, R.endpoints, R.endpointslices, R.leases];

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  readonly watches = [R.deployments, R.replicasets, R.daemonsets, R.pods, R.nodes, R.services];
  private orphaned = new Set<string>();
  constructor(private readonly rt: ClusterRuntime) {}

  onEvent(ev: StoreEvent & { propagationPolicy?: string }) {
    if (ev.type === 'DELETED' && ev.propagationPolicy === 'Orphan') this.orphaned.add(ev.object.metadata.uid!);
  }

  reconcile() {
    const { store } = this.rt;
    // Pod GC: pods bound to a node that no longer exists are removed at once.
    const nodeNames = new Set(store.list(R.nodes, undefined).items.map((n) => n.metadata.name));
    for (const p of store.list(R.pods, undefined).items as Any[])
      if (p.spec?.nodeName && !nodeNames.has(p.spec.nodeName)) store.remove(R.pods, p.metadata.namespace, p.metadata.name);
    const alive = new Set<string>();
    for (const g of [R.deployments, R.replicasets, R.daemonsets, R.nodes, R.services, R.pods])
      for (const o of store.list(g, undefined).items) alive.add(o.metadata.uid!);
    for (const g of GC_RESOURCES) {
      for (const o of store.list(g, undefined).items as Any[]) {
        const refs: Any[] = o.metadata.ownerReferences ?? [];
        if (!refs.length) continue;
        const orphanRefs = refs.filter((r) => this.orphaned.has(r.uid));
        if (orphanRefs.length) {
          store.mutate(g, o.metadata.namespace, o.metadata.name, (x: Any) => {
            x.metadata.ownerReferences = refs.filter((r) => !this.orphaned.has(r.uid));
            if (!x.metadata.ownerReferences.length) delete x.metadata.ownerReferences;
          });
          continue;
        }
        // Only owners of kinds we track can be judged dangling.
        const tracked = refs.filter((r) => ['Deployment', 'ReplicaSet', 'DaemonSet', 'Node', 'Pod', 'Service'].includes(r.kind));
        if (!tracked.length || tracked.some((r) => alive.has(r.uid))) continue;
        if (g === R.pods) {
          if (!o.metadata.deletionTimestamp) deletePod(store, o);
        } else store.remove(g, o.metadata.namespace, o.metadata.name);
      }
    }
  }
}

/** EndpointSlice controller (discovery.k8s.io/v1), one IPv4 slice per selector Service. */
export class EndpointSliceController implements Controller {
  readonly name = 'endpointslices';
  readonly watches = [R.services, R.pods];
  constructor(private readonly rt: ClusterRuntime) {}

  reconcile() {
    const { store } = this.rt;
    if (!store.resources().some((r) => r.group === 'discovery.k8s.io' && r.resource === 'endpointslices')) return;
    const pods = store.list(R.pods, undefined).items as Any[];
    for (const svc of store.list(R.services, undefined).items as Any[]) {
      const sel = svc.spec?.selector;
      if (!sel || !Object.keys(sel).length) continue;
      const ns = svc.metadata.namespace;
      const matching = pods.filter((p) => p.metadata.namespace === ns && !isTerminal(p) && p.status?.podIP && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v));
      const endpoints = matching.map((p) => {
        const ready = podReady(p) && !p.metadata.deletionTimestamp;
        return {
          addresses: [p.status.podIP],
          conditions: { ready, serving: podReady(p), terminating: !!p.metadata.deletionTimestamp },
          nodeName: p.spec.nodeName,
          targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
        };
      });
      const ports = (svc.spec.ports ?? []).map((p: Any) => ({ ...(p.name ? { name: p.name } : {}), port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol ?? 'TCP' }));
      const existing = (store.list(R.endpointslices, ns, { labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` }).items as Any[])[0];
      if (!existing) {
        try {
          store.create(R.endpointslices, {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: {
              name: `${svc.metadata.name}-${randomSuffix()}`,
              namespace: ns,
              labels: { ...(svc.metadata.labels ?? {}), 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svc.metadata.name },
              ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
            },
            addressType: 'IPv4',
            endpoints,
            ports,
          });
        } catch {
          // namespace going away
        }
        continue;
      }
      store.mutate(R.endpointslices, ns, existing.metadata.name, (e: Any) => {
        e.endpoints = endpoints;
        e.ports = ports;
      });
    }
  }
}
