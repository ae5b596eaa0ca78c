// Contract between the simulator's API server (HTTP side) and its cluster behaviour (controllers).
// The API server owns the implementation (lib/sim/store/store.ts); controllers write through it
// so that watches fire exactly as for requests coming from kubectl.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }>;
  finalizers?: string[];
  [key: string]: unknown;
}

/** Any Kubernetes object as JSON. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** A served resource (one group/version/plural). */
export interface ResourceInfo {
  group: string; // '' for core
  version: string;
  resource: string; // plural, e.g. 'pods'
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[]; // e.g. ['status', 'log', 'binding']
  /** Served from a CustomResourceDefinition (merge patch only, CR printer columns). */
  custom?: boolean;
  /** CRD `additionalPrinterColumns` of this version. */
  printerColumns?: Array<{ name: string; type: string; format?: string; description?: string; priority?: number; jsonPath: string }>;
}

export interface GVR {
  group: string;
  version: string;
  resource: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  gvr: GVR;
  object: KObject;
  /** The object before the change (MODIFIED/DELETED). */
  old?: KObject;
  /** Global resourceVersion of this change. */
  resourceVersion?: number;
  /** For DELETED events caused by a DELETE request: the request's propagationPolicy (default Background), so the
   * cluster-side garbage collector can remove or orphan dependents. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

/** A metav1.Status-shaped failure; the HTTP layer serialises it as is. */
export class ApiError extends Error {
  constructor(
    public readonly code: number,
    public readonly reason: string,
    message: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface Store {
  /** Current global resourceVersion (monotonic across restarts). */
  currentResourceVersion(): number;
  resources(): ResourceInfo[];
  get(gvr: GVR, namespace: string | undefined, name: string): KObject | undefined;
  list(gvr: GVR, namespace: string | undefined, opts?: ListOptions): { items: KObject[]; resourceVersion: string };
  /** Server-side create: fills uid, resourceVersion, creationTimestamp, generateName; runs admission defaults. Throws ApiError. */
  create(gvr: GVR, obj: KObject): KObject;
  /** Full replace; optimistic concurrency when obj.metadata.resourceVersion is set. Throws ApiError. */
  update(gvr: GVR, obj: KObject): KObject;
  /** Read-modify-write helper for controllers (no conflict check). Returns undefined if absent. */
  mutate(gvr: GVR, namespace: string | undefined, name: string, fn: (obj: KObject) => void): KObject | undefined;
  /** Deletes now (controllers decide about grace). Returns the deleted object or undefined. */
  remove(gvr: GVR, namespace: string | undefined, name: string): KObject | undefined;
  /** All changes, for controllers. Returns an unsubscribe function. */
  subscribe(listener: (ev: StoreEvent) => void): () => void;
}

/** Admission hook: runs inside create/update before persisting; may mutate `obj` or throw ApiError. */
export type AdmissionHook = (op: 'CREATE' | 'UPDATE', gvr: GVR, obj: KObject, old: KObject | undefined) => void;

/** What the cluster behaviour plugs into the API server. */
export interface ClusterHooks {
  /** `kubectl logs`: return the log text, or undefined for the server's generic 400/404. */
  podLogs?(namespace: string, pod: string, container: string | undefined, opts: { tailLines?: number; previous?: boolean }): string | ApiError;
  /** Called for DELETE of a pod/namespace/etc. so graceful deletion and finalisation can be simulated. Return true if handled. */
}

/** The emulated server version (GET /version). */
export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: 'clean';
  buildDate: string;
  goVersion: string;
  compiler: 'gc';
  platform: string;
}

/** A Store that can also persist: the store implementation exposes these. */
export interface PersistentStore extends Store {
  addAdmission(hook: AdmissionHook): void;
  /** Serialisable snapshot of all objects + the current resourceVersion. */
  snapshot(opts?: { shared?: boolean }): { resourceVersion: number; objects: Array<{ gvr: GVR; object: KObject }>; resources: ResourceInfo[] };
  /** Registers an extra served resource (CRDs). */
  registerResource(info: ResourceInfo): void;
  unregisterResource(gvr: GVR): void;
}
