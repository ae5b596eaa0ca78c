// Strict decoding of a kind config, reproducing gopkg.in/yaml.v3 with KnownFields(true) as kind
// uses it (pkg/internal/apis/config/encoding/load.go): unknown fields and type mismatches are
// collected as "line N: …" entries and reported together as "yaml: unmarshal errors:\n  …".
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node as YNode } from 'yaml';

type FieldType =
  | { t: 'string'; go: string }
  | { t: 'int32' }
  | { t: 'bool' }
  | { t: 'struct'; name: StructName }
  | { t: 'seq'; of: FieldType; go: string }
  | { t: 'map'; of: FieldType; go: string };

type StructName = 'Cluster' | 'Node' | 'Networking' | 'Mount' | 'PortMapping' | 'PatchJSON6902';

const str: FieldType = { t: 'string', go: 'string' };
const typed = (go: string): FieldType => ({ t: 'string', go: `v1alpha4.${go}` });
const int32: FieldType = { t: 'int32' };
const bool: FieldType = { t: 'bool' };
const struct = (name: StructName): FieldType => ({ t: 'struct', name });
const seqOf = (of: FieldType, go: string): FieldType => ({ t: 'seq', of, go });
const patches = seqOf(struct('PatchJSON6902'), '[]v1alpha4.PatchJSON6902');

// Field tables follow pkg/apis/config/v1alpha4/types.go (v0.32.0).
const STRUCTS: Record<StructName, Record<string, FieldType>> = {
  Cluster: {
    kind: str,
    apiVersion: str,
    name: str,
    nodes: seqOf(struct('Node'), '[]v1alpha4.Node'),
    networking: struct('Networking'),
    featureGates: { t: 'map', of: bool, go: 'map[string]bool' },
    runtimeConfig: { t: 'map', of: str, go: 'map[string]string' },
    kubeadmConfigPatches: seqOf(str, '[]string'),
    kubeadmConfigPatchesJSON6902: patches,
    containerdConfigPatches: seqOf(str, '[]string'),
    containerdConfigPatchesJSON6902: seqOf(str, '[]string'),
  },
  Node: {
    role: typed('NodeRole'),
    image: str,
    labels: { t: 'map', of: str, go: 'map[string]string' },
    extraMounts: seqOf(struct('Mount'), '[]v1alpha4.Mount'),
    extraPortMappings: seqOf(struct('PortMapping'), '[]v1alpha4.PortMapping'),
    gpus: str,
    kubeadmConfigPatches: seqOf(str, '[]string'),
    kubeadmConfigPatchesJSON6902: patches,
  },
  Networking: {
    ipFamily: typed('ClusterIPFamily'),
    apiServerPort: int32,
    apiServerAddress: str,
    podSubnet: str,
    serviceSubnet: str,
    disableDefaultCNI: bool,
    kubeProxyMode: typed('ProxyMode'),
    dnsSearch: seqOf(str, '[]string'),
  },
  Mount: {
    containerPath: str,
    hostPath: str,
    readOnly: bool,
    selinuxRelabel: bool,
    propagation: typed('MountPropagation'),
  },
  PortMapping: {
    containerPort: int32,
    hostPort: int32,
    listenAddress: str,
    protocol: typed('PortMappingProtocol'),
  },
  PatchJSON6902: { group: str, version: str, kind: str, patch: str },
};

export interface DecodeContext {
  lc: LineCounter;
  doc?: Document;
  errors: string[];
  aliases: number;
}

function line(ctx: DecodeContext, n: YNode | null | undefined): number {
  const off = n?.range?.[0] ?? 0;
  return ctx.lc.linePos(off).line;
}

function deref(ctx: DecodeContext, n: unknown): YNode | null {
  if (isAlias(n)) {
    ctx.aliases++;
    return ctx.doc ? ((n.resolve(ctx.doc) as YNode | undefined) ?? null) : null;
  }
  return (n as YNode | null) ?? null;
}

