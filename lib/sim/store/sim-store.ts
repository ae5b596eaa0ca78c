// The store's full interface: the public contract (types.ts) plus what the HTTP layer and tests use.
import type { GVR, KObject, ListOptions, PersistentStore, ResourceInfo } from './types';
import type { HistoryEntry } from './history';

export interface StoreOptions {
  resources?: ResourceInfo[];
  initialResourceVersion?: number;
  now?: () => Date;
  /** Watch history size (events kept for resume). */
  historySize?: number;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface Snapshot {
  resourceVersion: number;
  objects: Array<{ gvr: GVR; object: KObject }>;
  resources: ResourceInfo[];
}

/** What the HTTP layer uses beyond the public contract (references, not clones: never mutate them). */
export interface SimStore extends PersistentStore {
  now(): Date;
  info(gvr: GVR): ResourceInfo | undefined;
  /** Resolves a resource by plural, for routing (`group`, `version`, `resource`). */
  lookup(group: string, version: string, resource: string): ResourceInfo | undefined;
  /** Objects matching the options, sorted like etcd keys (namespace, name). Shared references. */
  scan(gvr: GVR, namespace: string | undefined, opts?: ListOptions): KObject[];
  getRef(gvr: GVR, namespace: string | undefined, name: string): KObject | undefined;
  /** apiserver DELETE semantics: finalizers and graceful pods only get deletionTimestamp. */
  delete(gvr: GVR, namespace: string | undefined, name: string, opts?: DeleteOptions): { object: KObject; deleted: boolean };
  /** create/update that run validation and admission but do not persist (dryRun=All). */
  dryRunCreate(gvr: GVR, obj: KObject): KObject;
  dryRunUpdate(gvr: GVR, obj: KObject): KObject;
  /** create for in-process writers (the simulated controllers) that only read the result: the stored object (shared) out. */
  createShared(gvr: GVR, obj: KObject): KObject;
  /** update for a writer that hands `obj` over (never touches it again) and only reads the result:
   * no copy in, the stored object out, no resourceVersion check (like mutate). */
  updateOwned(gvr: GVR, obj: KObject): KObject;
  /** History since `rv` (exclusive), or undefined when it is no longer available (410). */
  eventsSince(rv: number): HistoryEntry[] | undefined;
  /** Listener receiving shared references (for watches). */
  subscribeRaw(listener: (e: HistoryEntry) => void): () => void;
  /** The object as served by `gvr` (apiVersion, events.k8s.io shape). */
  view(obj: KObject, gvr: GVR): KObject;
  /** Storage identity of a resource (`HistoryEntry.key`); aliases share their target's key. */
  storageKey(gvr: GVR): string | undefined;
  /** Changes whenever the set of served resources changes (discovery/openapi caches). */
  registryGeneration(): number;
  restore(snapshot: Snapshot): void;
}
