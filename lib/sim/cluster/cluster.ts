// One simulated kind cluster: bootstrap steps, controllers, node filesystems, runtime views.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterConfig } from '@/lib/kindconfig/types';
import type { ClusterHooks, KObject, PersistentStore, StoreEvent } from '@/lib/sim/store/types';
import { SimClock, type Pace } from './clock';
import { EventRecorder } from './events';
import { R, type Any } from './gvr';
import { newNodeState, nodeNames, type NodeState } from './node-state';
import { ControllerLoop, type ClusterRuntime, type Controller } from './runtime';
import { versionForImage, DEFAULT_IMAGE, type EmulatedVersion } from './versions';
import { installDefaultCni, installStorage, joinWorkers, startControlPlane } from './bootstrap';
import type { BootContext } from './bootstrap/context';
import { Scheduler } from './controllers/scheduler';
import { NodeLifecycle } from './controllers/node-lifecycle';
import { Kubelet } from './controllers/kubelet';
import { DeploymentController, ReplicaSetController } from './controllers/workloads';
import { DaemonSetController } from './controllers/daemonset';
import { EndpointSliceController, EndpointsController, GarbageCollector, NamespaceDefaults } from './controllers/services';
import { CniAgents } from './cni/agent';
import { TigeraOperator } from './cni/operators';
import { listDir } from './cni/runtime';
import { podLogs } from './logs';
import { isTerminal } from './controllers/match';
import { guardedStore } from './guarded-store';
import { podAdmission } from './admission';

export type StepId = 'control-plane' | 'cni' | 'storage' | 'workers';

export interface SimClusterState {
  format: 1;
  name: string;
  image: string;
  config: ClusterConfig;
  nodes: NodeState[];
  createdAt: string;
  caCertPem: string;
  /** Bootstrap steps already done. */
  done: StepId[];
}

export interface CreateSimClusterOptions {
  name: string;
  config: ClusterConfig;
  /** Node image (`--image`); defaults to the config's first node image, else kind v0.32.0's. */
  image?: string;
  pace: Pace;
  store: PersistentStore;
  /** PEM of the cluster CA (kube-root-ca.crt, cluster-info). */
  caCertPem?: string;
  /** Restore instead of bootstrapping. */
  state?: SimClusterState;
  /** Called whenever state() changed (debounced by the caller). */
  onDirty?: () => void;
  /** When set, state() is also written to `<stateDir>/cluster-state.json` (debounced) for loadSimClusterState(). */
  stateDir?: string;
  now?: () => Date;
}

export interface SimCluster {
  readonly name: string;
  readonly version: EmulatedVersion;
  readonly image: string;
  readonly config: ClusterConfig;
  readonly clock: SimClock;
  readonly store: PersistentStore;
  readonly hooks: ClusterHooks;
  /** Steps in kind's order for this config (CNI skipped with disableDefaultCNI). */
  steps(): StepId[];
  runStep(step: StepId): void;
  /** All remaining steps at once. */
  bootstrap(): void;
  settle(maxMs?: number): Promise<void>;
  nodeNames(): string[];
  node(name: string): NodeState | undefined;
  readFile(node: string, path: string): string | undefined;
  listDir(node: string, dir: string): string[] | undefined;
  /** docker cp of a CNI plugin binary into /opt/cni/bin (e.g. Flannel's missing `bridge`). */
  addCniBinary(node: string, name: string): boolean;
  /** Pods the node's containerd runs (for crictl). */
  runtimePods(node: string): Any[];
  state(): SimClusterState;
  stop(): void;
}

