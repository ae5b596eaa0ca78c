// fast-check generators for YAML documents: kind-config-shaped objects with wrong types and
// dangerous fields, random JSON serialised to YAML, hand-made YAML syntax, and resource attacks
// (alias bombs, deep nesting, huge scalars, many documents, odd tags), plus text-level mutation.
import fc from 'fast-check';
import { stringify } from 'yaml';

const ADDRESSES = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', '127.0.0.2', '127.1', '10.0.0.1', '', ' 127.0.0.1', '::ffff:127.0.0.1', '0', '[::1]', 'LOCALHOST', '127.0.0.1 ', '192.168.1.1', 'fe80::1', '1.2.3.4'];
const scalar = fc.oneof(
  fc.constantFrom(...ADDRESSES),
  fc.constantFrom('/', '/etc', '/var/run/docker.sock', '~', '', 'worker', 'control-plane', 'ipv4', 'ipv6', 'dual', 'iptables', 'TCP', 'kindest/node:v1.36.1', '10.244.0.0/16', 'yes', 'on', 'null', '~', '0x10', '1e3', '-1'),
  fc.integer({ min: -70000, max: 70000 }),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.string({ maxLength: 12 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'hostPath', 'role', 'x'), tie('v'), { maxKeys: 3 })),
})).v;
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
/** Usually absent (fc.option's freq is the other way round: 1/freq of the values are nil). */
const rare = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a as fc.Arbitrary<T | undefined> });
/** Mostly the right shape, sometimes anything (wrong types reach the decoder but rarely hide the rest). */
const mostly = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: a as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: value });

const mount = fc.record({ hostPath: maybe(mostly(fc.constantFrom('/', '/etc', '', '/tmp/x'))), containerPath: maybe(fc.constantFrom('/x', '/')), readOnly: maybe(mostly(fc.boolean())) }, { requiredKeys: [] });
const portMapping = fc.record({ containerPort: maybe(mostly(fc.integer({ min: -2, max: 70000 }))), hostPort: maybe(fc.integer({ min: -2, max: 70000 })), listenAddress: maybe(mostly(fc.constantFrom(...ADDRESSES))), protocol: maybe(fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp', 'x')) }, { requiredKeys: [] });
const node = fc.record({
  role: mostly(fc.constantFrom('control-plane', 'control-plane', 'worker', 'worker', 'Worker', '')),
  image: maybe(fc.constantFrom('kindest/node:v1.36.1', '', 'evil/image')),
  extraMounts: maybe(mostly(fc.array(mostly(mount), { maxLength: 3 }))),
  extraPortMappings: maybe(mostly(fc.array(mostly(portMapping), { maxLength: 3 }))),
  labels: maybe(fc.dictionary(fc.string({ maxLength: 5 }), mostly(fc.string({ maxLength: 5 })), { maxKeys: 2 })),
  kubeadmConfigPatches: rare(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })),
  unknownField: rare(value),
}, { requiredKeys: ['role'] });

/** Kind-config-shaped objects (right and wrong), as plain data. */
export const kindConfigObject = fc.record({
  kind: fc.oneof({ weight: 10, arbitrary: fc.constant('Cluster') }, { weight: 1, arbitrary: maybe(fc.constantFrom('cluster', 'Pod', '')) }),
  apiVersion: fc.oneof({ weight: 10, arbitrary: fc.constant('kind.x-k8s.io/v1alpha4') }, { weight: 1, arbitrary: maybe(fc.constantFrom('kind.x-k8s.io/v1alpha3', 'v1', '')) }),
  name: maybe(fc.constantFrom('test', 'kind', 'test', 'Bad Name', '-x', 'a'.repeat(60))),
  nodes: maybe(fc.oneof({ weight: 4, arbitrary: fc.array(node, { maxLength: 10 }) }, { weight: 1, arbitrary: value })),
  networking: maybe(mostly(fc.record({
    apiServerAddress: maybe(mostly(fc.constantFrom(...ADDRESSES))),
    apiServerPort: maybe(mostly(fc.integer({ min: -2, max: 70000 }))),
    disableDefaultCNI: maybe(mostly(fc.boolean())),
    ipFamily: maybe(fc.constantFrom('ipv4', 'ipv4', 'ipv6', 'dual', 'x')),
    podSubnet: maybe(fc.constantFrom('10.244.0.0/16', 'x', '10.0.0.0/33', 'fd00::/56', '10.244.0.0/16,fd00:10:244::/56')),
    kubeProxyMode: maybe(fc.constantFrom('iptables', 'ipvs', 'none', 'nftables', 'x')),
  }, { requiredKeys: [] }))),
  featureGates: maybe(fc.dictionary(fc.string({ maxLength: 6 }), mostly(fc.boolean()), { maxKeys: 2 })),
  containerdConfigPatches: rare(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })),
  extra: rare(value),
}, { requiredKeys: ['kind', 'apiVersion'] });

