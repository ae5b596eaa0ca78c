// What a CNI's node agent does once its pod runs on a node: install its config (and binaries) into
// the node's /etc/cni/net.d and /opt/cni/bin, and (Calico, Cilium) set NetworkUnavailable=False.
// Files stay when the agent is deleted, as on a real node.
import { R, type Any } from '../gvr';
import type { ClusterRuntime, Controller } from '../runtime';
import { cniForPod } from './defs';

const rfc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class CniAgents implements Controller {
  readonly name = 'cni-agents';
  readonly watches = [R.pods];
  private inFlight = new Set<string>();

  constructor(private readonly rt: ClusterRuntime) {}

  reconcile() {
    const { items } = this.rt.store.list(R.pods, undefined);
    for (const pod of items as Any[]) {
      if (pod.status?.phase !== 'Running' || !pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
      const def = cniForPod(pod);
      if (!def) continue;
      const st = this.rt.nodes.get(pod.spec.nodeName);
      const uid = pod.metadata.uid;
      if (!st || st.cniApplied?.includes(uid) || this.inFlight.has(uid)) continue;
      this.inFlight.add(uid);
      // Agents need a moment after start (install-cni, IPAM, BPF/route setup).
      this.rt.clock.after(1500 + Math.floor(Math.random() * 2000), () => {
        this.inFlight.delete(uid);
        let conf: string | undefined;
        if (def.id === 'flannel') conf = this.flannelConf(pod);
        const files = def.files({ nodeName: st.name, podCIDR: st.podCIDR, configMapConf: conf });
        Object.assign(st.files, files);
        for (const b of def.binaries) st.files[`/opt/cni/bin/${b}`] ??= `\x7fELF ${def.id} ${b}\n`;
        st.cniApplied = [...(st.cniApplied ?? []), uid];
        if (def.condition) this.setNetworkAvailable(st.name, def.condition);
        this.rt.dirty();
        this.rt.fsChanged(st.name);
      });
    }
  }

  private flannelConf(pod: Any): string | undefined {
    for (const v of pod.spec?.volumes ?? []) {
      const name = v?.configMap?.name;
      if (!name) continue;
      const cm = this.rt.store.get(R.configmaps, pod.metadata.namespace, name) as Any;
      const c = cm?.data?.['cni-conf.json'];
      if (typeof c === 'string') return c;
    }
    return undefined;
  }

  private setNetworkAvailable(node: string, c: { reason: string; message: string }) {
    const t = rfc(this.rt.clock.now());
    this.rt.store.mutate(R.nodes, undefined, node, (n: Any) => {
      const conds: Any[] = (n.status.conditions ??= []);
      const existing = conds.find((x) => x.type === 'NetworkUnavailable');
      const next = { type: 'NetworkUnavailable', status: 'False', lastHeartbeatTime: t, lastTransitionTime: existing?.lastTransitionTime ?? t, reason: c.reason, message: c.message };
      if (existing) Object.assign(existing, next);
      else conds.unshift(next);
    });
  }
}
