// Checks lesson 2's CNI manifests offline. No API server is available in tests, and
// `kubectl create --dry-run=client` needs one, so each object is checked against the field and
// type maps that @kubernetes/client-node generates from the Kubernetes OpenAPI: a misspelt field or
// a wrong scalar type fails here instead of on the learner's cluster.
import fs from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

const FILES = path.join(__dirname, 'files');
type Obj = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
type Attr = { baseName: string; type: string };
type Model = { getAttributeTypeMap(): Attr[] };

const MODEL_FOR: Record<string, string> = {
  'v1/Namespace': 'V1Namespace',
  'v1/ServiceAccount': 'V1ServiceAccount',
  'v1/ConfigMap': 'V1ConfigMap',
  'apps/v1/DaemonSet': 'V1DaemonSet',
  'apps/v1/Deployment': 'V1Deployment',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'V1ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'V1ClusterRoleBinding',
};

function load(name: string): Obj[] {
  const docs = parseAllDocuments(fs.readFileSync(path.join(FILES, name), 'utf8'), { uniqueKeys: true });
  if (!Array.isArray(docs)) throw new Error(`${name}: no YAML documents`);
  return docs.flatMap((d) => {
    if (d.errors.length > 0) throw new Error(`${name}: ${d.errors[0].message}`);
    const o = d.toJS() as Obj | null;
    return o === null ? [] : [o];
  });
}

/** Problems found when walking `value` as the generated model `type` (unknown fields, wrong scalars). */
function typeProblems(value: unknown, type: string, at: string): string[] {
  if (value === null || value === undefined || type === 'any' || type === 'object') return [];
  const scalar: Record<string, string> = { string: 'string', Date: 'string', number: 'number', boolean: 'boolean' };
  if (type in scalar) return typeof value === scalar[type] ? [] : [`${at}: expected ${type}, got ${JSON.stringify(value)}`];
  if (type === 'IntOrString') return typeof value === 'string' || typeof value === 'number' ? [] : [`${at}: expected int or string`];
  const list = /^Array<(.+)>$/.exec(type);
  if (list) {
    if (!Array.isArray(value)) return [`${at}: expected a list`];
    return value.flatMap((v, i) => typeProblems(v, list[1], `${at}[${i}]`));
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected a map`];
    return Object.entries(value).flatMap(([k, v]) => typeProblems(v, map[1], `${at}.${k}`));
  }
  const model = (k8s as unknown as Record<string, Model | undefined>)[type];
  if (!model || typeof model.getAttributeTypeMap !== 'function') return [`${at}: no model for ${type}`];
  if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object (${type})`];
  const attrs = model.getAttributeTypeMap();
  return Object.entries(value).flatMap(([k, v]) => {
    const a = attrs.find((x) => x.baseName === k);
    return a ? typeProblems(v, a.type, `${at}.${k}`) : [`${at}: unknown field "${k}" (${type})`];
  });
}

