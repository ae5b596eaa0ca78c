// SimManager: owns the simulated kind clusters of the app and the CLI. One API server per cluster
// (port kept across restarts), a lab-private kubeconfig per cluster, everything persisted under a
// state dir and restored on start so nothing a learner applied is lost.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ClusterConfig } from '@/lib/kindconfig/types';
import { generateClusterCerts, kubeconfigFor, type ClusterCerts } from './tls';
import { createStore, loadStore, type SimStore, type Snapshot } from './store/store';
import { DEFAULT_MAX_BYTES, loadSnapshot, writeSnapshot } from './store/persist';
import { startApiServer, type ApiServerHandle } from './api/server';
import { readClusterFile, writeFileAtomic, type ClusterFile } from './cluster-file';
import { mergedKubeconfig } from './kubeconfig-merge';
import { createSimCluster, type SimCluster, type StepId } from './cluster/cluster';
import type { Pace } from './cluster/clock';

export type KindStep = 'ensure-image' | 'prepare-nodes' | 'load-balancer' | 'write-config' | 'control-plane' | 'cni' | 'storage' | 'join-control-planes' | 'workers';

export interface ManagedCluster {
  name: string;
  cluster: SimCluster;
  store: SimStore;
  port: number;
  /** https://127.0.0.1:<port> */
  server: string;
  /** Lab-private kubeconfig file (context kind-<name>). */
  kubeconfigPath: string;
  kubeconfig: string;
  createdAt: Date;
}

export interface CreateOptions {
  name: string;
  config: ClusterConfig;
  /** `--image` override (already applied to config.nodes by the caller, kept for the version choice). */
  image?: string;
  pace: Pace;
  signal?: AbortSignal;
  onProgress?: (step: KindStep, state: 'start' | 'end') => void;
}

const NAME_RE = /^[a-z0-9.-]{1,63}$/;

// Compressed versions of what kind takes on a laptop (seconds → a few seconds in total).
const REALISTIC_MS: Record<KindStep, number> = {
  'ensure-image': 400,
  'prepare-nodes': 1800,
  'load-balancer': 600,
  'write-config': 400,
  'control-plane': 2600,
  cni: 700,
  storage: 400,
  'join-control-planes': 1500,
  workers: 1800,
};

export function defaultStateDir(): string {
  return path.resolve(process.cwd(), '.state', 'sim');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    }, { once: true });
  });
}


type Entry = ManagedCluster & {
  api: ApiServerHandle;
  certs: ClusterCerts;
  pace: Pace;
  saveTimer?: NodeJS.Timeout;
  /** The newest save queued or under way (saves run one after another). */
  saving?: Promise<void>;
  unsub?: () => void;
};

export class SimManager {
  private clusters = new Map<string, Entry>();
  private creating = new Set<string>();

  /** Cluster whose context is current in the merged kubeconfig (kind sets it on create). */
  private current: string | undefined;
  private lastSaveMs = 0;

  private constructor(readonly stateDir: string) {}

  /** Lab-private kubeconfig with every cluster, like kind's edits of ~/.kube/config (never that file). */
  mergedKubeconfigPath(): string {
    return path.join(this.stateDir, 'kubeconfig');
  }

  /** `kind export kubeconfig`: make this cluster's context current. */
  setCurrent(name: string): boolean {
    if (!this.clusters.has(name)) return false;
    this.current = name;
    this.writeMergedKubeconfig();
    return true;
  }

  currentCluster(): string | undefined {
    return this.current && this.clusters.has(this.current) ? this.current : undefined;
  }

  private writeMergedKubeconfig() {
    const cur = this.currentCluster();
    writeFileAtomic(this.mergedKubeconfigPath(), mergedKubeconfig(this.list().map((n) => this.clusters.get(n)!), cur));
    writeFileAtomic(path.join(this.stateDir, 'current'), cur ?? '');
  }

