// Test helper: a simulated cluster on the real object store, at instant pace.
import { createStore } from '@/lib/sim/store/store';
import { parseKindConfig } from '@/lib/kindconfig/load';
import { createSimCluster, type SimCluster } from '../cluster';
import { R, type Any } from '../gvr';

export const ARTICLE_CONFIG = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  disableDefaultCNI: true
nodes:
- role: control-plane
- role: worker
- role: worker
- role: worker
`;

export async function testCluster(o: { image?: string; config?: string; name?: string } = {}): Promise<SimCluster> {
  const parsed = parseKindConfig(o.config ?? ARTICLE_CONFIG, { name: o.name ?? 'test', image: o.image });
  if (!parsed.ok) throw new Error(parsed.error);
  const store = createStore();
  const c = createSimCluster({ name: parsed.config.name, config: parsed.config, image: o.image, pace: 'instant', store });
  c.bootstrap();
  await c.settle();
  return c;
}

export const pods = (c: SimCluster, ns?: string) => c.store.list(R.pods, ns).items as Any[];
export const nodes = (c: SimCluster) => c.store.list(R.nodes, undefined).items as Any[];
export const eventsFor = (c: SimCluster, ns: string, name: string) =>
  (c.store.list(R.events, ns).items as Any[]).filter((e) => e.involvedObject?.name === name);

/** Applies manifest objects like `kubectl apply` would create them. */
export function apply(c: SimCluster, objs: Any[]) {
  const map: Record<string, Any> = { DaemonSet: R.daemonsets, Deployment: R.deployments, ConfigMap: R.configmaps, ServiceAccount: R.serviceaccounts, Namespace: R.namespaces, Pod: R.pods, Service: R.services };
  for (const o of objs) c.store.create(map[o.kind], o);
}
