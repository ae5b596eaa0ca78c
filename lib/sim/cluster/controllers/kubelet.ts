// The kubelets of all nodes: Ready from containerd's NetworkReady (a loadable CNI config in
// /etc/cni/net.d), node heartbeats (Lease every 10 s, status every 5 min), node events.
import { R, type Any } from '../gvr';
import { nodeRef } from '../events';
import { KUBELET_READY, runtimeNetworkNotReady } from '../messages';
import { loadNetwork } from '../cni/runtime';
import type { ClusterRuntime, Controller } from '../runtime';
import type { TimerHandle } from '../clock';
import { KubeletPods } from './kubelet-pods';

const rfc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = (d: Date) => d.toISOString().replace(/Z$/, '000Z');

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  readonly watches = [R.pods, R.nodes, R.configmaps];
  private pendingReady = new Map<string, TimerHandle>();
  private timers: TimerHandle[] = [];
  readonly pods: KubeletPods;

  constructor(private readonly rt: ClusterRuntime) {
    this.pods = new KubeletPods(rt);
  }

  start() {
    this.timers.push(this.rt.clock.every(10_000, () => this.renewLeases()));
    this.timers.push(this.rt.clock.every(300_000, () => this.heartbeat()));
    // Pod workers retry failing syncs (NetworkNotReady, sandbox errors) on their own.
    this.timers.push(this.rt.clock.every(10_000, () => this.pods.retryFailing()));
  }

  stop() {
    for (const t of this.timers) t.cancel();
    for (const t of this.pendingReady.values()) t.cancel();
  }

  /** Network readiness of a node as containerd reports it. */
  networkReady(node: string): boolean {
    const st = this.rt.nodes.get(node);
    return !!st && !!loadNetwork(st);
  }

  reconcile() {
    for (const st of this.rt.nodes.values()) {
      const node = this.rt.store.get(R.nodes, undefined, st.name) as Any;
      if (!node) continue;
      const want = this.networkReady(st.name);
      const ready = node.status?.conditions?.find((c: Any) => c.type === 'Ready');
      const is = ready?.status === 'True';
      if (want !== is && !this.pendingReady.has(st.name)) {
        // updateRuntimeUp runs every 5 s; realistic pace waits for the next tick.
        const delay = 1000 + Math.floor(Math.random() * 4000);
        this.pendingReady.set(
          st.name,
          this.rt.clock.after(delay, () => {
            this.pendingReady.delete(st.name);
            this.setReady(st.name, this.networkReady(st.name));
          }),
        );
      }
      this.pods.syncNode(st.name, node);
    }
  }

  private setReady(name: string, ready: boolean) {
    const now = this.rt.clock.now();
    let changed = false;
    this.rt.store.mutate(R.nodes, undefined, name, (n: Any) => {
      const conds: Any[] = n.status?.conditions ?? [];
      const c = conds.find((x) => x.type === 'Ready');
      if (!c || (c.status === 'True') === ready) return;
      changed = true;
      Object.assign(c, {
        status: ready ? 'True' : 'False',
        lastHeartbeatTime: rfc(now),
        lastTransitionTime: rfc(now),
        ...(ready ? KUBELET_READY : { reason: 'KubeletNotReady', message: runtimeNetworkNotReady(this.rt.version) }),
      });
    });
    if (changed)
      this.rt.events.legacy(nodeRef(name), 'Normal', ready ? 'NodeReady' : 'NodeNotReady', `Node ${name} status is now: ${ready ? 'NodeReady' : 'NodeNotReady'}`, {
        component: 'kubelet',
        host: name,
      });
  }

  renewLeases() {
    const now = micro(this.rt.clock.now());
    for (const st of this.rt.nodes.values()) {
      this.rt.store.mutate(R.leases, 'kube-node-lease', st.name, (l: Any) => {
        l.spec.renewTime = now;
      });
    }
  }

  heartbeat() {
    const now = rfc(this.rt.clock.now());
    for (const st of this.rt.nodes.values()) {
      this.rt.store.mutate(R.nodes, undefined, st.name, (n: Any) => {
        for (const c of n.status?.conditions ?? []) c.lastHeartbeatTime = now;
      });
    }
  }
}

/** The node's Lease in kube-node-lease (kubelet heartbeat; describe node shows it). */
export function nodeLease(name: string, nodeUid: string, now: Date): Any {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: nodeUid }] },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: micro(now) },
  };
}

/** Events a kubelet sends when it starts. `restarts` > 0 repeats the condition events (kind restarts kubelet during kubeadm init). */
export function kubeletStartEvents(rt: { events: ClusterRuntime['events'] }, now: Date, name: string, restarted: boolean) {
  const src = { component: 'kubelet', host: name };
  const ref = nodeRef(name);
  const status = (s: string) => `Node ${name} status is now: ${s}`;
  if (restarted) {
    // First kubelet run before kubeadm finished: condition events with counts, no surviving Starting event.
    const first = new Date(now.getTime() - 2_000);
    const last = new Date(now.getTime() - 1_000);
    rt.events.legacy(ref, 'Normal', 'NodeHasSufficientMemory', status('NodeHasSufficientMemory'), src, { fresh: true, count: 6, first, last });
    rt.events.legacy(ref, 'Normal', 'NodeHasNoDiskPressure', status('NodeHasNoDiskPressure'), src, { fresh: true, count: 5, first, last });
    rt.events.legacy(ref, 'Normal', 'NodeHasSufficientPID', status('NodeHasSufficientPID'), src, { fresh: true, count: 5, first, last });
  }
  rt.events.legacy(ref, 'Normal', 'Starting', 'Starting kubelet.', src, { fresh: true });
  rt.events.legacy(ref, 'Normal', 'NodeHasSufficientMemory', status('NodeHasSufficientMemory'), src, { fresh: true });
  rt.events.legacy(ref, 'Normal', 'NodeHasNoDiskPressure', status('NodeHasNoDiskPressure'), src, { fresh: true });
  rt.events.legacy(ref, 'Normal', 'NodeHasSufficientPID', status('NodeHasSufficientPID'), src, { fresh: true });
  rt.events.legacy(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', src, { fresh: true });
}