  /** Opens the state dir and restores every persisted cluster (servers listening again). */
  static async open(opts: { stateDir?: string } = {}): Promise<SimManager> {
    const m = new SimManager(opts.stateDir ?? defaultStateDir());
    mkdirSync(m.stateDir, { recursive: true, mode: 0o700 });
    try {
      m.current = readFileSync(path.join(m.stateDir, 'current'), 'utf8').trim() || undefined;
    } catch {
      m.current = undefined;
    }
    for (const name of readdirSync(m.stateDir)) {
      if (!NAME_RE.test(name) || !existsSync(path.join(m.stateDir, name, 'cluster.json'))) continue;
      try {
        await m.restore(name);
      } catch (e) {
        // A damaged state dir must not stop the others; it stays on disk for inspection.
        console.warn(`[sim] cluster "${name}" not restored from ${path.join(m.stateDir, name)}: ${(e as Error).message}`);
      }
    }
    m.writeMergedKubeconfig();
    return m;
  }

  private dir(name: string) {
    return path.join(this.stateDir, name);
  }

  list(): string[] {
    return [...this.clusters.keys()].sort();
  }

  get(name: string): ManagedCluster | undefined {
    return this.clusters.get(name);
  }

  exists(name: string): boolean {
    return this.clusters.has(name) || this.creating.has(name);
  }

  private async restore(name: string) {
    const d = this.dir(name);
    const meta = readClusterFile(path.join(d, 'cluster.json'));
    const loaded = loadSnapshot(path.join(d, 'store.json'));
    if (!loaded.snapshot) throw new Error(`store.json ${loaded.reason}${loaded.detail ? `: ${loaded.detail}` : ''}`);
    const store = loadStore(loaded.snapshot);
    const cluster = createSimCluster({ name, config: meta.cluster.config, pace: meta.pace, store, state: meta.cluster, caCertPem: meta.certs.caCert, onDirty: () => this.scheduleSave(name) });
    await this.serve(name, cluster, store, meta.certs, meta.port, meta.pace);
  }

  private async serve(name: string, cluster: SimCluster, store: SimStore, certs: ClusterCerts, port: number, pace: Pace) {
    const start = (p: number) =>
      startApiServer({
        store,
        version: cluster.version.serverVersion,
        tls: { key: certs.serverKey, cert: certs.serverCert, caCert: certs.caCert },
        port: p,
        hooks: cluster.hooks,
        clientAuth: { clientCaCert: certs.caCert },
      });
    let api: ApiServerHandle;
    try {
      api = await start(port);
    } catch {
      api = await start(0); // the old port is taken: a new one, and a rewritten kubeconfig
    }
    const server = `https://127.0.0.1:${api.port}`;
    const kubeconfig = kubeconfigFor({ server, certs, clusterName: name });
    const kubeconfigPath = path.join(this.dir(name), 'kubeconfig');
    mkdirSync(this.dir(name), { recursive: true, mode: 0o700 });
    writeFileAtomic(kubeconfigPath, kubeconfig);
    const entry: Entry = { name, cluster, store, port: api.port, server, kubeconfigPath, kubeconfig, createdAt: new Date(cluster.state().createdAt), api, certs, pace };
    entry.unsub = store.subscribe(() => this.scheduleSave(name));
    this.clusters.set(name, entry);
    // Not awaited: the create steps that follow must run without giving the controllers a turn in
    // between (at instant pace the scheduler would otherwise see the control plane alone).
    void this.save(name);
    return entry;
  }

  private scheduleSave(name: string) {
    const e = this.clusters.get(name);
    if (!e || e.saveTimer) return;
    // A big cluster takes a while to snapshot: space saves out so saving never dominates (≤ ~10% of the time).
    e.saveTimer = setTimeout(() => {
      e.saveTimer = undefined;
      void this.save(name);
    }, Math.max(500, this.lastSaveMs * 10));
    e.saveTimer.unref?.();
  }

  /**
   * Writes the store snapshot and cluster state, after any save already under way (so the newest
   * state always lands last), in chunks between event-loop turns so a big cluster's API keeps answering.
   */
  private save(name: string): Promise<void> {
    const e = this.clusters.get(name);
    if (!e) return Promise.resolve();
    const next = (e.saving ?? Promise.resolve()).then(() => this.write(name, e));
    e.saving = next;
    void next.finally(() => {
      if (e.saving === next) e.saving = undefined;
    });
    return next;
  }

