// Decoder for Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`): the `k8s\0` envelope
// around runtime.Unknown, then the object message, turned into the same JSON the client would have sent.
// kubectl ≥ 1.32 sends typed creates (`kubectl create namespace|deployment|…`, drain's evictions) this way and
// does not fall back to JSON on 415, so the simulated apiserver has to read them.
import schemaJson from './schema.json';

type Field = [number, string, string, number];
const SCHEMA = schemaJson as unknown as Record<string, Field[]>;
const byNumber = new Map<string, Map<number, Field>>();
function fieldsOf(msg: string): Map<number, Field> | undefined {
  let m = byNumber.get(msg);
  if (!m) {
    const list = SCHEMA[msg];
    if (!list) return undefined;
    m = new Map(list.map((f) => [f[0], f]));
    byNumber.set(msg, m);
  }
  return m;
}

export class ProtoError extends Error {}

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

// Pointer fields whose explicit zero/false is meaningful (gogo-protobuf writes non-pointer scalars even when
// zero, and Go's JSON would omit those; these pointer fields only appear on the wire when set).
const KEEP_ZERO = new Set([
  'replicas', 'automountServiceAccountToken', 'value', 'terminationGracePeriodSeconds', 'backoffLimit', 'completions', 'parallelism', 'suspend',
  'optional', 'runAsUser', 'runAsGroup', 'fsGroup', 'runAsNonRoot', 'privileged', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem',
  'defaultMode', 'mode', 'tolerationSeconds', 'expirationSeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'activeDeadlineSeconds',
  'ttlSecondsAfterFinished', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'startingDeadlineSeconds', 'priority', 'hostUsers',
  'shareProcessNamespace', 'setHostnameAsFQDN', 'enableServiceLinks', 'immutable', 'allowVolumeExpansion', 'partition', 'gracePeriodSeconds',
  'orphanDependents', 'exitCode', 'containerPort', 'port', 'leaseDurationSeconds', 'leaseTransitions', 'maxSkew', 'minDomains', 'weight',
  'podFailurePolicy', 'backoffLimitPerIndex', 'maxFailedIndexes', 'publishNotReadyAddresses', 'allocateLoadBalancerNodePorts',
]);

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer, private readonly end = buf.length) {}
  done() {
    return this.pos >= this.end;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
    throw new ProtoError('varint too long');
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    if (len < 0 || this.pos + len > this.end) throw new ProtoError('truncated length-delimited field');
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }
  skip(wire: number) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new ProtoError(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new ProtoError('truncated field');
  }
}

function scalar(type: string, wire: number, r: Reader): unknown {
  switch (type) {
    case 'string':
      return r.bytes().toString('utf8');
    case 'bytes':
      return Buffer.from(r.bytes());
    case 'bool':
      return r.varint() !== 0n;
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64': {
      const v = r.varint();
      return Number(type.startsWith('u') ? v : BigInt.asIntN(64, v));
    }
    case 'double': {
      if (wire !== 1) throw new ProtoError('bad double');
      const v = (r as unknown as { buf: Buffer }).buf.readDoubleLE(r.pos);
      r.pos += 8;
      return v;
    }
    default:
      throw new ProtoError(`unsupported scalar ${type}`);
  }
}

function rfc3339(seconds: number, nanos: number, micro: boolean): string | null {
  if (!seconds && !nanos) return null;
  const d = new Date(seconds * 1000);
  const base = d.toISOString().slice(0, 19);
  return micro ? `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${base}Z`;
}

function isZero(v: unknown): boolean {
  return v === '' || v === false || v === 0;
}

function special(msg: string, o: Record<string, unknown>): unknown {
  switch (msg) {
    case `${META}Time`:
      return rfc3339(Number(o.seconds ?? 0), Number(o.nanos ?? 0), false);
    case `${META}MicroTime`:
      return rfc3339(Number(o.seconds ?? 0), Number(o.nanos ?? 0), true);
    case 'k8s.io.apimachinery.pkg.api.resource.Quantity':
      return o.string ?? '0';
    case 'k8s.io.apimachinery.pkg.util.intstr.IntOrString':
      return Number(o.type ?? 0) === 1 ? (o.strVal ?? '') : Number(o.intVal ?? 0);
    case `${META}FieldsV1`:
    case 'k8s.io.apimachinery.pkg.runtime.RawExtension': {
      const enc = (o.Raw ?? o.raw) as string | undefined; // already base64 (bytes fields)
      const raw = enc ? Buffer.from(enc, 'base64') : undefined;
      if (!raw || raw.length === 0) return msg.endsWith('RawExtension') ? null : {};
      try {
        return JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ProtoError('embedded raw JSON is invalid');
      }
    }
    default:
      return undefined;
  }
}

