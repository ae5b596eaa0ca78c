// Shared state of one simulated cluster's behaviour and the tiny controller framework: every
// controller reconciles everything it owns when a resource it watches changes (the cluster is small).
import type { ClusterConfig } from '@/lib/kindconfig/types';
import type { GVR, Store, StoreEvent } from '@/lib/sim/store/types';
import type { SimClock } from './clock';
import type { EventRecorder } from './events';
import type { NodeState } from './node-state';
import type { EmulatedVersion } from './versions';

export interface ClusterRuntime {
  name: string;
  store: Store;
  clock: SimClock;
  version: EmulatedVersion;
  config: ClusterConfig;
  events: EventRecorder;
  nodes: Map<string, NodeState>;
  /** Called when a node's simulated filesystem changes (containerd re-reads /etc/cni/net.d). */
  fsChanged(node: string): void;
  /** Persist hook (node state changed). */
  dirty(): void;
}

export interface Controller {
  readonly name: string;
  /** Resources whose changes trigger reconcile(); empty = only explicit kicks. */
  readonly watches: GVR[];
  reconcile(): void;
  /** Also reconcile on this period (time-based conditions such as progress deadlines). */
  readonly periodMs?: number;
  onEvent?(ev: StoreEvent): void;
  start?(): void;
  stop?(): void;
}

export class ControllerLoop {
  private queued = new Set<Controller>();
  private unsub?: () => void;
  private periodic: Array<{ cancel(): void }> = [];

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly controllers: Controller[],
  ) {}

  start() {
    this.unsub = this.rt.store.subscribe((ev) => {
      for (const c of this.controllers) {
        c.onEvent?.(ev);
        if (c.watches.some((g) => g.group === ev.gvr.group && g.resource === ev.gvr.resource)) this.kick(c);
      }
    });
    for (const c of this.controllers) c.start?.();
    for (const c of this.controllers) if (c.periodMs) this.periodic.push(this.rt.clock.every(c.periodMs, () => this.kick(c)));
    for (const c of this.controllers) this.kick(c);
  }

  kick(c: Controller) {
    if (this.queued.has(c)) return;
    this.queued.add(c);
    this.rt.clock.after(0, () => {
      this.queued.delete(c);
      try {
        c.reconcile();
      } catch (e) {
        // A controller bug must not stop the others; surface it for tests/logs.
        if (process.env.SIM_DEBUG) console.error(`[sim] ${c.name}:`, e);
      }
    });
  }

  kickAll() {
    for (const c of this.controllers) this.kick(c);
  }

  stop() {
    this.unsub?.();
    for (const p of this.periodic) p.cancel();
    for (const c of this.controllers) c.stop?.();
  }
}