  private async write(name: string, e: Entry) {
    const d = this.dir(name);
    if (!existsSync(d)) return;
    const t = performance.now();
    try {
      const r = await writeSnapshot(path.join(d, 'store.json'), e.store.snapshot({ shared: true }) as Snapshot);
      if (!r.written) console.warn(`[sim] cluster "${name}" not saved: its objects take ${r.bytes} bytes, over the ${DEFAULT_MAX_BYTES}-byte cap`);
      else writeFileAtomic(path.join(d, 'cluster.json'), JSON.stringify(this.meta(e)));
    } catch (err) {
      // The disk refused: the next change saves again.
      console.warn(`[sim] cluster "${name}" not saved: ${(err as Error).message}`);
    }
    this.lastSaveMs = performance.now() - t;
  }

  private meta(e: Entry): ClusterFile {
    return { format: 1, port: e.port, pace: e.pace, certs: e.certs, cluster: e.cluster.state() };
  }

  /** kind's create: steps in order with the pace's timing. Throws kind's error text for an existing cluster. */
  async create(o: CreateOptions): Promise<ManagedCluster> {
    const { name, config } = o;
    if (!NAME_RE.test(name)) throw new Error(`'${name}' is not a valid cluster name, cluster names must match \`^[a-z0-9.-]+$\``);
    if (this.exists(name)) throw new Error(`node(s) already exist for a cluster with the name "${name}"`);
    this.creating.add(name);
    let entry: (ManagedCluster & { api: ApiServerHandle }) | undefined;
    try {
      const step = async (s: KindStep, fn?: () => void | Promise<void>) => {
        o.onProgress?.(s, 'start');
        if (o.pace === 'realistic') await sleep(REALISTIC_MS[s], o.signal);
        else if (o.signal?.aborted) throw new Error('aborted');
        await fn?.();
        o.onProgress?.(s, 'end');
      };
      let cluster: SimCluster | undefined;
      let store: SimStore | undefined;
      let certs: ClusterCerts | undefined;
      const controlPlanes = config.nodes.filter((n) => n.role === 'control-plane').length;
      await step('ensure-image');
      await step('prepare-nodes', async () => {
        certs = await generateClusterCerts({ clusterName: name });
        store = createStore();
        mkdirSync(this.dir(name), { recursive: true, mode: 0o700 });
        cluster = createSimCluster({ name, config, image: o.image, pace: o.pace, store, caCertPem: certs.caCert, onDirty: () => this.scheduleSave(name) });
      });
      if (controlPlanes > 1) await step('load-balancer');
      await step('write-config');
      const run = (id: StepId) => () => cluster!.runStep(id);
      await step('control-plane', async () => {
        run('control-plane')();
        entry = await this.serve(name, cluster!, store!, certs!, config.networking.apiServerPort > 0 ? config.networking.apiServerPort : 0, o.pace);
      });
      if (!config.networking.disableDefaultCNI) await step('cni', run('cni'));
      await step('storage', run('storage'));
      if (controlPlanes > 1) await step('join-control-planes');
      if (config.nodes.some((n) => n.role === 'worker')) await step('workers', run('workers'));
      if (o.pace === 'instant') await cluster!.settle();
      this.current = name;
      this.writeMergedKubeconfig();
      await this.save(name);
      return this.clusters.get(name)!;
    } catch (e) {
      // kind deletes the half-made cluster unless --retain.
      if (entry) await this.delete(name);
      else rmSync(this.dir(name), { recursive: true, force: true });
      throw e;
    } finally {
      this.creating.delete(name);
    }
  }

  /** Deletes a cluster; returns its node names (docker order), or undefined if there was none. */
  async delete(name: string): Promise<string[] | undefined> {
    const e = this.clusters.get(name);
    if (!e) return undefined;
    this.clusters.delete(name);
    if (e.saveTimer) clearTimeout(e.saveTimer);
    e.unsub?.();
    e.cluster.stop();
    await e.api.close();
    await e.saving; // a save under way would otherwise write into the folder being removed
    rmSync(this.dir(name), { recursive: true, force: true });
    // kind removes the cluster's entries and unsets current-context if it pointed there.
    if (this.current === name) this.current = undefined;
    this.writeMergedKubeconfig();
    return e.cluster.nodeNames();
  }

  /** Saves and stops every cluster (servers closed); state stays on disk. */
  async close(): Promise<void> {
    for (const [name, e] of this.clusters) {
      if (e.saveTimer) clearTimeout(e.saveTimer);
      await this.save(name);
      e.unsub?.();
      e.cluster.stop();
      await e.api.close();
    }
    this.clusters.clear();
  }
}
