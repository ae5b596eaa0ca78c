import { describe, expect, it } from 'vitest';
import { loadKindConfig, parseKindConfig } from './load';

const HEAD = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n';
const err = (text: string | undefined, o = {}) => {
  const r = parseKindConfig(text, o);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('loadKindConfig: decoding like kind + yaml.v3', () => {
  it('applies kind v0.32.0 defaults to the article config', () => {
    const r = loadKindConfig(`${HEAD}networking:\n  disableDefaultCNI: true\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n- role: worker\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.name).toBe('kind');
    expect(r.config.nodes.map((n) => n.role)).toEqual(['control-plane', 'worker', 'worker', 'worker']);
    expect(r.config.nodes[0].image).toBe('kindest/node:v1.36.1');
    expect(r.config.networking).toMatchObject({
      podSubnet: '10.244.0.0/16',
      serviceSubnet: '10.96.0.0/16',
      apiServerAddress: '127.0.0.1',
      ipFamily: 'ipv4',
      kubeProxyMode: 'iptables',
      disableDefaultCNI: true,
      apiServerPort: 0,
    });
  });

  it('defaults to one control-plane node when nodes is empty', () => {
    const r = loadKindConfig(HEAD);
    expect(r.ok && r.config.nodes).toEqual([expect.objectContaining({ role: 'control-plane' })]);
  });

  it('ipv6 family defaults', () => {
    const r = loadKindConfig(`${HEAD}networking:\n  ipFamily: ipv6\n`);
    expect(r.ok && r.config.networking).toMatchObject({ apiServerAddress: '::1', podSubnet: 'fd00:10:244::/56', serviceSubnet: 'fd00:10:96::/112' });
  });

  it('unknown field in networking', () => {
    expect(err(`${HEAD}networking:\n  foo: 1\n`)).toBe('unable to decode config: yaml: unmarshal errors:\n  line 4: field foo not found in type v1alpha4.Networking');
  });

  it('unknown fields at several levels are all reported', () => {
    expect(err(`${HEAD}nodes:\n- role: worker\n  rolee: x\nextra: 1\n`)).toBe(
      'unable to decode config: yaml: unmarshal errors:\n  line 5: field rolee not found in type v1alpha4.Node\n  line 6: field extra not found in type v1alpha4.Cluster',
    );
  });

  it('type mismatches use yaml.v3 wording (values over 10 bytes are shortened)', () => {
    expect(err(`${HEAD}networking:\n  apiServerPort: abc\n`)).toBe('unable to decode config: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!str `abc` into int32');
    expect(err(`${HEAD}networking:\n  disableDefaultCNI: maybe-later-ok\n`)).toBe(
      'unable to decode config: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!str `maybe-l...` into bool',
    );
    expect(err(`${HEAD}nodes:\n  role: worker\n`)).toBe('unable to decode config: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!map into []v1alpha4.Node');
    expect(err(`${HEAD}networking: 3\n`)).toBe('unable to decode config: yaml: unmarshal errors:\n  line 3: cannot unmarshal !!int `3` into v1alpha4.Networking');
  });

  it('accepts YAML 1.1 booleans for typed bool fields like yaml.v3', () => {
    const r = loadKindConfig(`${HEAD}networking:\n  disableDefaultCNI: yes\n`);
    expect(r.ok && r.config.networking.disableDefaultCNI).toBe(true);
  });

  it('duplicate keys', () => {
    expect(err(`${HEAD}name: a\nname: b\n`)).toBe(
      'could not determine kind / apiVersion for config: yaml: unmarshal errors:\n  line 4: mapping key "name" already defined at line 3',
    );
  });

  it('unknown apiVersion / kind', () => {
    expect(err('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n')).toBe('unknown apiVersion: kind.x-k8s.io/v1alpha3');
    expect(err('kind: Cluster\n')).toBe('unknown apiVersion: ');
    expect(err('kind: Clusters\napiVersion: kind.x-k8s.io/v1alpha4\n')).toBe('unknown kind Clusters for apiVersion: kind.x-k8s.io/v1alpha4');
  });

  it('syntax errors surface as "could not determine kind / apiVersion"', () => {
    expect(err(`${HEAD}nodes:\n- role: worker\n role: x\n`)).toMatch(/^could not determine kind \/ apiVersion for config: yaml: line \d+: /);
  });
});

describe('parseKindConfig: kind validation texts', () => {
  it('cluster name', () => {
    expect(err(HEAD, { name: 'Test' })).toBe("'Test' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`");
  });

  it('name precedence: --name > KIND_CLUSTER_NAME > config > kind', () => {
    const text = `${HEAD}name: fromfile\n`;
    const n = (o: object, t: string | undefined = text) => {
      const r = parseKindConfig(t, o);
      return r.ok ? r.config.name : r.error;
    };
    expect(n({ name: 'flag', envName: 'env' })).toBe('flag');
    expect(n({ envName: 'env' })).toBe('env');
    expect(n({})).toBe('fromfile');
    expect(n({}, HEAD)).toBe('kind');
    const noFile = parseKindConfig(undefined, {});
    expect(noFile.ok && noFile.config.name).toBe('kind');
  });

  it('--image replaces every node image', () => {
    const r = parseKindConfig(`${HEAD}nodes:\n- role: control-plane\n- role: worker\n  image: foo\n`, { image: 'kindest/node:v1.19.1' });
    expect(r.ok && r.config.nodes.map((n) => n.image)).toEqual(['kindest/node:v1.19.1', 'kindest/node:v1.19.1']);
  });

  it('apiServerPort range', () => {
    expect(err(`${HEAD}networking:\n  apiServerPort: 70000\n`)).toBe('invalid apiServerPort: invalid port number: 70000');
    expect(err(`${HEAD}networking:\n  apiServerPort: -2\n`)).toBe('invalid apiServerPort: invalid port number: -2');
    expect(parseKindConfig(`${HEAD}networking:\n  apiServerPort: -1\n`).ok).toBe(true);
  });

  it('ipFamily', () => {
    // An unknown family also makes both subnet checks fall through the switch without error.
    expect(err(`${HEAD}networking:\n  ipFamily: ipv5\n  podSubnet: 10.0.0.0/16\n  serviceSubnet: 10.1.0.0/16\n`)).toBe('invalid ipFamily: ipv5');
  });

  it('subnets', () => {
    expect(err(`${HEAD}networking:\n  podSubnet: foo\n`)).toBe('invalid pod subnet failed to parse cidr value:"foo" with error: invalid CIDR address: foo');
    expect(err(`${HEAD}networking:\n  serviceSubnet: 10.96.0.0/16,10.97.0.0/16\n`)).toBe('invalid service subnet only one CIDR allowed for single-stack networking');
    expect(err(`${HEAD}networking:\n  podSubnet: fd00::/56\n`)).toBe('invalid pod subnet expected IPv4 CIDR for IPv4 family');
    expect(err(`${HEAD}networking:\n  ipFamily: ipv6\n  podSubnet: 10.0.0.0/8\n`)).toBe('invalid pod subnet expected IPv6 CIDR for IPv6 family');
    expect(err(`${HEAD}networking:\n  ipFamily: dual\n  podSubnet: 10.0.0.0/8,10.1.0.0/16\n`)).toBe(
      'invalid pod subnet expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking',
    );
    expect(err(`${HEAD}networking:\n  ipFamily: dual\n  podSubnet: 10.0.0.0/8,fd00::/56,fd01::/56\n`)).toBe(
      'invalid pod subnet expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking',
    );
    expect(err(`${HEAD}networking:\n  podSubnet: 10.0.0.0/33\n`)).toBe('invalid pod subnet failed to parse cidr value:"10.0.0.0/33" with error: invalid CIDR address: 10.0.0.0/33');
  });

  it('kubeProxyMode', () => {
    expect(err(`${HEAD}networking:\n  kubeProxyMode: ebpf\n`)).toBe('invalid kubeProxyMode: ebpf');
    for (const m of ['iptables', 'ipvs', 'nftables', 'none']) expect(parseKindConfig(`${HEAD}networking:\n  kubeProxyMode: ${m}\n`).ok).toBe(true);
  });

  it('node role, and the control-plane requirement', () => {
    expect(err(`${HEAD}nodes:\n- role: master\n`)).toBe('[invalid configuration for node 0: "master" is not a valid node role, must have at least one control-plane node]');
    expect(err(`${HEAD}nodes:\n- role: worker\n`)).toBe('must have at least one control-plane node');
  });

  it('port mappings', () => {
    expect(err(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 70000\n`)).toBe(
      'invalid configuration for node 0: invalid hostPort: invalid port number: 70000',
    );
    expect(err(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: -5\n    hostPort: 80\n`)).toBe(
      'invalid configuration for node 0: invalid containerPort: invalid port number: -5',
    );
    expect(
      err(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 8080\n  - containerPort: 81\n    hostPort: 8080\n`),
    ).toBe('invalid configuration for node 0: invalid portMapping: port mapping with same listen address, port and protocol already configured: 0.0.0.0:8080/TCP');
    // Different protocols or random host ports never clash.
    expect(
      parseKindConfig(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 8080\n  - containerPort: 81\n    hostPort: 8080\n    protocol: UDP\n  - containerPort: 82\n  - containerPort: 83\n`).ok,
    ).toBe(true);
    expect(err(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 8080\n    listenAddress: nope\n`)).toBe(
      'invalid configuration for node 0: invalid listen address: nope',
    );
  });

  it('several errors aggregate as [a, b, c]', () => {
    expect(err(`${HEAD}name: Bad_Name\nnetworking:\n  kubeProxyMode: x\n  apiServerPort: 99999\n`)).toBe(
      "['Bad_Name' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`, invalid apiServerPort: invalid port number: 99999, invalid kubeProxyMode: x]",
    );
  });
});

describe('validateCluster on in-memory configs (library use, like kind)', () => {
  it('image is a required field', async () => {
    const { validateCluster } = await import('./validate');
    const r = parseKindConfig(`${HEAD}nodes:\n- role: control-plane\n- role: worker\n`);
    if (!r.ok) throw new Error(r.error);
    r.config.nodes[1].image = '';
    expect(validateCluster(r.config)).toBe('invalid configuration for node 1: image is a required field');
    r.config.nodes[1].role = 'boss';
    expect(validateCluster(r.config)).toBe('invalid configuration for node 1: ["boss" is not a valid node role, image is a required field]');
  });
});
