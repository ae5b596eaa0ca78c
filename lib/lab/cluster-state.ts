import 'server-only';
// The true state of a kind cluster by name: on a real machine from kind and Docker, in the simulator
// from its saved state. Used to explain interrupted creations.
import { realExec } from '../doctor/detect';
import { findOnPath } from '../doctor/which';
import { simManager } from './sim-backend';

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
  // kind labels every node container with its cluster; this is what `kind get nodes` reads too.
  const r = await realExec(docker, ['ps', '-a', '--filter', `label=io.k8s.sigs.kind.cluster=${name}`, '--format', '{{.Names}}']);
  if (r.code !== 0) return { exists: false, nodes: [], error: r.stderr.trim().split('\n')[0] || 'docker did not answer' };
  const nodes = r.stdout.split('\n').map((s) => s.trim()).filter(Boolean).sort();
  return { exists: nodes.length > 0, nodes };
}
