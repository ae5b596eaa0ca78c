import type { ClusterConfig } from '@/lib/kindconfig/types';
import type { GVR, KObject, Store } from '@/lib/sim/store/types';
import type { EventRecorder } from '../events';
import type { Any } from '../gvr';
import type { NodeState } from '../node-state';
import type { EmulatedVersion } from '../versions';

export interface BootContext {
  store: Store;
  version: EmulatedVersion;
  clusterName: string;
  config: ClusterConfig;
  events: EventRecorder;
  now: () => Date;
  nodes: NodeState[];
  caCertPem: string;
  apiServerPort: number;
}

/** create() that tolerates re-runs (restores, retries). */
export function ensure(store: Store, gvr: GVR, obj: Any): KObject {
  const existing = store.get(gvr, obj.metadata.namespace, obj.metadata.name);
  if (existing) return existing;
  return store.create(gvr, obj);
}

export const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const microTime = (d: Date) => d.toISOString().replace(/Z$/, '000Z');
