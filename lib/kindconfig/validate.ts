// kind v0.32.0's config validation (pkg/internal/apis/config/validate.go), same checks, same order,
// same texts. Errors aggregate like k8s.io/apimachinery's: one bare, several as "[a, b]", duplicates once.
import { isIPv4, isIPv6 } from 'node:net';
import type { ClusterConfig, NodeConfig, PortMapping } from './types';

/** apimachinery errors.NewAggregate(...).Error(). */
export function aggregate(msgs: string[]): string | undefined {
  const uniq = [...new Set(msgs)];
  if (uniq.length === 0) return undefined;
  if (uniq.length === 1) return uniq[0];
  return `[${uniq.join(', ')}]`;
}

const NAME_RE = /^[a-z0-9.-]+$/;

function validatePort(port: number): string | undefined {
  // -1 lets the container backend pick the port.
  if (port < -1 || port > 65535) return `invalid port number: ${port}`;
  return undefined;
}

interface Cidr {
  v4: boolean;
}

// Go net.ParseCIDR: "<ip>/<decimal prefix>", prefix within the family's bit length.
function parseCidr(s: string): Cidr | undefined {
  const i = s.indexOf('/');
  if (i < 0) return undefined;
  const ip = s.slice(0, i);
  const bits = s.slice(i + 1);
  if (!/^[0-9]{1,3}$/.test(bits)) return undefined;
  const n = Number(bits);
  if (isIPv4(ip)) return n <= 32 ? { v4: true } : undefined;
  if (isIPv6(ip)) {
    // An IPv4-mapped address ("::ffff:1.2.3.4") is IPv4 to Go's To4().
    const mapped = /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip);
    return n <= 128 ? { v4: mapped } : undefined;
  }
  return undefined;
}

function validateSubnets(subnetStr: string, ipFamily: string): string | undefined {
  const subnets: Cidr[] = [];
  for (const c of subnetStr.split(',')) {
    const parsed = parseCidr(c);
    if (!parsed) return `failed to parse cidr value:${JSON.stringify(c)} with error: invalid CIDR address: ${c}`;
    subnets.push(parsed);
  }
  const dual = ipFamily === 'dual';
  if (subnets.length === 0) return 'no subnets defined';
  if (dual && subnets.length > 2) return 'expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking';
  if (dual && subnets.length === 2) {
    const v4 = subnets.some((s) => s.v4);
    const v6 = subnets.some((s) => !s.v4);
    return v4 && v6 ? undefined : 'expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking';
  }
  if (!dual && subnets.length > 1) return 'only one CIDR allowed for single-stack networking';
  if (ipFamily === 'ipv4' && !subnets[0].v4) return 'expected IPv4 CIDR for IPv4 family';
  if (ipFamily === 'ipv6' && subnets[0].v4) return 'expected IPv6 CIDR for IPv6 family';
  return undefined;
}

// Go's net.IP.String() of a parsed listen address ("<nil>" when it does not parse).
function goIPString(addr: string): string {
  if (isIPv4(addr)) return addr;
  if (isIPv6(addr)) {
    const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
    return m ? m[1] : addr.toLowerCase();
  }
  return '<nil>';
}

function validatePortMappings(mappings: PortMapping[]): string | undefined {
  const msg = 'port mapping with same listen address, port and protocol already configured';
  const bind = new Map<string, Set<string>>();
  for (const pm of mappings) {
    if (pm.hostPort === -1 || pm.hostPort === 0) continue; // random ports never clash
    let addr = goIPString(pm.listenAddress);
    const pp = `${pm.hostPort}/${pm.protocol}`;
    const err = `${msg}: ${addr}:${pp}`;
    if (addr === '::') addr = '0.0.0.0';
    const set = bind.get(pp);
    if (set) {
      if (addr === '0.0.0.0' && set.size > 0) return err;
      if (set.has(addr) || set.has('0.0.0.0')) return err;
    }
    const s = set ?? new Set<string>();
    s.add(addr);
    bind.set(pp, s);
  }
  return undefined;
}

function validateNode(n: NodeConfig): string | undefined {
  const errs: string[] = [];
  if (n.role !== 'control-plane' && n.role !== 'worker') errs.push(`${JSON.stringify(n.role)} is not a valid node role`);
  if (n.image === '') errs.push('image is a required field');
  for (const pm of n.extraPortMappings) {
    const hp = validatePort(pm.hostPort);
    if (hp) errs.push(`invalid hostPort: ${hp}`);
    const cp = validatePort(pm.containerPort);
    if (cp) errs.push(`invalid containerPort: ${cp}`);
    // [U] facts list this v0.32.0 text; the exact placement in the aggregate is not verified.
    if (goIPString(pm.listenAddress) === '<nil>') errs.push(`invalid listen address: ${pm.listenAddress}`);
  }
  const pme = validatePortMappings(n.extraPortMappings);
  if (pme) errs.push(`invalid portMapping: ${pme}`);
  return aggregate(errs);
}

/** Returns kind's error text, or undefined when the config is valid. */
export function validateCluster(c: ClusterConfig): string | undefined {
  const errs: string[] = [];
  if (!NAME_RE.test(c.name)) errs.push(`'${c.name}' is not a valid cluster name, cluster names must match \`^[a-z0-9.-]+$\``);
  if (c.networking.apiServerPort !== 0) {
    const e = validatePort(c.networking.apiServerPort);
    if (e) errs.push(`invalid apiServerPort: ${e}`);
  }
  const fam = c.networking.ipFamily;
  if (fam !== 'ipv4' && fam !== 'ipv6' && fam !== 'dual') errs.push(`invalid ipFamily: ${fam}`);
  const pod = validateSubnets(c.networking.podSubnet, fam);
  if (pod) errs.push(`invalid pod subnet ${pod}`);
  const svc = validateSubnets(c.networking.serviceSubnet, fam);
  if (svc) errs.push(`invalid service subnet ${svc}`);
  const pm = c.networking.kubeProxyMode;
  if (pm !== 'iptables' && pm !== 'ipvs' && pm !== 'none' && pm !== 'nftables') errs.push(`invalid kubeProxyMode: ${pm}`);
  let controlPlanes = 0;
  c.nodes.forEach((n, i) => {
    const e = validateNode(n);
    if (e) errs.push(`invalid configuration for node ${i}: ${e}`);
    if (n.role === 'control-plane') controlPlanes++;
  });
  if (controlPlanes < 1) errs.push('must have at least one control-plane node');
  return aggregate(errs);
}