// yaml.v3 `shortTag` of a resolved plain scalar.
function scalarTag(n: YNode): string {
  if (!isScalar(n)) return isSeq(n) ? '!!seq' : '!!map';
  const v = n.value;
  if (v === null) return '!!null';
  if (typeof v === 'boolean') return '!!bool';
  if (typeof v === 'number' || typeof v === 'bigint') return Number.isInteger(Number(v)) && !/[.eE]/.test(String(n.source ?? '')) ? '!!int' : '!!float';
  return '!!str';
}

function rawText(n: YNode): string {
  if (!isScalar(n)) return '';
  return typeof n.source === 'string' ? n.source : String(n.value);
}

// yaml.v3 decoder.terror: values longer than 10 bytes are shortened to 7 + "...".
function terror(ctx: DecodeContext, n: YNode, into: string): void {
  const tag = scalarTag(n);
  let value = '';
  if (tag !== '!!seq' && tag !== '!!map') {
    const raw = rawText(n);
    value = raw.length > 10 ? ` \`${raw.slice(0, 7)}...\`` : ` \`${raw}\``;
  }
  ctx.errors.push(`line ${line(ctx, n)}: cannot unmarshal ${tag}${value} into ${into}`);
}

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

function typeName(t: FieldType): string {
  switch (t.t) {
    case 'string':
      return t.go;
    case 'int32':
      return 'int32';
    case 'bool':
      return 'bool';
    case 'struct':
      return `v1alpha4.${t.name}`;
    default:
      return t.go;
  }
}

/** Decodes `node` as `t`, returning the JS value (undefined for null/absent). */
function decodeValue(ctx: DecodeContext, nodeIn: unknown, t: FieldType): unknown {
  const n = deref(ctx, nodeIn);
  if (!n) return undefined;
  if (isScalar(n) && n.value === null) return undefined;
  switch (t.t) {
    case 'string':
      if (!isScalar(n)) return terror(ctx, n, t.go);
      return rawScalarString(n);
    case 'int32': {
      if (!isScalar(n)) return terror(ctx, n, 'int32');
      const v = n.value;
      const num = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
      if (!Number.isFinite(num) || !Number.isInteger(num) || num < -2147483648 || num > 2147483647) return terror(ctx, n, 'int32');
      return num;
    }
    case 'bool': {
      if (!isScalar(n)) return terror(ctx, n, 'bool');
      if (typeof n.value === 'boolean') return n.value;
      const raw = rawText(n);
      if (typeof n.value === 'string' && YAML11_TRUE.has(raw)) return true;
      if (typeof n.value === 'string' && YAML11_FALSE.has(raw)) return false;
      return terror(ctx, n, 'bool');
    }
    case 'struct':
      return decodeStruct(ctx, n, t.name);
    case 'seq': {
      if (!isSeq(n)) return terror(ctx, n, t.go);
      return n.items.map((it) => decodeValue(ctx, it, t.of));
    }
    case 'map': {
      if (!isMap(n)) return terror(ctx, n, t.go);
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        const k = deref(ctx, pair.key);
        const key = k && isScalar(k) ? rawScalarString(k) : '';
        out[key] = decodeValue(ctx, pair.value, t.of) ?? zeroOf(t.of);
      }
      return out;
    }
  }
}

function rawScalarString(n: YNode): string {
  if (!isScalar(n)) return '';
  if (typeof n.value === 'string') return n.value;
  return rawText(n);
}

function zeroOf(t: FieldType): unknown {
  return t.t === 'bool' ? false : t.t === 'int32' ? 0 : t.t === 'string' ? '' : undefined;
}

