// Loading a kind config like `kind create cluster --config` (encoding/load.go + create's
// fixupOptions): type meta first, strict decode, defaults, name/image overrides, validation.
import { decodeCluster, parseFirstDocument, readTypeMeta } from './decode';
import { toInternal, V1Alpha4Cluster } from './schema';
import type { ClusterConfig } from './types';
import { validateCluster } from './validate';

export type LoadResult = { ok: true; config: ClusterConfig; aliases: number } | { ok: false; error: string };

/** kind's encoding.Parse: returns the defaulted internal config or kind's error text (without "ERROR: failed to create cluster: "). */
export function loadKindConfig(text: string): LoadResult {
  const parsed = parseFirstDocument(text);
  if (!parsed.ok) return { ok: false, error: `could not determine kind / apiVersion for config: ${parsed.error}` };
  const tm = readTypeMeta(parsed.ctx, parsed.root);
  if (!tm.ok) return tm;
  if (tm.apiVersion !== 'kind.x-k8s.io/v1alpha4') return { ok: false, error: `unknown apiVersion: ${tm.apiVersion}` };
  if (tm.kind !== 'Cluster') return { ok: false, error: `unknown kind ${tm.kind} for apiVersion: ${tm.apiVersion}` };
  const dec = decodeCluster(parsed.ctx, parsed.root);
  if (!dec.ok) return { ok: false, error: `unable to decode config: ${dec.error}` };
  const v = V1Alpha4Cluster.safeParse(dec.value);
  // The strict decoder already enforces the types; a mismatch here is a bug in the field tables.
  if (!v.success) return { ok: false, error: `unable to decode config: ${v.error.issues[0]?.message ?? 'invalid'}` };
  return { ok: true, config: toInternal(v.data), aliases: parsed.ctx.aliases };
}

export interface Overrides {
  /** `--name` */
  name?: string;
  /** `KIND_CLUSTER_NAME` */
  envName?: string;
  /** `--image`: replaces every node's image. */
  image?: string;
}

/** Name precedence: --name > KIND_CLUSTER_NAME > config name > "kind". */
export function applyOverrides(config: ClusterConfig, o: Overrides): ClusterConfig {
  const out: ClusterConfig = { ...config, nodes: config.nodes.map((n) => ({ ...n })) };
  // config.name is already defaulted to "kind" when the file has none.
  if (o.name) out.name = o.name;
  else if (o.envName) out.name = o.envName;
  if (o.image) for (const n of out.nodes) n.image = o.image;
  return out;
}

export type ParseResult = { ok: true; config: ClusterConfig } | { ok: false; error: string };

/** Load + overrides + validation. `text` undefined means "no --config" (kind's default config). */
export function parseKindConfig(text: string | undefined, o: Overrides = {}): ParseResult {
  let config: ClusterConfig;
  if (text === undefined) {
    config = toInternal({});
  } else {
    const r = loadKindConfig(text);
    if (!r.ok) return r;
    config = r.config;
  }
  const final = applyOverrides(config, o);
  const err = validateCluster(final);
  if (err) return { ok: false, error: err };
  return { ok: true, config: final };
}