const style = fc.constantFrom<'block' | 'flow' | 'any'>('block', 'flow', 'any');

/** Resource attacks and syntax corner cases, as raw YAML text. */
export const hostileYaml: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 2, max: 9 }).map((levels) => {
    // Billion laughs: each level repeats the previous anchor nine times.
    let out = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i <= levels; i++) out += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
    return out;
  }),
  fc.tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 120 })).map(([m, n]) =>
    `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: [&n {role: control-plane, extraMounts: [&m {hostPath: /, containerPath: /x}${', *m'.repeat(n)}]}${', *n'.repeat(m)}]\n`),
  fc.integer({ min: 1, max: 1000 }).map((d) => `kind: Cluster\nnodes: ${'['.repeat(d)}${']'.repeat(d)}\n`),
  fc.integer({ min: 1, max: 1000 }).map((d) => `kind: Cluster\nnetworking: ${'{a: '.repeat(d)}1${'}'.repeat(d)}\n`),
  fc.integer({ min: 1, max: 350 }).map((d) => `kind: Cluster\nx:\n${Array.from({ length: d }, (_, i) => `${' '.repeat(i)}- `).join('\n')}1\n`),
  fc.tuple(fc.constantFrom('name', 'hostPath', 'x', 'apiVersion'), fc.integer({ min: 1, max: 60000 })).map(([k, n]) => `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n${k}: ${'a'.repeat(n)}\n`),
  fc.integer({ min: 1, max: 500 }).map((n) => '---\nkind: Cluster\n'.repeat(n)),
  fc.constantFrom(
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraMounts:\n  - !!binary aG9zdFBhdGg6IC8=\n',
    'kind: !!js/function "function(){}"\n',
    'kind: !custom Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n',
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- <<: {role: control-plane, extraMounts: [{hostPath: /}]}\n',
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n<<: {__proto__: {x: 1}}\n',
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraMounts:\n  - hostPath: /\n    hostPath: ""\n',
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraPortMappings:\n  - {containerPort: 80, hostPort: 80, listenAddress: !!str 0.0.0.0}\n',
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  apiServerAddress: "0.0.0.0"\n  apiServerAddress: 127.0.0.1\n',
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n? [a, b]\n: c\n',
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n"nodes": [{"role": "control-plane", "extraMounts": [{"hostPath": "/"}]}]\n',
    '%YAML 1.1\n---\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking: {disableDefaultCNI: yes}\n',
    '\uFEFFkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n',
    'kind: Cluster\r\napiVersion: kind.x-k8s.io/v1alpha4\r\nnodes:\r\n- role: control-plane\r\n  extraMounts: [{hostPath: /}]\r\n',
    '&a kind: Cluster\n*a : x\n',
    'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: *undefined\n',
  ),
);

/** Random edits of a text: insert, delete or duplicate slices and characters. */
export function mutateText(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('ins', 'del', 'dup', 'line'), fc.oneof(fc.constantFrom(':', ' ', '-', '\n', '  ', '&a ', '*a', '!!str ', '[', '{', '"', "'", '#', '|', '>', '\t', '\u0000', '---\n', '? ', '<<: '), fc.string({ maxLength: 6 })));
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
    let t = text;
    for (const [pos, op, s] of edits) {
      const i = t.length ? pos % (t.length + 1) : 0;
      if (op === 'ins') t = t.slice(0, i) + s + t.slice(i);
      else if (op === 'del') t = t.slice(0, i) + t.slice(i + 1 + (s.length % 8));
      else if (op === 'dup') t = t.slice(0, i) + t.slice(i, i + 20) + t.slice(i);
      else {
        const lines = t.split('\n');
        const k = pos % Math.max(1, lines.length);
        lines.splice(k, 1);
        t = lines.join('\n');
      }
    }
    return t;
  });
}

const objectYaml = fc.tuple(kindConfigObject, style).map(([o, s]) => stringify(o, { collectionStyle: s }));

/** Every kind-config input the fuzzers use. */
export const anyKindConfigText: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: objectYaml },
  { weight: 2, arbitrary: mutateText(objectYaml) },
  { weight: 2, arbitrary: fc.tuple(fc.jsonValue(), style).map(([j, s]) => stringify(j, { collectionStyle: s })) },
  { weight: 2, arbitrary: hostileYaml },
  { weight: 1, arbitrary: mutateText(hostileYaml) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);