function decodeStruct(ctx: DecodeContext, n: YNode, name: StructName): Record<string, unknown> | undefined {
  if (!isMap(n)) {
    terror(ctx, n, `v1alpha4.${name}`);
    return undefined;
  }
  const fields = STRUCTS[name];
  const out: Record<string, unknown> = {};
  const seen = new Map<string, number>();
  for (const pair of n.items) {
    const k = deref(ctx, pair.key) as YNode | null;
    const key = k && isScalar(k) ? rawScalarString(k) : '';
    const kl = line(ctx, k);
    const prev = seen.get(key);
    if (prev !== undefined) {
      ctx.errors.push(`line ${kl}: mapping key ${JSON.stringify(key)} already defined at line ${prev}`);
      continue;
    }
    seen.set(key, kl);
    const ft = fields[key];
    if (!ft) {
      ctx.errors.push(`line ${kl}: field ${key} not found in type v1alpha4.${name}`);
      continue;
    }
    const v = decodeValue(ctx, pair.value, ft);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

export type DecodeResult =
  | { ok: true; value: Record<string, unknown>; typeMeta: { kind: string; apiVersion: string }; aliases: number }
  | { ok: false; error: string };

/** First YAML document of `text`, as yaml.v3's Decoder would read it. */
export function parseFirstDocument(text: string): { ok: true; ctx: DecodeContext; root: YNode | null } | { ok: false; error: string } {
  // Bounds before the real parse: yaml.v3 refuses alias bombs ("excessive aliasing") and very deep
  // documents; the lab's limits are lower because every alias here is resolved by a walk.
  if (flowDepth(text) > MAX_DEPTH) return { ok: false, error: `yaml: exceeded max depth of ${MAX_DEPTH} (lab limit)` };
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, version: '1.2' });
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  if (!doc) return { ok: true, ctx: { lc, errors: [], aliases: 0 }, root: null };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const l = e.linePos?.[0]?.line ?? 1;
    return { ok: false, error: `yaml: line ${l}: ${goYamlSyntaxMessage(e.code)}` };
  }
  let aliases = 0;
  visit(doc, { Alias: () => (++aliases > MAX_ALIASES ? visit.BREAK : undefined) });
  if (aliases > MAX_ALIASES) return { ok: false, error: 'yaml: document contains excessive aliasing' };
  return { ok: true, ctx: { lc, doc, errors: [], aliases: 0 }, root: (doc.contents as YNode | null) ?? null };
}

const MAX_DEPTH = 100;
const MAX_ALIASES = 50;

/** Deepest [ / { nesting outside quotes: a cheap scan, so "[[[[…" never reaches the parser. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' ) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      if (++depth > max && (max = depth) > MAX_DEPTH) return max;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return max;
}

// Approximations of libyaml's scanner/parser messages for the commonest mistakes (exact text [U]).
function goYamlSyntaxMessage(code: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'did not find expected key';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'UNEXPECTED_TOKEN':
      return 'did not find expected node content';
    default:
      return 'could not find expected \':\'';
  }
}

/** Reads apiVersion/kind leniently (kind's first pass, yaml.Unmarshal into typeMeta). */
export function readTypeMeta(ctx: DecodeContext, root: YNode | null): { ok: true; kind: string; apiVersion: string } | { ok: false; error: string } {
  const errors: string[] = [];
  const sub: DecodeContext = { ...ctx, errors };
  let kind = '';
  let apiVersion = '';
  if (root && !(isScalar(root) && root.value === null)) {
    if (!isMap(root)) {
      terror(sub, root, 'encoding.typeMeta');
    } else {
      const seen = new Map<string, number>();
      for (const pair of root.items) {
        const k = deref(sub, pair.key);
        const key = k && isScalar(k) ? rawScalarString(k) : '';
        const kl = line(sub, k);
        const prev = seen.get(key);
        if (prev !== undefined) errors.push(`line ${kl}: mapping key ${JSON.stringify(key)} already defined at line ${prev}`);
        seen.set(key, kl);
        if (key === 'kind') kind = (decodeValue(sub, pair.value, str) as string | undefined) ?? '';
        if (key === 'apiVersion') apiVersion = (decodeValue(sub, pair.value, str) as string | undefined) ?? '';
      }
    }
  }
  if (errors.length) return { ok: false, error: `could not determine kind / apiVersion for config: yaml: unmarshal errors:\n  ${errors.join('\n  ')}` };
  return { ok: true, kind, apiVersion };
}

/** Strict decode of the whole document as v1alpha4.Cluster. */
export function decodeCluster(ctx: DecodeContext, root: YNode | null): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (!root) return { ok: false, error: 'EOF' };
  const value = decodeValue(ctx, root, struct('Cluster')) as Record<string, unknown> | undefined;
  if (ctx.errors.length) return { ok: false, error: `yaml: unmarshal errors:\n  ${ctx.errors.join('\n  ')}` };
  return { ok: true, value: value ?? {} };
}

export { typeName };