// Narrow accessors for the few pod-template fields the checks read.
type Container = { name: string; image: string; env?: { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string } } }[]; volumeMounts?: { name: string; mountPath: string }[] };
type PodSpec = { hostNetwork?: boolean; tolerations?: { key?: string; operator?: string; effect?: string }[]; serviceAccountName?: string; containers: Container[]; initContainers?: Container[]; volumes?: { name: string }[] };
const podSpec = (o: Obj) => (o.spec as { template: { spec: PodSpec } }).template.spec;
const allContainers = (s: PodSpec) => [...(s.initContainers ?? []), ...s.containers];
const find = (objs: Obj[], kind: string, name: string) => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name}`);
  return o;
};
const env = (c: Container, name: string) => c.env?.find((e) => e.name === name)?.value;

describe.each(['kindnet.yaml', 'calico.yaml', 'cilium.yaml', 'flannel.yaml'])('%s', (file) => {
  const objs = load(file);

  it('has only objects with apiVersion, kind and metadata.name, each name once per kind', () => {
    expect(objs.length).toBeGreaterThan(0);
    for (const o of objs) expect(o.apiVersion && o.kind && o.metadata?.name, JSON.stringify(o).slice(0, 80)).toBeTruthy();
    const keys = objs.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses only fields the Kubernetes API knows, with the right types', () => {
    const problems = objs.flatMap((o, i) => {
      const model = MODEL_FOR[`${o.apiVersion}/${o.kind}`];
      return model ? typeProblems(o, model, `#${i + 1} ${o.kind}/${o.metadata.name}`) : [`no model for ${o.apiVersion}/${o.kind}`];
    });
    expect(problems).toEqual([]);
  });

  it('wires every workload to existing volumes, ConfigMap keys, ServiceAccounts and matching labels', () => {
    const problems: string[] = [];
    for (const o of objs.filter((x) => x.kind === 'DaemonSet' || x.kind === 'Deployment')) {
      const spec = o.spec as { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
      for (const [k, v] of Object.entries(spec.selector.matchLabels)) {
        if (spec.template.metadata.labels[k] !== v) problems.push(`${o.metadata.name}: selector ${k}=${v} does not match the template`);
      }
      const ps = podSpec(o);
      const volumes = new Set((ps.volumes ?? []).map((v) => v.name));
      for (const c of allContainers(ps)) {
        for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) problems.push(`${c.name}: unknown volume ${m.name}`);
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.configMapKeyRef;
          if (!ref) continue;
          const cm = objs.find((x) => x.kind === 'ConfigMap' && x.metadata.name === ref.name) as (Obj & { data?: Record<string, string> }) | undefined;
          if (!cm?.data || !(ref.key in cm.data)) problems.push(`${c.name}: env ${e.name} refers to missing ${ref.name}/${ref.key}`);
        }
      }
      const sa = ps.serviceAccountName;
      if (sa && !objs.some((x) => x.kind === 'ServiceAccount' && x.metadata.name === sa && x.metadata.namespace === o.metadata.namespace)) {
        problems.push(`${o.metadata.name}: ServiceAccount ${sa} is not in the file`);
      }
    }
    for (const b of objs.filter((x) => x.kind === 'ClusterRoleBinding')) {
      const ref = (b as unknown as { roleRef: { name: string } }).roleRef.name;
      if (!objs.some((x) => x.kind === 'ClusterRole' && x.metadata.name === ref)) problems.push(`${b.metadata.name}: ClusterRole ${ref} missing`);
    }
    expect(problems).toEqual([]);
  });

  it('lets the agent start on a NotReady node: host network and a not-ready toleration', () => {
    const agents = objs.filter((x) => x.kind === 'DaemonSet');
    expect(agents).toHaveLength(1);
    const ps = podSpec(agents[0]);
    expect(ps.hostNetwork).toBe(true);
    // DaemonSet pods are not given node.kubernetes.io/not-ready:NoSchedule automatically.
    const tolerates = (ps.tolerations ?? []).some(
      (t) => t.operator === 'Exists' && (t.key === undefined || t.key === 'node.kubernetes.io/not-ready') && (t.effect === undefined || t.effect === 'NoSchedule'),
    );
    expect(tolerates).toBe(true);
  });
});

