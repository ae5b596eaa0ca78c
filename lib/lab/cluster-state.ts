import 'server-only';
// The true state of a kind cluster by name: on a real machine from kind and Docker, in the simulator
// from its saved state. Used to explain interrupted creations.
import { realExec } from '../doctor/detect';
import { findOnPath } from '../doctor/which';
import { simManager } from './sim-backend';

/**
 * The label kind puts on every node container it creates, valued with the cluster's name
 * (kind's docker provider, constants.go `clusterLabelKey`; `io.k8s.sigs.kind.cluster` is kind ≤ 0.5's).
 */
export const KIND_CLUSTER_LABEL = 'io.x-k8s.kind.cluster';

export interface ClusterState {
  exists: boolean;
  /** Node containers (live) or nodes (sim) that exist for it. */
  nodes: string[];
  error?: string;
}

export async function clusterState(mode: 'live' | 'sim', name: string): Promise<ClusterState> {
  if (mode === 'sim') {
    const m = await simManager();
    const c = m.get(name);
    return { exists: m.exists(name), nodes: c ? c.cluster.nodeNames() : [] };
  }
  const docker = findOnPath('docker');
  if (!docker) return { exists: false, nodes: [], error: 'docker is not installed' };
  // The same query kind's docker provider makes for `kind get nodes` (-a: stopped and never-started too).
  const r = await realExec(docker, ['ps', '-a', '--filter', `label=${KIND_CLUSTER_LABEL}=${name}`, '--format', '{{.Names}}']);
  if (r.code !== 0) return { exists: false, nodes: [], error: r.stderr.trim().split('\n')[0] || 'docker did not answer' };
  const nodes = r.stdout.split('\n').map((s) => s.trim()).filter(Boolean).sort();
  return { exists: nodes.length > 0, nodes };
}
