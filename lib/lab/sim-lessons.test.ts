// Every command of every lesson, in order, through the real wiring (parse → lesson files → simulator
// backend → job) with the real kubectl: what a learner clicking through the lessons would get.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLesson } from '../lessons/loader';
import type { Job } from '../runner/job';
import { resetRegistryForTests } from '../runner/registry';
import { runCommand } from './run';
import { simManager } from './sim-backend';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-sim-lessons-'));
  process.env.CNI_LAB_STATE_DIR = dir;
  process.env.CNI_LAB_MODE = 'sim';
  process.env.CNI_LAB_SIM_PACE = 'instant';
});
afterAll(async () => {
  await (await simManager()).close();
});

async function run(command: string, lessonId?: string): Promise<{ out: string; err: string; exit: number | null; job: Job }> {
  const r = await runCommand({ command, lessonId });
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  const exit = await r.job.done;
  const events = r.job.eventsAfter(0);
  const text = (t: 'out' | 'err') => events.filter((e) => e.type === t).map((e) => e.data as string).join('');
  return { out: text('out'), err: text('err'), exit: exit.exitCode, job: r.job };
}

describe('lesson 1 on the simulated cluster', () => {
  it('creates the four-node no-CNI cluster with kind’s own output', async () => {
    resetRegistryForTests();
    const r = await run('kind create cluster --config kind-1m3w-nocni.yaml --name test', 'kind-without-cni');
    expect(r.exit).toBe(0);
    expect(r.err).toContain('Creating cluster "test" ...');
    expect(r.err).toContain('Ensuring node image (kindest/node:v1.36.1) 🖼');
    expect(r.err).toContain('Preparing nodes 📦 📦 📦 📦');
    expect(r.err).not.toContain('Installing CNI');
    expect(r.err).toContain('Set kubectl context to "kind-test"');
    const progress = r.job.eventsAfter(0).filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
  });

  it('shows every node NotReady through the real kubectl', async () => {
    const nodes = await run('kubectl get nodes');
    expect(nodes.exit).toBe(0);
    expect(nodes.out.match(/NotReady/g)?.length).toBe(4);
    expect(nodes.out).toMatch(/test-control-plane\s+NotReady\s+control-plane/);
  });

  it('runs every lesson-1 command and each ends as the lesson expects', async () => {
    const loaded = (await loadLesson('kind-without-cni'))!;
    for (const step of loaded.lesson.steps) {
      for (const c of step.commands) {
        if (!c.modes.includes('sim')) continue;
        if (c.run.startsWith('kind create') || c.run.startsWith('kind delete')) continue; // covered around this test
        const r = await run(c.run, 'kind-without-cni');
        const failed = r.exit !== 0;
        expect(failed, `${step.id}: ${c.run}\n${r.out}${r.err}`).toBe(c.expectFailure);
      }
    }
    // The lesson ran nginx; it is Pending with coredns and local-path-provisioner, for the article's reasons.
    const pending = await run('kubectl get pods -A | grep Pending');
    expect(pending.out).toMatch(/default\s+nginx\s+0\/1\s+Pending/);
    expect(pending.out.match(/coredns-/g)?.length).toBe(2);
    expect(pending.out).toContain('local-path-provisioner-');
  });

  it('lists the node containers and deletes the cluster like kind', async () => {
    const ps = await run('docker ps');
    expect(ps.out).toContain('kindest/node:v1.36.1');
    expect(ps.out).toContain('test-control-plane');
    const del = await run('kind delete cluster --name test');
    expect(del.exit).toBe(0);
    expect(del.err).toContain('Deleting cluster "test" ...');
    expect(del.err).toMatch(/Deleted nodes: \[("test-(control-plane|worker\d?)" ?){4}\]/);
    const clusters = await run('kind get clusters');
    expect(clusters.err).toContain('No kind clusters found.');
  });
});

