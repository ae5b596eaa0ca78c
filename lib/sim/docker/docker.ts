// `docker` on the simulated backend: the kind node containers (`docker ps`), `docker exec <node>`
// (ls, cat, crictl ps/pods) and `docker cp <plugin> <node>:/opt/cni/bin/` (adds a CNI binary).
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { SimManager } from '../manager';
import type { Io, Emulated } from '../kind/kind';
import type { Any } from '../cluster/gvr';
import { humanDuration, table } from './format';
import { imageId } from '../cluster/pod-status';

interface Container {
  id: string;
  image: string;
  name: string;
  created: Date;
  ports: string;
  cluster: string;
  node?: string;
}

function containers(m: SimManager): Container[] {
  const out: Container[] = [];
  for (const name of m.list()) {
    const c = m.get(name)!;
    const cps = c.cluster.nodeNames().filter((n) => c.cluster.node(n)?.role === 'control-plane');
    for (const n of c.cluster.nodeNames()) {
      const st = c.cluster.node(n)!;
      const lbOwnsPort = cps.length > 1;
      out.push({
        id: st.containerId,
        image: c.cluster.image.split('@')[0],
        name: n,
        created: new Date(st.createdAt),
        ports: st.role === 'control-plane' && !lbOwnsPort ? `127.0.0.1:${c.port}->6443/tcp` : '',
        cluster: name,
        node: n,
      });
    }
    if (cps.length > 1)
      out.push({
        id: createHash('sha256').update(`${name}-lb`).digest('hex'),
        image: 'docker.io/kindest/haproxy:v20260528-9350166c',
        name: `${name}-external-load-balancer`,
        created: c.createdAt,
        ports: `127.0.0.1:${c.port}->6443/tcp`,
        cluster: name,
      });
  }
  return out.sort((a, b) => b.created.getTime() - a.created.getTime() || b.name.localeCompare(a.name));
}

function ps(m: SimManager, argv: string[], io: Io): number {
  for (const a of argv) if (!['-a', '--all', '--no-trunc', '-q', '--quiet'].includes(a)) return unknownFlag(io, a, 'ps');
  const list = containers(m);
  if (argv.includes('-q') || argv.includes('--quiet')) {
    for (const c of list) io.stdout(`${c.id.slice(0, 12)}\n`);
    return 0;
  }
  const now = Date.now();
  const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
  for (const c of list) {
    const age = humanDuration(now - c.created.getTime());
    const cmd = c.node ? '"/usr/local/bin/entr…"' : '"haproxy -W -db -f /…"';
    rows.push([c.id.slice(0, 12), c.image, cmd, `${age} ago`, `Up ${age}`, c.ports, c.name]);
  }
  io.stdout(table(rows, 10, 3));
  return 0;
}

function unknownFlag(io: Io, a: string, cmd: string): number {
  io.stderr(`unknown flag: ${a.replace(/=.*/, '')}\nSee 'docker ${cmd} --help'.\n`);
  return 125;
}

function findNode(m: SimManager, name: string) {
  for (const c of m.list()) {
    const mc = m.get(c)!;
    if (mc.cluster.node(name)) return mc;
  }
  return undefined;
}

