// Patch strategies of the built-in types' list fields (the `patchStrategy`/`patchMergeKey` struct tags in
// k8s.io/api) for the fields kubectl apply touches. Lists not listed here are replaced (atomic).

export interface ListStrategy {
  mergeKey?: string;
  /** Primitive list merged as a set (e.g. metadata.finalizers). */
  primitiveMerge?: boolean;
}

const POD_CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const NAME_KEYED = new Set(['containers', 'initContainers', 'ephemeralContainers', 'env', 'volumes', 'imagePullSecrets', 'resourceClaims', 'schedulingGates']);

/** `kind` is the object's Kind, `path` the field names from the root (no indices). */
export function listStrategy(kind: string, path: string[]): ListStrategy | undefined {
  const name = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 2 && path[0] === 'metadata') {
    if (name === 'finalizers') return { primitiveMerge: true };
    if (name === 'ownerReferences') return { mergeKey: 'uid' };
    return undefined;
  }
  if (NAME_KEYED.has(name)) return { mergeKey: 'name' };
  switch (name) {
    case 'volumeMounts':
      return { mergeKey: 'mountPath' };
    case 'volumeDevices':
      return { mergeKey: 'devicePath' };
    case 'ports':
      if (POD_CONTAINER_LISTS.has(parent)) return { mergeKey: 'containerPort' };
      if (kind === 'Service' && path.length === 2 && path[0] === 'spec') return { mergeKey: 'port' };
      return undefined;
    case 'conditions':
      return path[0] === 'status' ? { mergeKey: 'type' } : undefined;
    case 'addresses':
      return kind === 'Node' && path[0] === 'status' ? { mergeKey: 'type' } : undefined;
    case 'hostAliases':
      return { mergeKey: 'ip' };
    case 'topologySpreadConstraints':
      return { mergeKey: 'topologyKey' };
    case 'podIPs':
    case 'hostIPs':
      return path[0] === 'status' ? { mergeKey: 'ip' } : undefined;
    default:
      return undefined;
  }
}
