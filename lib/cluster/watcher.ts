import 'server-only';
// One process-wide watcher of the cluster the lab points at (informers on nodes, pods, events and
// namespaces), fanned out to SSE subscribers as ClusterSnapshots. It starts with the first subscriber,
// stops 30 s after the last, follows kubeconfig changes (kind create/delete) and recovers dropped
// watches. State lives on globalThis because Next bundles each route separately.
import * as k8s from '@kubernetes/client-node';
import { buildSnapshot, unreachableSnapshot, type Raw } from './snapshot';
import { NO_CLUSTER, resolveTarget, type Target } from './kubeconfig';
import type { ClusterSnapshot } from './types';

export type Listener = (s: ClusterSnapshot) => void;

export interface WatcherOptions {
  /** How often the kubeconfig (and mode) is re-checked. */
  pollMs?: number;
  /** Coalescing window: bursts of changes become one snapshot, latency stays near this. */
  debounceMs?: number;
  idleStopMs?: number;
  /** Restart backoff after a watch error: min doubling up to max. */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  resolve?: () => Promise<Target>;
}

const REQUEST_TIMEOUT_MS = 5000;

type Informer = k8s.Informer<k8s.KubernetesObject> & k8s.ObjectCache<k8s.KubernetesObject>;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}

/** A short, single-line reason from a client-node / fetch error. */
export function errorText(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: string; message?: string }; message?: string; statusCode?: number };
  const cause = e?.cause?.code || e?.cause?.message;
  const msg = String(e?.message ?? err ?? 'unknown error').split('\n')[0].slice(0, 300);
  return cause && !msg.includes(cause) ? `${msg} (${cause})` : msg;
}

export class ClusterWatcher {
  private listeners = new Set<Listener>();
  private snapshot: ClusterSnapshot | undefined;
  private firstWaiters: Array<() => void> = [];
  private revision = 0;
  private running = false;
  private key: string | undefined;
  private target: Target | undefined;
  private informers: Informer[] = [];
  private serverVersion: string | undefined;
  /** Connection generation: callbacks from an older connection are ignored. */
  private gen = 0;
  private connected = false;
  private backoff: number;
  private pollTimer?: NodeJS.Timeout;
  private stopTimer?: NodeJS.Timeout;
  private restartTimer?: NodeJS.Timeout;
  private flushTimer?: NodeJS.Timeout;
  private checking = false;
  private readonly o: Required<WatcherOptions>;
  /** Counters for tests and the bench: connections made, watch/list errors seen. */
  readonly stats = { connects: 0, watchErrors: 0 };

  constructor(opts: WatcherOptions = {}) {
    this.o = { pollMs: 1000, debounceMs: 100, idleStopMs: 30_000, backoffMinMs: 1000, backoffMaxMs: 5000, resolve: resolveTarget, ...opts };
    this.backoff = this.o.backoffMinMs;
  }

  /** Adds a listener; it gets the current snapshot at once (if any) and every later one. */
  subscribe(cb: Listener): () => void {
    this.listeners.add(cb);
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = undefined;
    this.start();
    if (this.snapshot) cb(this.snapshot);
    return () => {
      if (!this.listeners.delete(cb)) return;
      if (this.listeners.size === 0) this.scheduleIdleStop();
    };
  }

