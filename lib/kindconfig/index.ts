export type { ClusterConfig, NodeConfig, Networking, PortMapping, Mount } from './types';
export { DEFAULT_CLUSTER_NAME, DEFAULT_NODE_IMAGE } from './types';
export { loadKindConfig, parseKindConfig, applyOverrides, type Overrides, type ParseResult, type LoadResult } from './load';
export { validateCluster, aggregate } from './validate';
export { checkLabPolicy, checkConfigText, MAX_CONFIG_BYTES, MAX_NODES, type PolicyMessage } from './policy';