function decodeMessage(msg: string, buf: Buffer, depth: number): Record<string, unknown> | unknown {
  if (depth > 64) throw new ProtoError('message nesting too deep');
  const fields = fieldsOf(msg);
  if (!fields) throw new ProtoError(`unknown message ${msg}`);
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (!r.done()) {
    const tag = Number(r.varint());
    const num = tag >>> 3;
    const wire = tag & 7;
    const f = fields.get(num);
    if (!f) {
      r.skip(wire);
      continue;
    }
    const [, name, type, repeated] = f;
    if (type.startsWith('map<')) {
      const [kt, vt] = type.slice(4, -1).split(',');
      const entry = new Reader(r.bytes());
      let k: unknown = '';
      let v: unknown = vt === 'string' ? '' : undefined;
      while (!entry.done()) {
        const t = Number(entry.varint());
        const w = t & 7;
        if (t >>> 3 === 1) k = scalar(kt, w, entry);
        else if (t >>> 3 === 2) v = SCHEMA[vt] ? decodeValue(vt, entry.bytes(), depth) : scalar(vt, w, entry);
        else entry.skip(w);
      }
      const m = (out[name] ??= {}) as Record<string, unknown>;
      m[String(k)] = Buffer.isBuffer(v) ? v.toString('base64') : v;
      continue;
    }
    let value: unknown;
    if (SCHEMA[type]) {
      if (wire !== 2) throw new ProtoError(`field ${name}: expected a message`);
      value = decodeValue(type, r.bytes(), depth);
    } else if (repeated && wire === 2 && type !== 'string' && type !== 'bytes') {
      // packed repeated scalars
      const pr = new Reader(r.bytes());
      const arr = (out[name] ??= []) as unknown[];
      while (!pr.done()) arr.push(scalar(type, 0, pr));
      continue;
    } else value = scalar(type, wire, r);
    if (Buffer.isBuffer(value)) value = value.toString('base64');
    if (repeated) ((out[name] ??= []) as unknown[]).push(value);
    else out[name] = value;
  }
  const sp = special(msg, out);
  if (sp !== undefined || msg.endsWith('.Time') || msg.endsWith('.MicroTime') || msg.endsWith('RawExtension')) return sp;
  for (const [k, v] of Object.entries(out)) if (isZero(v) && !KEEP_ZERO.has(k)) delete out[k];
  return out;
}

function decodeValue(type: string, buf: Buffer, depth: number): unknown {
  return decodeMessage(type, buf, depth + 1);
}

/** Proto package for an apiVersion's group (k8s.io/api layout). */
export function protoMessageFor(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (kind === 'DeleteOptions') return `${META}DeleteOptions`;
  const pkg = group === '' ? 'core' : group === 'rbac.authorization.k8s.io' ? 'rbac' : group.replace(/\.k8s\.io$/, '');
  const name = `k8s.io.api.${pkg}.${version}.${kind}`;
  return SCHEMA[name] ? name : undefined;
}

/** Decodes a `k8s\0`-prefixed protobuf body into a JSON object with apiVersion/kind set. */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new ProtoError('missing the k8s protobuf envelope');
  const unknown = decodeMessage('k8s.io.apimachinery.pkg.runtime.Unknown', body.subarray(4), 0) as Record<string, unknown>;
  const tm = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  if (!tm.kind) throw new ProtoError('the protobuf envelope names no kind');
  const msg = protoMessageFor(tm.apiVersion ?? '', tm.kind);
  if (!msg) throw new ProtoError(`no protobuf schema for ${tm.apiVersion ?? ''}/${tm.kind}`);
  const raw = unknown.raw ? Buffer.from(String(unknown.raw), 'base64') : Buffer.alloc(0);
  const obj = decodeMessage(msg, raw, 0) as Record<string, unknown>;
  return { apiVersion: tm.apiVersion, kind: tm.kind, ...obj };
}
