import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf, protoMessageFor } from './decode';

// Minimal protobuf writer for building test envelopes by hand.
const varint = (n: number | bigint): number[] => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
};
const ld = (field: number, bytes: number[] | Buffer) => [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
const str = (field: number, s: string) => ld(field, Buffer.from(s));
const num = (field: number, n: number) => [...varint(field << 3), ...varint(n)];
const envelope = (apiVersion: string, kind: string, raw: number[]) =>
  Buffer.from([0x6b, 0x38, 0x73, 0x00, ...ld(1, [...str(1, apiVersion), ...str(2, kind)]), ...ld(2, raw), ...str(3, ''), ...str(4, '')]);

describe('Kubernetes protobuf request decoding', () => {
  it('decodes a Namespace as kubectl 1.33 sends it', () => {
    const meta = [...str(1, 'lab'), ...ld(8, []), ...ld(11, [...str(1, 'team'), ...str(2, 'a')])];
    const body = envelope('v1', 'Namespace', [...ld(1, meta), ...ld(2, []), ...ld(3, [])]);
    expect(decodeKubernetesProtobuf(body)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab', creationTimestamp: null, labels: { team: 'a' } }, spec: {}, status: {} });
  });

  it('decodes nested messages, IntOrString, Quantity, bytes maps, repeated fields and explicit zero replicas', () => {
    const container = [...str(1, 'web'), ...str(2, 'nginx:1.27'), ...ld(6, [...num(3, 80), ...str(4, 'TCP')]), ...ld(8, ld(1, [...str(1, 'cpu'), ...ld(2, str(1, '100m'))]))];
    const podSpec = [...ld(2, container), ...str(3, 'Always'), ...num(4, 30)];
    const template = [...ld(1, ld(11, [...str(1, 'app'), ...str(2, 'web')])), ...ld(2, podSpec)];
    const strategy = [...str(1, 'RollingUpdate'), ...ld(2, [...ld(1, [...num(1, 1), ...str(3, '50%')]), ...ld(2, [...num(1, 0), ...num(2, 2)])])];
    const spec = [...num(1, 0), ...ld(2, ld(1, [...str(1, 'app'), ...str(2, 'web')])), ...ld(3, template), ...ld(4, strategy)];
    const d = decodeKubernetesProtobuf(envelope('apps/v1', 'Deployment', [...ld(1, str(1, 'web')), ...ld(2, spec)])) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(d.spec.replicas).toBe(0);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%', maxSurge: 2 } });
    expect(d.spec.template.spec.containers).toEqual([{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { limits: { cpu: '100m' } } }]);
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
    const secret = decodeKubernetesProtobuf(envelope('v1', 'Secret', [...ld(1, str(1, 's')), ...ld(2, [...str(1, 'k'), ...ld(2, Buffer.from('hi'))]), ...str(3, 'Opaque')]));
    expect(secret).toMatchObject({ data: { k: Buffer.from('hi').toString('base64') }, type: 'Opaque' });
  });

  it('decodes Time as RFC3339 and negative int64', () => {
    const meta = [...str(1, 'x'), ...ld(8, [...num(1, 1767225600), ...num(2, 0)]), ...num(10, -1)];
    const o = decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', ld(1, meta))) as { metadata: Record<string, unknown> };
    expect(o.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(o.metadata.deletionGracePeriodSeconds).toBe(-1);
  });

  it('rejects garbage with a ProtoError, never loops or crashes', () => {
    expect(() => decodeKubernetesProtobuf(Buffer.from('{"kind":"Pod"}'))).toThrow(/envelope/);
    expect(() => decodeKubernetesProtobuf(Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0xff]))).toThrow();
    expect(() => decodeKubernetesProtobuf(envelope('v1', 'NoSuchKind', []))).toThrow(/no protobuf schema/);
    for (let i = 0; i < 200; i++) {
      const junk = Buffer.from([0x6b, 0x38, 0x73, 0x00, ...Array.from({ length: 40 }, () => Math.floor(Math.random() * 256))]);
      try {
        decodeKubernetesProtobuf(junk);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
      }
    }
    expect(protoMessageFor('rbac.authorization.k8s.io/v1', 'RoleBinding')).toBe('k8s.io.api.rbac.v1.RoleBinding');
    expect(protoMessageFor('policy/v1', 'Eviction')).toBe('k8s.io.api.policy.v1.Eviction');
  });
});