function crictl(mc: NonNullable<ReturnType<typeof findNode>>, node: string, args: string[], io: Io): number {
  const [sub, ...rest] = args;
  const now = Date.now();
  const pods = mc.cluster.runtimePods(node) as Any[];
  const ago = (t: string | undefined) => `${humanDuration(now - new Date(t ?? now).getTime())} ago`;
  const sandbox = (p: Any) => createHash('sha256').update(`sandbox-${p.metadata.uid}`).digest('hex');
  if (sub === 'ps') {
    // crictl added the POD column in v1.24 (cri-tools#888); older node images ship older crictl.
    const podColumn = mc.cluster.version.minor >= 24;
    const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', ...(podColumn ? ['POD'] : [])]];
    for (const p of pods)
      for (const cs of p.status?.containerStatuses ?? []) {
        if (!cs.state?.running && !rest.includes('-a') && !rest.includes('--all')) continue;
        const cid = String(cs.containerID ?? '').replace(/^containerd:\/\//, '');
        const img = imageId(p.spec.containers.find((c: Any) => c.name === cs.name)?.image ?? cs.image).split('sha256:')[1] ?? '';
        rows.push([cid.slice(0, 13), img.slice(0, 13), ago(cs.state?.running?.startedAt), cs.state?.running ? 'Running' : 'Exited', cs.name, String(cs.restartCount ?? 0), sandbox(p).slice(0, 13), ...(podColumn ? [p.metadata.name] : [])]);
      }
    io.stdout(table(rows, 20, 3));
    return 0;
  }
  if (sub === 'pods') {
    const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
    for (const p of pods) rows.push([sandbox(p).slice(0, 13), ago(p.status?.startTime), 'Ready', p.metadata.name, p.metadata.namespace, '0', '(default)']);
    io.stdout(table(rows, 20, 3));
    return 0;
  }
  if (sub === 'images') {
    const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
    for (const img of mc.cluster.node(node)!.images) {
      const i = img.lastIndexOf(':');
      rows.push([img.slice(0, i), img.slice(i + 1), (imageId(img).split('sha256:')[1] ?? '').slice(0, 13), '30MB']);
    }
    io.stdout(table(rows, 20, 3));
    return 0;
  }
  io.stderr(`No help topic for '${sub ?? ''}'\n`);
  return 1;
}

function exec(m: SimManager, argv: string[], io: Io): number {
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-')) {
    if (!['-i', '-t', '-it', '-ti', '--interactive', '--tty'].includes(argv[i])) return unknownFlag(io, argv[i], 'exec');
    i++;
  }
  const node = argv[i];
  const cmd = argv.slice(i + 1);
  if (!node || !cmd.length) {
    io.stderr(`"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n`);
    return 1;
  }
  const mc = findNode(m, node);
  if (!mc) {
    io.stderr(`Error response from daemon: No such container: ${node}\n`);
    return 1;
  }
  const [prog, ...args] = cmd;
  if (prog === 'ls') {
    const targets = args.filter((a) => !a.startsWith('-'));
    let code = 0;
    for (const t of targets.length ? targets : ['/']) {
      const entries = mc.cluster.listDir(node, t);
      if (entries === undefined) {
        const file = mc.cluster.readFile(node, t);
        if (file !== undefined) io.stdout(`${t}\n`);
        else {
          io.stderr(`ls: cannot access '${t}': No such file or directory\n`);
          code = 2;
        }
        continue;
      }
      if (targets.length > 1) io.stdout(`${t}:\n`);
      for (const e of entries) io.stdout(`${e}\n`);
    }
    return code;
  }
  if (prog === 'cat') {
    let code = 0;
    for (const f of args) {
      const text = mc.cluster.readFile(node, f);
      if (text === undefined) {
        io.stderr(mc.cluster.listDir(node, f) ? `cat: ${f}: Is a directory\n` : `cat: ${f}: No such file or directory\n`);
        code = 1;
      } else io.stdout(text.startsWith('\x7fELF') ? '\x7fELF\x02\x01\x01\n' : text);
    }
    return code;
  }
  if (prog === 'crictl') return crictl(mc, node, args, io);
  io.stderr(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${prog}": executable file not found in $PATH: unknown\n`);
  return 127;
}

function cp(m: SimManager, argv: string[], io: Io): number {
  const args = argv.filter((a) => !a.startsWith('-'));
  if (args.length !== 2) {
    io.stderr(`"docker cp" requires exactly 2 arguments.\nSee 'docker cp --help'.\n`);
    return 1;
  }
  const [src, dst] = args;
  const colon = dst.indexOf(':');
  if (colon < 0) {
    io.stderr('Error: the lab only copies files into node containers (docker cp <file> <node>:<path>)\n');
    return 1;
  }
  const node = dst.slice(0, colon);
  const target = dst.slice(colon + 1);
  const mc = findNode(m, node);
  if (!mc) {
    io.stderr(`Error response from daemon: No such container: ${node}\n`);
    return 1;
  }
  const dir = target.endsWith('/') ? target.replace(/\/+$/, '') : path.posix.dirname(target);
  const name = target.endsWith('/') || target === '/opt/cni/bin' ? path.basename(src) : path.posix.basename(target);
  if ((dir !== '/opt/cni/bin' && target !== '/opt/cni/bin') || !/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    io.stderr('Error: the simulated nodes only accept CNI plugin binaries copied into /opt/cni/bin/\n');
    return 1;
  }
  mc.cluster.addCniBinary(node, name);
  io.stderr(`Successfully copied 4.19MB to ${node}:${target}\n`);
  return 0;
}

export function createDockerEmulator(m: SimManager): Emulated {
  return async (argv, io) => {
    const [cmd, ...rest] = argv;
    if (cmd === 'ps') return ps(m, rest, io);
    if (cmd === 'exec') return exec(m, rest, io);
    if (cmd === 'cp') return cp(m, rest, io);
    if (cmd === 'version' || cmd === '--version') {
      io.stdout('Docker version 28.5.1, build e180ab8\n');
      return 0;
    }
    io.stderr(`docker: '${cmd ?? ''}' is not a docker command supported by the simulated backend.\nSee 'docker --help'\n`);
    return 1;
  };
}
