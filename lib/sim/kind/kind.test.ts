import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimManager } from '../manager';
import { createKindEmulator, type Emulated } from './kind';
import { createDockerEmulator } from '../docker/docker';

let dir: string;
let m: SimManager;
let kind: Emulated;
let docker: Emulated;

async function run(e: Emulated, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await e(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, new AbortController().signal);
  return { code, stdout, stderr };
}

const CONFIG = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n- role: worker\n';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kind-emu-'));
  writeFileSync(path.join(dir, 'kind-1m3w-nocni.yaml'), CONFIG);
  writeFileSync(path.join(dir, 'ha.yaml'), 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: control-plane\n- role: worker\n');
  writeFileSync(path.join(dir, 'bad.yaml'), 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCni: true\n');
  m = await SimManager.open({ stateDir: path.join(dir, 'state') });
  kind = createKindEmulator(m, { pace: 'instant', cwd: dir, salutation: () => 'Have a nice day! 👋' });
  docker = createDockerEmulator(m);
});
afterAll(async () => {
  await m.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kind emulation', () => {
  it('version', async () => {
    expect(await run(kind, ['version'])).toEqual({ code: 0, stdout: 'kind v0.32.0 go1.26.3 linux/amd64\n', stderr: '' });
  });

  it('get clusters with none', async () => {
    expect(await run(kind, ['get', 'clusters'])).toEqual({ code: 0, stdout: '', stderr: 'No kind clusters found.\n' });
  });

  it('create prints the non-TTY form, CNI step skipped', async () => {
    const r = await run(kind, ['create', 'cluster', '--config', 'kind-1m3w-nocni.yaml', '--name', 'test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const steps = ['Ensuring node image (kindest/node:v1.36.1) 🖼', 'Preparing nodes 📦 📦 📦 📦 ', 'Writing configuration 📜', 'Starting control-plane 🕹️', 'Installing StorageClass 💾', 'Joining worker nodes 🚜'];
    expect(r.stderr).toBe(
      `Creating cluster "test" ...\n${steps.map((s) => ` • ${s}  ...\n ✓ ${s}\n`).join('')}Set kubectl context to "kind-test"\nYou can now use your cluster with:\n\nkubectl cluster-info --context kind-test\n\nHave a nice day! 👋\n`,
    );
    expect(await run(kind, ['get', 'clusters'])).toEqual({ code: 0, stdout: 'test\n', stderr: '' });
    expect((await run(kind, ['get', 'nodes', '--name', 'test'])).stdout.split('\n').filter(Boolean).sort()).toEqual(['test-control-plane', 'test-worker', 'test-worker2', 'test-worker3']);
    expect((await run(kind, ['get', 'kubeconfig', '--name', 'test'])).stdout).toMatch(/current-context: kind-test\n/);
  });

  it('export kubeconfig and -q', async () => {
    expect(await run(kind, ['export', 'kubeconfig', '--name', 'test'])).toEqual({ code: 0, stdout: '', stderr: 'Set kubectl context to "kind-test"\n' });
    expect(await run(kind, ['export', 'kubeconfig', '--name', 'nope', '-q'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "ERROR: could not locate any control plane nodes for cluster named 'nope'. Use the --name option to select a different cluster\n",
    });
    expect(await run(kind, ['get', 'clusters', '-q'])).toEqual({ code: 0, stdout: 'test\n', stderr: '' });
  });

  it('refuses a second cluster with the same name', async () => {
    expect(await run(kind, ['create', 'cluster', '--config', 'kind-1m3w-nocni.yaml', '--name', 'test'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "test"\n',
    });
  });

  it('config errors as kind prints them', async () => {
    const r = await run(kind, ['create', 'cluster', '--config', 'bad.yaml', '--name', 'x']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'ERROR: failed to create cluster: unable to decode config: yaml: unmarshal errors:\n  line 4: field disableDefaultCni not found in type v1alpha4.Networking\n' });
    expect((await run(kind, ['create', 'cluster', '--config', 'missing.yaml'])).stderr).toBe('ERROR: failed to create cluster: error reading file: open missing.yaml: no such file or directory\n');
    expect(await run(kind, ['create', 'cluster', '--foo'])).toEqual({ code: 1, stdout: '', stderr: 'ERROR: unknown flag: --foo\n' });
    expect((await run(kind, ['create', 'cluster', '--name', 'Bad'])).stderr).toBe("ERROR: failed to create cluster: 'Bad' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`\n");
  });

  it('docker ps lists the node containers', async () => {
    const r = await run(docker, ['ps']);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^CONTAINER ID   IMAGE {18}COMMAND {18}CREATED +STATUS +PORTS {23}NAMES$/);
    // Columns line up (Go tabwriter): every row's NAMES starts where the header's does.
    for (const l of lines) expect(l.indexOf('test-') === -1 || l.lastIndexOf('   ') + 3 === lines[0].indexOf('NAMES')).toBe(true);
    expect(lines).toHaveLength(5);
    const cp = lines.find((l) => l.endsWith('test-control-plane'))!;
    expect(cp).toMatch(/^[0-9a-f]{12}   kindest\/node:v1\.36\.1   "\/usr\/local\/bin\/entr…"   Less than a second ago   Up Less than a second   127\.0\.0\.1:\d+->6443\/tcp   test-control-plane$|^[0-9a-f]{12}   kindest\/node:v1\.36\.1   "\/usr\/local\/bin\/entr…"   \d+ seconds? ago +Up \d+ seconds? +127\.0\.0\.1:\d+->6443\/tcp   test-control-plane$/);
  });

  it('docker exec ls / cat / crictl', async () => {
    expect(await run(docker, ['exec', 'test-worker', 'ls', '/etc/cni/net.d'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await run(docker, ['exec', 'test-worker', 'ls', '/opt/cni/bin'])).stdout).toBe('host-local\nloopback\nportmap\nptp\n');
    expect((await run(docker, ['exec', 'test-control-plane', 'cat', '/kind/manifests/default-cni.yaml'])).stdout).toContain('value: {{ .PodSubnet }}');
    expect(await run(docker, ['exec', 'test-worker', 'cat', '/etc/cni/net.d/10-kindnet.conflist'])).toEqual({ code: 1, stdout: '', stderr: 'cat: /etc/cni/net.d/10-kindnet.conflist: No such file or directory\n' });
    expect(await run(docker, ['exec', 'nope', 'ls'])).toEqual({ code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\n' });
    const ps = await run(docker, ['exec', 'test-control-plane', 'crictl', 'ps']);
    expect(ps.stdout.split('\n')[0]).toMatch(/^CONTAINER {11}IMAGE {15}CREATED +STATE {15}NAME {22}ATTEMPT {13}POD ID {14}POD$/);
    expect(ps.stdout).toMatch(/Running +kube-apiserver +0 +[0-9a-f]{13} +kube-apiserver-test-control-plane/);
    expect(ps.stdout).toMatch(/Running +kube-proxy /);
    const pods = await run(docker, ['exec', 'test-worker', 'crictl', 'pods']);
    expect(pods.stdout).toMatch(/^POD ID +CREATED +STATE +NAME +NAMESPACE +ATTEMPT +RUNTIME\n[0-9a-f]{13} +.* ago +Ready +kube-proxy-[a-z0-9]{5} +kube-system +0 +\(default\)\n$/);
  });

  it('docker cp of a plugin binary into /opt/cni/bin', async () => {
    const r = await run(docker, ['cp', './bridge', 'test-worker:/opt/cni/bin/']);
    expect(r.code).toBe(0);
    expect((await run(docker, ['exec', 'test-worker', 'ls', '/opt/cni/bin'])).stdout).toBe('bridge\nhost-local\nloopback\nportmap\nptp\n');
  });

  it('state survives a restart of the manager', async () => {
    const port = m.get('test')!.port;
    await m.close();
    m = await SimManager.open({ stateDir: path.join(dir, 'state') });
    kind = createKindEmulator(m, { pace: 'instant', cwd: dir, salutation: () => 'Have a nice day! 👋' });
    docker = createDockerEmulator(m);
    expect(m.list()).toEqual(['test']);
    expect(m.get('test')!.port).toBe(port);
    expect((await run(docker, ['exec', 'test-worker', 'ls', '/opt/cni/bin'])).stdout).toContain('bridge\n');
  });

  it('--wait on a no-CNI cluster times out with kind\'s warning', async () => {
    const r = await run(kind, ['create', 'cluster', '--config', 'kind-1m3w-nocni.yaml', '--name', 'waiting', '--wait', '1m']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(' • Waiting ≤ 1m0s for control-plane = Ready ⏳  ...\n ✗ Waiting ≤ 1m0s for control-plane = Ready ⏳\n • WARNING: Timed out waiting for Ready ⚠️\n');
    const ha = await run(kind, ['create', 'cluster', '--name', 'ha', '--wait', '30s', '--config', 'ha.yaml']);
    expect(ha.code).toBe(0);
    expect(ha.stderr).toContain(' ✓ Configuring the external load balancer ⚖️\n');
    expect(ha.stderr).toContain(' ✓ Installing CNI 🔌\n');
    expect(ha.stderr).toContain(' ✓ Joining more control-plane nodes 🎮\n');
    expect(ha.stderr).toMatch(/ ✓ Waiting ≤ 30s for control-plane = Ready ⏳\n • Ready after \d+s 💚\n/);
    expect((await run(kind, ['get', 'nodes', '--name', 'ha'])).stdout.split('\n').filter(Boolean).sort()).toEqual(['ha-control-plane', 'ha-control-plane2', 'ha-worker']);
    expect((await run(docker, ['ps'])).stdout).toMatch(/kindest\/haproxy:\S+ .* 127\.0\.0\.1:\d+->6443\/tcp   ha-external-load-balancer\n/);
    await run(kind, ['delete', 'cluster', '--name', 'waiting']);
    await run(kind, ['delete', 'cluster', '--name', 'ha']);
  });

  it('delete', async () => {
    const r = await run(kind, ['delete', 'cluster', '--name', 'test']);
    expect(r.code).toBe(0);
    const [first, second] = r.stderr.split('\n');
    expect(first).toBe('Deleting cluster "test" ...');
    expect(second).toMatch(/^Deleted nodes: \["test-[a-z0-9-]+"( "test-[a-z0-9-]+"){3}\]$/);
    expect(second.match(/"[^"]+"/g)!.sort()).toEqual(['"test-control-plane"', '"test-worker"', '"test-worker2"', '"test-worker3"']);
    expect(await run(kind, ['delete', 'cluster', '--name', 'test'])).toEqual({ code: 0, stdout: '', stderr: 'Deleting cluster "test" ...\n' });
    expect((await run(kind, ['get', 'clusters'])).stderr).toBe('No kind clusters found.\n');
  });
});
