// Test helper: the raw objects of an in-process simulated cluster, as a watch would deliver them,
// plus the lesson-2 kindnet manifest applied the way kubectl apply creates its objects.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { R, type Any } from '@/lib/sim/cluster/gvr';
import type { SimCluster } from '@/lib/sim/cluster/cluster';
import { apply } from '@/lib/sim/cluster/testing/harness';
import type { RawState } from '../snapshot';

export function rawState(c: SimCluster): RawState {
  // A JSON round trip, as the objects would arrive over HTTP.
  const list = (gvr: Any) => JSON.parse(JSON.stringify(c.store.list(gvr, undefined).items)) as Any[];
  return { nodes: list(R.nodes), pods: list(R.pods), events: list(R.events), namespaces: list(R.namespaces) };
}

export function createNginx(c: SimCluster) {
  c.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
}

export const KINDNET_YAML = path.resolve(__dirname, '../../../lessons/02-fix-with-a-cni/files/kindnet.yaml');

export function applyKindnet(c: SimCluster) {
  const objs = YAML.parseAllDocuments(fs.readFileSync(KINDNET_YAML, 'utf8')).map((d) => d.toJSON()).filter(Boolean) as Any[];
  apply(c, objs.filter((o) => ['DaemonSet', 'ConfigMap', 'ServiceAccount'].includes(o.kind)));
}