  /** The current snapshot, starting the watch if needed (and letting it idle out afterwards). */
  async current(waitMs = 6000): Promise<ClusterSnapshot> {
    this.start();
    if (this.listeners.size === 0) this.scheduleIdleStop();
    if (!this.snapshot) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, waitMs);
        this.firstWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.snapshot ?? unreachableSnapshot(this.target?.mode ?? 'sim', 'unreachable', 'the cluster watcher is still starting', this.revision);
  }

  get isRunning(): boolean {
    return this.running;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  private start() {
    if (this.running) return;
    this.running = true;
    this.pollTimer = setInterval(() => void this.check(), this.o.pollMs);
    this.pollTimer.unref?.();
    void this.check();
  }

  private scheduleIdleStop() {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = setTimeout(() => {
      if (this.listeners.size === 0) this.stop();
    }, this.o.idleStopMs);
    this.stopTimer.unref?.();
  }

  /** Stops everything; the next subscriber starts afresh. */
  stop() {
    this.running = false;
    for (const t of [this.pollTimer, this.stopTimer, this.restartTimer, this.flushTimer]) if (t) clearTimeout(t);
    this.pollTimer = this.stopTimer = this.restartTimer = this.flushTimer = undefined;
    this.disconnect();
    this.key = undefined;
    this.target = undefined;
    this.snapshot = undefined;
  }

  /** Re-reads the kubeconfig; reconnects when the cluster/context/file changed. */
  private async check() {
    if (this.checking || !this.running) return;
    this.checking = true;
    try {
      const t = await this.o.resolve();
      if (!this.running || t.key === this.key) return;
      this.key = t.key;
      this.target = t;
      this.backoff = this.o.backoffMinMs;
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
      // Not awaited: a connection that hangs must not stop the poll from noticing the next change.
      void this.connect();
    } catch (err) {
      this.publish(unreachableSnapshot(this.target?.mode ?? 'sim', 'unreachable', `the cluster does not answer: ${errorText(err)}`, ++this.revision));
    } finally {
      this.checking = false;
    }
  }

  private disconnect() {
    this.gen++;
    this.connected = false;
    for (const inf of this.informers) void inf.stop().catch(() => {});
    this.informers = [];
  }

  private async connect() {
    this.disconnect();
    const gen = this.gen;
    const t = this.target;
    if (!t) return;
    if (!t.ok) {
      this.publish(unreachableSnapshot(t.mode, t.code, t.reason, ++this.revision, t.context));
      return;
    }
    this.stats.connects++;
    try {
      // A cheap call first: tells "does not answer" apart quickly and gives the server version.
      const v = await withTimeout(t.kc.makeApiClient(k8s.VersionApi).getCode(), REQUEST_TIMEOUT_MS, 'GET /version');
      if (gen !== this.gen) return;
      this.serverVersion = v.gitVersion;
      const core = t.kc.makeApiClient(k8s.CoreV1Api);
      const specs: Array<[string, () => Promise<k8s.KubernetesListObject<k8s.KubernetesObject>>]> = [
        ['/api/v1/nodes', () => withTimeout(core.listNode(), REQUEST_TIMEOUT_MS, 'list nodes')],
        ['/api/v1/pods', () => withTimeout(core.listPodForAllNamespaces(), REQUEST_TIMEOUT_MS, 'list pods')],
        ['/api/v1/events', () => withTimeout(core.listEventForAllNamespaces(), REQUEST_TIMEOUT_MS, 'list events')],
        ['/api/v1/namespaces', () => withTimeout(core.listNamespace(), REQUEST_TIMEOUT_MS, 'list namespaces')],
      ];
      let failed: unknown;
      this.informers = specs.map(([p, list]) => {
        const inf = k8s.makeInformer(t.kc, p, list) as Informer;
        inf.on('change', () => this.dirty(gen));
        inf.on('error', (err: unknown) => {
          failed ??= err;
          this.onWatchError(gen, err);
        });
        return inf;
      });
      // The first list of each informer has a timeout, but its watch request may still hang.
      await withTimeout(Promise.all(this.informers.map((i) => i.start())), 2 * REQUEST_TIMEOUT_MS, 'starting the watches');
      if (gen !== this.gen || failed) return;
      this.connected = true;
      this.backoff = this.o.backoffMinMs;
      this.flush(gen);
    } catch (err) {
      this.onWatchError(gen, err);
    }
  }

  /** A watch or list failed: drop this connection, say so if we were never connected, retry with backoff. */
  private onWatchError(gen: number, err: unknown) {
    if (gen !== this.gen || !this.running) return;
    this.stats.watchErrors++;
    const wasConnected = this.connected;
    this.disconnect();
    // A watch that drops while connected is usually a blip (API server restart): keep the last
    // snapshot and only report unreachable if the relist fails too.
    if (!wasConnected) {
      const t = this.target;
      this.publish(unreachableSnapshot(t?.mode ?? 'sim', 'unreachable', `the cluster does not answer: ${errorText(err)}`, ++this.revision, t?.ok ? t.context : undefined));
    }
    const delay = wasConnected ? this.o.backoffMinMs : this.backoff;
    this.backoff = Math.min(this.o.backoffMaxMs, this.backoff * 2);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const myGen = this.gen;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      // Skip if stopped or if check() already reconnected to a changed kubeconfig meanwhile.
      if (!this.running || this.gen !== myGen) return;
      // The kubeconfig may have changed meanwhile (cluster deleted): re-resolve first.
      void this.o.resolve().then(
        (t) => {
          if (!this.running || this.gen !== myGen) return;
          this.key = t.key;
          this.target = t;
          return this.connect();
        },
        (e) => this.onWatchError(this.gen, e),
      );
    }, delay);
    this.restartTimer.unref?.();
  }

  private dirty(gen: number) {
    if (gen !== this.gen || !this.connected || this.flushTimer) return;
    // Not reset by later changes: a steady stream still yields a snapshot every debounceMs.
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush(gen);
    }, this.o.debounceMs);
  }

  private flush(gen: number) {
    const t = this.target;
    if (gen !== this.gen || !this.connected || !t?.ok) return;
    const [nodes, pods, events, namespaces] = this.informers.map((i) => i.list() as Raw[]);
    this.publish(buildSnapshot({ nodes, pods, events, namespaces }, { mode: t.mode, context: t.context, serverVersion: this.serverVersion, revision: ++this.revision }));
  }

  private publish(s: ClusterSnapshot) {
    this.snapshot = s;
    for (const w of this.firstWaiters.splice(0)) w();
    for (const cb of [...this.listeners]) {
      try {
        cb(s);
      } catch {
        // A broken subscriber (closed stream) must not stop the others.
      }
    }
  }
}

const KEY = Symbol.for('cni-lab.cluster-watcher');
type G = typeof globalThis & { [KEY]?: ClusterWatcher };

export function clusterWatcher(): ClusterWatcher {
  const g = globalThis as G;
  g[KEY] ??= new ClusterWatcher();
  return g[KEY];
}

export { NO_CLUSTER };
