// The cluster as the lab's panels and checks see it: a compact, serialisable snapshot built from
// watches (client-node) on a live kind cluster or on the simulated one. No Node or React imports.

export interface TaintView {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
}

export interface ConditionView {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface NodeView {
  name: string;
  uid: string;
  /** Status of the Ready condition ('Unknown' when absent). */
  ready: 'True' | 'False' | 'Unknown';
  readyReason?: string;
  readyMessage?: string;
  conditions: ConditionView[];
  taints: TaintView[];
  roles: string[];
  internalIP?: string;
  podCIDR?: string;
  kubeletVersion?: string;
  containerRuntime?: string;
  unschedulable: boolean;
  /**
   * What the API shows of the node's pod network: 'missing' while the Ready message says the CNI is
   * not initialised, 'agent-running' when a known CNI agent pod runs on it, 'ready' when Ready=True.
   */
  cni: { state: 'missing' | 'agent-starting' | 'agent-running' | 'ready' | 'unknown'; plugin?: 'kindnet' | 'calico' | 'cilium' | 'flannel' | string };
}

export interface ContainerView {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  reason?: string;
  message?: string;
}

export interface PodView {
  namespace: string;
  name: string;
  uid: string;
  phase: string;
  /** What `kubectl get pods` shows in STATUS (Terminating, ContainerCreating, CrashLoopBackOff…). */
  status: string;
  nodeName?: string;
  podIP?: string;
  hostNetwork: boolean;
  /** A static (mirror) pod run by the kubelet from /etc/kubernetes/manifests. */
  static: boolean;
  ownerKind?: string;
  ownerName?: string;
  labels: Record<string, string>;
  tolerations: Array<{ key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }>;
  /** The PodScheduled condition, when present. */
  scheduled?: ConditionView;
  containers: ContainerView[];
  deleting: boolean;
  createdAt?: string;
}

export interface EventView {
  namespace: string;
  name: string;
  uid: string;
  type: 'Normal' | 'Warning' | string;
  reason: string;
  message: string;
  involved: { kind: string; name: string; namespace?: string; uid?: string };
  /** `default-scheduler`, `kubelet, test-worker`, … as kubectl describe shows it. */
  source: string;
  count: number;
  firstTime?: string;
  lastTime?: string;
}

export interface NamespaceView {
  name: string;
  phase: string;
}

export interface ClusterSnapshot {
  /** false when no cluster answers (not created yet, deleted, Docker stopped). */
  reachable: boolean;
  /** Why not reachable, in plain words. */
  error?: string;
  /**
   * Why not reachable, as a code the UI can translate: no kind cluster/context yet, the current
   * context is not a kind cluster (live mode), or the API server did not answer (`error` has details).
   */
  errorCode?: 'no-cluster' | 'not-kind' | 'unreachable';
  mode: 'live' | 'sim';
  /** kubeconfig context the snapshot comes from, e.g. kind-test. */
  context?: string;
  /** Server version (gitVersion), when known. */
  serverVersion?: string;
  nodes: NodeView[];
  pods: PodView[];
  /** Most recent events first, capped (e.g. 200). */
  events: EventView[];
  namespaces: NamespaceView[];
  /** Monotonic counter bumped on every change the watcher saw. */
  revision: number;
  /** ms since epoch when the snapshot was taken. */
  at: number;
}