describe('what the lesson text says about each manifest', () => {
  it('kindnet.yaml is kind v0.32.0 kindnet filled in for the test cluster', () => {
    const objs = load('kindnet.yaml');
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ClusterRole/kindnet', 'ClusterRoleBinding/kindnet', 'ServiceAccount/kindnet', 'DaemonSet/kindnet',
    ]);
    const c = podSpec(find(objs, 'DaemonSet', 'kindnet')).containers[0];
    expect(c.image).toBe('docker.io/kindest/kindnetd:v20260528-9350166c');
    expect(env(c, 'POD_SUBNET')).toBe('10.244.0.0/16');
    expect(env(c, 'CONTROL_PLANE_ENDPOINT')).toBe('test-control-plane:6443');
    expect(c.volumeMounts?.find((m) => m.name === 'cni-cfg')?.mountPath).toBe('/etc/cni/net.d');
    // The template placeholder may be named in a comment, but no value may still hold it.
    const code = fs.readFileSync(path.join(FILES, 'kindnet.yaml'), 'utf8').split('\n').filter((l) => !l.trimStart().startsWith('#'));
    expect(code.join('\n')).not.toContain('{{');
  });

  it('calico.yaml keeps the plain manifest shape, sets kind’s pool and ships no CRDs', () => {
    const objs = load('calico.yaml');
    expect(objs.some((o) => o.kind === 'CustomResourceDefinition')).toBe(false);
    const cm = find(objs, 'ConfigMap', 'calico-config') as Obj & { data: Record<string, string> };
    expect(cm.data.veth_mtu).toBeDefined();
    expect(cm.data.cni_network_config).toContain('"type": "calico"');
    const ps = podSpec(find(objs, 'DaemonSet', 'calico-node'));
    expect(ps.initContainers?.map((c) => `${c.name} ${c.image}`)).toEqual([
      'upgrade-ipam quay.io/calico/cni:v3.32.2', 'install-cni quay.io/calico/cni:v3.32.2',
    ]);
    expect(env(ps.initContainers![1], 'CNI_CONF_NAME')).toBe('10-calico.conflist');
    expect(ps.containers[0].image).toBe('quay.io/calico/node:v3.32.2');
    expect(env(ps.containers[0], 'CALICO_IPV4POOL_CIDR')).toBe('10.244.0.0/16');
    const kc = podSpec(find(objs, 'Deployment', 'calico-kube-controllers'));
    expect(kc.containers[0].image).toBe('quay.io/calico/kube-controllers:v3.32.2');
    expect(kc.hostNetwork).toBeUndefined(); // the lesson says it waits for a Ready node
  });

  it('cilium.yaml uses kubernetes IPAM and writes 05-cilium.conflist', () => {
    const objs = load('cilium.yaml');
    const cm = find(objs, 'ConfigMap', 'cilium-config') as Obj & { data: Record<string, string> };
    expect(cm.data.ipam).toBe('kubernetes');
    expect(cm.data['cluster-name']).toBeTruthy();
    expect(cm.data['write-cni-conf-when-ready']).toBe('/host/etc/cni/net.d/05-cilium.conflist');
    const ds = find(objs, 'DaemonSet', 'cilium');
    expect(ds.metadata).toMatchObject({ labels: { 'k8s-app': 'cilium' } });
    expect(podSpec(ds).containers[0].image).toBe('quay.io/cilium/cilium:v1.19.5');
    expect(podSpec(find(objs, 'Deployment', 'cilium-operator')).containers[0].image).toBe('quay.io/cilium/operator-generic:v1.19.5');
  });

  it('flannel.yaml delegates to bridge, which the kind node image lacks', () => {
    const objs = load('flannel.yaml');
    expect(objs[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'kube-flannel' } });
    const cm = find(objs, 'ConfigMap', 'kube-flannel-cfg') as Obj & { data: Record<string, string> };
    const conf = JSON.parse(cm.data['cni-conf.json']) as { plugins: { type: string; delegate?: Record<string, unknown> }[] };
    expect(conf.plugins.map((p) => p.type)).toEqual(['flannel', 'portmap']);
    // No "type" in the delegate: the flannel plugin then runs "bridge".
    expect(conf.plugins[0].delegate).toEqual({ hairpinMode: true, isDefaultGateway: true });
    expect(JSON.parse(cm.data['net-conf.json'])).toMatchObject({ Network: '10.244.0.0/16', Backend: { Type: 'vxlan' } });
    const ps = podSpec(find(objs, 'DaemonSet', 'kube-flannel-ds'));
    expect(ps.initContainers?.map((c) => `${c.name} ${c.image}`)).toEqual([
      'install-cni-plugin ghcr.io/flannel-io/flannel-cni-plugin:v1.7.1-flannel1', 'install-cni ghcr.io/flannel-io/flannel:v0.27.4',
    ]);
    expect(ps.containers[0].image).toBe('ghcr.io/flannel-io/flannel:v0.27.4');
  });
});
