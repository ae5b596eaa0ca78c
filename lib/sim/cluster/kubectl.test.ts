// Lesson 1 with the real kubectl (1.27 and 1.33 builds) against a simulated cluster, before and after a CNI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimManager, type ManagedCluster } from '../manager';
import { createKindEmulator } from '../kind/kind';
import { ARTICLE_CONFIG } from './testing/harness';
import { kubectlRunner, KUBECTL_DIR, stripAnsi } from './testing/kubectl';
import { DEFAULT_CNI_TEMPLATE } from './bootstrap/node-files';

const BINS = ['kubectl.1.27', 'kubectl.1.33'].filter((b) => existsSync(path.join(KUBECTL_DIR, b)));

for (const image of ['kindest/node:v1.33.1', 'kindest/node:v1.36.1']) {
  describe.skipIf(BINS.length === 0)(`lesson 1 on ${image}`, () => {
    let dir: string;
    let m: SimManager;
    let c: ManagedCluster;
    let kubectl: ReturnType<typeof kubectlRunner>;
    const v133 = image.endsWith('v1.33.1');

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'sim-kubectl-'));
      writeFileSync(path.join(dir, 'kind.yaml'), ARTICLE_CONFIG);
      m = await SimManager.open({ stateDir: path.join(dir, 'state') });
      const kind = createKindEmulator(m, { pace: 'instant', cwd: dir });
      const code = await kind(['create', 'cluster', '--config', 'kind.yaml', '--name', 'test', '--image', image], { stdout() {}, stderr() {} }, new AbortController().signal);
      expect(code).toBe(0);
      c = m.get('test')!;
      await c.cluster.settle();
      kubectl = kubectlRunner(c.kubeconfigPath);
    });
    afterAll(async () => {
      await m.close();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const bin of BINS) {
      it(`${bin}: cluster-info`, async () => {
        const r = await kubectl(bin, ['cluster-info']);
        expect(r.code).toBe(0);
        expect(stripAnsi(r.stdout)).toBe(
          `Kubernetes control plane is running at ${c.server}\nCoreDNS is running at ${c.server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
        );
      });

      it(`${bin}: get nodes -o wide / get namespaces`, async () => {
        const r = await kubectl(bin, ['get', 'nodes', '-o', 'wide']);
        expect(r.code).toBe(0);
        const rows = r.stdout.trimEnd().split('\n');
        expect(rows[0]).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +EXTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME$/);
        expect(rows.slice(1).map((l) => l.split(/ {2,}/).slice(0, 3).join(' '))).toEqual([
          'test-control-plane NotReady control-plane',
          'test-worker NotReady <none>',
          'test-worker2 NotReady <none>',
          'test-worker3 NotReady <none>',
        ]);
        expect(rows[1]).toContain(v133 ? 'Debian GNU/Linux 12 (bookworm)' : 'Debian GNU/Linux 13 (trixie)');
        expect(rows[1]).toMatch(v133 ? /containerd:\/\/2\.1\.1$/ : /containerd:\/\/2\.3\.1$/);
        const ns = await kubectl(bin, ['get', 'namespaces']);
        expect(ns.stdout.trimEnd().split('\n').map((l) => l.split(/ +/).slice(0, 2).join(' '))).toEqual([
          'NAME STATUS',
          'default Active',
          'kube-node-lease Active',
          'kube-public Active',
          'kube-system Active',
          'local-path-storage Active',
        ]);
      });

      it(`${bin}: run --generator is the client's own error`, async () => {
        const r = await kubectl(bin, ['run', 'nginx', '--image=nginx', '--generator=run-pod/v1']);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe("error: unknown flag: --generator\nSee 'kubectl run --help' for usage.\n");
      });

      it(`${bin}: describe node shows the taints, NotReady reason and lease`, async () => {
        const r = await kubectl(bin, ['describe', 'node', 'test-control-plane']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Taints: +node-role\.kubernetes\.io\/control-plane:NoSchedule\n +node\.kubernetes\.io\/not-ready:NoSchedule\n/m);
        expect(r.stdout).toMatch(/^Roles: +control-plane$/m);
        expect(r.stdout).toMatch(/^ +HolderIdentity: +test-control-plane$/m);
        expect(r.stdout).toMatch(
          /^ +Ready +False +.+ +KubeletNotReady +container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized$/m,
        );
        expect(r.stdout).toMatch(/^ +kube-system +kube-apiserver-test-control-plane +250m \(\d+%\)/m);
        expect(r.stdout).toMatch(/^ +Normal +Starting +\S+ +kubelet +Starting kubelet\.$/m);
        expect(r.stdout).toMatch(/^ +Normal +RegisteredNode +\S+ +node-controller +Node test-control-plane event: Registered Node test-control-plane in Controller$/m);
      });
    }

    it('run nginx → Pending with the version FitError (both clients)', async () => {
      const r = await kubectl(BINS[BINS.length - 1], ['run', 'nginx', '--image=nginx']);
      expect(r).toMatchObject({ code: 0, stdout: 'pod/nginx created\n' });
      await c.cluster.settle();
      const msg = v133
        ? '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.'
        : '0/4 nodes are available: 4 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';
      for (const bin of BINS) {
        const po = await kubectl(bin, ['get', 'po']);
        expect(po.stdout).toMatch(/^NAME    READY   STATUS    RESTARTS   AGE\nnginx   0\/1     Pending   0          \d+s\n$/);
        const d = await kubectl(bin, ['describe', 'po', 'nginx']);
        expect(d.stdout).toMatch(/^Status: +Pending$/m);
        expect(d.stdout).toMatch(/^Node: +<none>$/m);
        expect(d.stdout).toMatch(/^ +PodScheduled +False $/m);
        expect(d.stdout).toMatch(/node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s/);
        expect(d.stdout).toContain(`  Warning  FailedScheduling  `);
        expect(d.stdout).toMatch(new RegExp(`default-scheduler +${msg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
        const all = await kubectl(bin, ['get', 'pods', '-A']);
        const pending = all.stdout.split('\n').filter((l) => l.includes('Pending'));
        expect(pending.map((l) => l.split(/ +/).slice(0, 1).concat(l.split(/ +/)[1].replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '')).join(' '))).toEqual([
          'default nginx',
          'kube-system coredns',
          'kube-system coredns',
          'local-path-storage local-path-provisioner',
        ]);
        const logs = await kubectl(bin, ['logs', 'nginx']);
        expect(logs.code).toBe(0);
      }
    });

    it('apply a kindnet DaemonSet → nodes Ready, coredns and nginx Running', async () => {
      const manifest = DEFAULT_CNI_TEMPLATE(c.cluster.version).replace('{{ .PodSubnet }}', '10.244.0.0/16');
      const r = await kubectl(BINS[0], ['apply', '-f', '-'], manifest);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('clusterrole.rbac.authorization.k8s.io/kindnet created\nclusterrolebinding.rbac.authorization.k8s.io/kindnet created\nserviceaccount/kindnet created\ndaemonset.apps/kindnet created\n');
      await c.cluster.settle();
      for (const bin of BINS) {
        const n = await kubectl(bin, ['get', 'nodes']);
        expect(n.stdout.split('\n').slice(1).filter(Boolean).every((l) => / Ready /.test(l))).toBe(true);
        const p = await kubectl(bin, ['get', 'pods', '-A', '-o', 'wide']);
        expect(p.stdout).not.toContain('Pending');
        expect(p.stdout).toMatch(/kube-system +coredns-\S+ +1\/1 +Running +0 +\S+ +10\.244\.\d+\.\d+ /);
        const d = await kubectl(bin, ['describe', 'po', 'nginx']);
        expect(d.stdout).toMatch(/^Status: +Running$/m);
        expect(d.stdout).toMatch(/Normal +Scheduled +\S+ +default-scheduler +Successfully assigned default\/nginx to test-worker\d?\n/);
        expect(d.stdout).toMatch(/Normal +Pulling +\S+ +kubelet +Pulling image "nginx"\n/);
        expect(d.stdout).toMatch(v133 ? /Normal +Started +\S+ +kubelet +Started container: nginx\n/ : /Normal +Started +\S+ +kubelet +Container started\n/);
        const logs = await kubectl(bin, ['logs', 'nginx']);
        expect(logs.stdout).toContain('Configuration complete; ready for start up');
        const dn = await kubectl(bin, ['describe', 'node', 'test-worker']);
        expect(dn.stdout).toMatch(/^Taints: +<none>$/m);
        expect(dn.stdout).toMatch(/^ +Ready +True +.+ +KubeletReady +kubelet is posting ready status$/m);
      }
      const ro = await kubectl(BINS[0], ['rollout', 'status', 'deployment/coredns', '-n', 'kube-system', '--timeout=20s']);
      expect(ro.stdout).toBe('deployment "coredns" successfully rolled out\n');
      const del = await kubectl(BINS[BINS.length - 1], ['delete', 'po', 'nginx']);
      expect(del.stdout).toBe('pod "nginx" deleted\n');
    });
  });
}
