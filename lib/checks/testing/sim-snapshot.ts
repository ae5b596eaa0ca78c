// Test fixtures: the ClusterSnapshot the lab's watcher would publish for an in-process simulated
// cluster, built with the watcher's own builder (lib/cluster/snapshot) from the raw API objects.
import type { SimCluster } from '@/lib/sim/cluster/cluster';
import type { ClusterSnapshot } from '@/lib/cluster/types';
import { buildSnapshot, unreachableSnapshot } from '@/lib/cluster/snapshot';
import { rawState } from '@/lib/cluster/testing/sim-raw';

export function snapshotOf(c: SimCluster, context = `kind-${c.name}`): ClusterSnapshot {
  return buildSnapshot(rawState(c), { mode: 'sim', context, serverVersion: c.version.gitVersion, revision: 1 });
}

/** What the watcher reports when no cluster answers (before create, after delete). */
export function unreachable(error = 'no cluster'): ClusterSnapshot {
  return unreachableSnapshot('sim', 'no-cluster', error, 0);
}