function shuffle<T>(a: T[]): T[] {
  const out = [...a];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function podCidr(podSubnet: string, i: number): string {
  const base = podSubnet.split(',')[0].split('/')[0].split('.').map(Number);
  return `${base[0]}.${base[1]}.${base[2] + i}.0/24`;
}

const PRELOADED = (v: EmulatedVersion) => [v.images.kubeProxy, v.images.coredns, v.images.etcd, v.images.pause, v.images.localPath, v.images.kindnetd, v.images.apiserver, v.images.controllerManager, v.images.scheduler];

export function createSimCluster(opts: CreateSimClusterOptions): SimCluster {
  const image = opts.state?.image ?? opts.image ?? opts.config.nodes[0]?.image ?? DEFAULT_IMAGE;
  const version = versionForImage(image);
  if (!version) throw new Error(`unsupported node image for the simulator: ${image}`);
  const now = opts.now ?? (() => new Date());
  const clock = new SimClock(opts.pace, now);
  const store = guardedStore(opts.store);
  const events = new EventRecorder(store, now);
  const name = opts.state?.name ?? opts.name;
  const config = opts.state?.config ?? opts.config;
  const caCertPem = opts.state?.caCertPem ?? opts.caCertPem ?? '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n';
  const done = new Set<StepId>(opts.state?.done ?? []);
  const createdAt = opts.state?.createdAt ?? now().toISOString();

  let nodes: NodeState[];
  if (opts.state) nodes = opts.state.nodes;
  else {
    const names = nodeNames(name, config.nodes.map((n) => n.role));
    const ips = shuffle(names.map((_, i) => `172.18.0.${i + 2}`));
    // node-ipam hands out /24s in registration order: control planes first, then workers as they join.
    const order = [...names.keys()].sort((a, b) => (config.nodes[a].role === config.nodes[b].role ? a - b : config.nodes[a].role === 'control-plane' ? -1 : 1));
    nodes = names.map((n, i) =>
      newNodeState({
        name: n,
        role: config.nodes[i].role === 'worker' ? 'worker' : 'control-plane',
        ip: ips[i],
        podCIDR: podCidr(config.networking.podSubnet, order.indexOf(i)),
        version,
        createdAt: now(),
        labels: config.nodes[i].labels,
        preloaded: PRELOADED(version),
      }),
    );
  }
  const nodeMap = new Map(nodes.map((n) => [n.name, n]));

  let loop: ControllerLoop | undefined;
  let kubelet: Kubelet | undefined;
  let saveTimer: NodeJS.Timeout | undefined;
  const dirty = () => {
    opts.onDirty?.();
    if (opts.stateDir && !saveTimer) {
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        writeState(opts.stateDir!, cluster.state());
      }, 300);
      saveTimer.unref?.();
    }
  };
  const rt: ClusterRuntime = {
    name,
    store,
    clock,
    version,
    config,
    events,
    nodes: nodeMap,
    fsChanged: (node) => {
      kubelet?.pods.clearFailing(node);
      if (loop && kubelet) loop.kick(kubelet);
      dirty();
    },
    dirty,
  };

  store.addAdmission(podAdmission(store, version));

  const ctx = (): BootContext => ({ store, version, clusterName: name, config, events, now, nodes, caCertPem, apiServerPort: 6443 });

  function startControllers() {
    if (loop) return;
    kubelet = new Kubelet(rt);
    const controllers: Controller[] = [
      new NamespaceDefaults(rt, caCertPem),
      new NodeLifecycle(rt),
      new Scheduler(rt),
      kubelet,
      new CniAgents(rt),
      new TigeraOperator(rt),
      new DeploymentController(rt),
      new ReplicaSetController(rt),
      new DaemonSetController(rt),
      new EndpointsController(rt),
      new EndpointSliceController(rt),
      new GarbageCollector(rt),
    ];
    loop = new ControllerLoop(rt, controllers);
    loop.start();
  }

  const stepsFor = (): StepId[] => ['control-plane', ...(config.networking.disableDefaultCNI ? [] : (['cni'] as StepId[])), 'storage', 'workers'];

  const cluster: SimCluster = {
    name,
    version,
    image,
    config,
    clock,
    store,
    hooks: {
      podLogs: (namespace, pod, container) => podLogs(store, version, namespace, pod, container),
    },
    steps: stepsFor,
    runStep(step) {
      if (done.has(step)) return;
      const c = ctx();
      if (step === 'control-plane') {
        startControlPlane(c);
        startControllers();
      } else if (step === 'cni') {
        const cp = nodes.find((n) => n.role === 'control-plane')!;
        installDefaultCni(c, cp.files['/kind/manifests/default-cni.yaml'] ?? '');
      } else if (step === 'storage') installStorage(c);
      else if (step === 'workers') joinWorkers(c);
      done.add(step);
      dirty();
    },
    bootstrap() {
      for (const s of stepsFor()) cluster.runStep(s);
    },
    settle: (maxMs) => clock.settle(maxMs),
    nodeNames: () => nodes.map((n) => n.name),
    node: (n) => nodeMap.get(n),
    readFile: (n, path) => nodeMap.get(n)?.files[path],
    listDir(n, dir) {
      const st = nodeMap.get(n);
      if (!st) return undefined;
      const d = dir.replace(/\/+$/, '');
      const entries = listDir(st, d);
      if (!entries.length && !Object.keys(st.files).some((p) => p.startsWith(`${d}/`))) return KNOWN_DIRS.has(d) ? [] : undefined;
      return entries;
    },
    addCniBinary(n, bin) {
      const st = nodeMap.get(n);
      if (!st || !/^[A-Za-z0-9._-]{1,64}$/.test(bin)) return false;
      st.files[`/opt/cni/bin/${bin}`] = `\x7fELF containernetworking/plugins ${bin}\n`;
      rt.fsChanged(n);
      return true;
    },
    runtimePods(n) {
      const { items } = store.list(R.pods, undefined, { fieldSelector: `spec.nodeName=${n}` });
      return (items as Any[]).filter((p) => !isTerminal(p) && p.status?.phase === 'Running');
    },
    state: () => ({ format: 1, name, image, config, nodes, createdAt, caCertPem, done: [...done] }),
    stop() {
      loop?.stop();
      clock.stop();
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = undefined;
        if (opts.stateDir) writeState(opts.stateDir, cluster.state());
      }
    },
  };
  if (opts.state && done.has('control-plane')) startControllers();
  return cluster;
}

function writeState(dir: string, state: SimClusterState) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'cluster-state.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** Reads what createSimCluster({ stateDir }) wrote, for createSimCluster({ state }). */
export function loadSimClusterState(dir: string): SimClusterState | undefined {
  try {
    const s = JSON.parse(readFileSync(path.join(dir, 'cluster-state.json'), 'utf8')) as SimClusterState;
    return s.format === 1 ? s : undefined;
  } catch {
    return undefined;
  }
}

const KNOWN_DIRS = new Set(['/etc/cni/net.d', '/opt/cni/bin', '/etc/kubernetes/manifests', '/kind/manifests']);

export type { KObject, StoreEvent };