describe('lesson 2 on the simulated cluster: each CNI fixes it the way the real one does', () => {
  const create = () => run('kind create cluster --config kind-1m3w-nocni.yaml --name test', 'kind-without-cni');

  it.each([
    ['kindnet.yaml', '10-kindnet.conflist', 'app=kindnet'],
    ['calico.yaml', '10-calico.conflist', 'k8s-app=calico-node'],
    ['cilium.yaml', '05-cilium.conflist', 'k8s-app=cilium'],
  ])('%s: nodes turn Ready and the Pending pods start with pod IPs', async (manifest, conflist, agentLabel) => {
    expect((await create()).exit).toBe(0);
    expect((await run('docker exec test-control-plane ls /etc/cni/net.d')).out).toBe('');
    expect((await run('kubectl run nginx --image=nginx')).exit).toBe(0);
    const apply = await run(`kubectl apply -f ${manifest}`, 'fix-with-a-cni');
    expect(apply.exit, apply.err).toBe(0);
    const wait = await run('kubectl wait --for=condition=Ready nodes --all --timeout=60s');
    expect(wait.exit, wait.err).toBe(0);
    expect(wait.out.match(/condition met/g)?.length).toBe(4);
    const agents = await run(`kubectl get pods -n kube-system -l ${agentLabel}`);
    expect(agents.out.match(/Running/g)?.length).toBe(4);
    // Pending pods get scheduled and started once nodes are Ready.
    const wide = await run('kubectl wait --for=condition=Ready pod/nginx --timeout=60s');
    expect(wide.exit, wide.err).toBe(0);
    const nginx = await run('kubectl get pod nginx -o wide');
    expect(nginx.out).toMatch(/nginx\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+test-worker/);
    expect((await run('kubectl get pods -A | grep Pending')).out).toBe('');
    expect((await run('docker exec test-control-plane ls /etc/cni/net.d')).out).toContain(conflist);
    const node = await run('kubectl describe node test-worker');
    expect(node.out).toMatch(/Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status/);
    expect(node.out).not.toContain('node.kubernetes.io/not-ready');
    expect((await run('kind delete cluster --name test')).exit).toBe(0);
  });

  it('flannel.yaml: nodes turn Ready but pods fail because kind has no bridge plugin', async () => {
    expect((await create()).exit).toBe(0);
    expect((await run('kubectl run nginx --image=nginx')).exit).toBe(0);
    expect((await run('kubectl apply -f flannel.yaml', 'fix-with-a-cni')).exit).toBe(0);
    expect((await run('kubectl wait --for=condition=Ready nodes --all --timeout=60s')).exit).toBe(0);
    expect((await run('docker exec test-worker ls /opt/cni/bin')).out.split(/\s+/).filter(Boolean).sort()).not.toContain('bridge');
    const describe = await run('kubectl describe pod nginx');
    expect(describe.out).toContain('FailedCreatePodSandBox');
    expect(describe.out).toContain('failed to find plugin "bridge" in path [/opt/cni/bin]');
    expect((await run('kubectl get pod nginx')).out).toMatch(/nginx\s+0\/1\s+ContainerCreating/);
    expect((await run('kind delete cluster --name test')).exit).toBe(0);
  });

  it('runs the kindnet path of lesson 2 command by command', async () => {
    const loaded = (await loadLesson('fix-with-a-cni'))!;
    expect((await create()).exit).toBe(0);
    expect((await run('kubectl run nginx --image=nginx')).exit).toBe(0);
    for (const step of loaded.lesson.steps) {
      if (['calico', 'cilium', 'flannel'].includes(step.id)) continue; // one CNI per cluster
      for (const c of step.commands) {
        if (!c.modes.includes('sim') || / -w\b|--watch/.test(c.run)) continue; // watches never end by themselves
        const r = await run(c.run, 'fix-with-a-cni');
        expect(r.exit !== 0, `${step.id}: ${c.run}\n${r.out}${r.err}`).toBe(c.expectFailure);
      }
    }
    expect((await run('kind get clusters')).err).toContain('No kind clusters found.');
  });
});
