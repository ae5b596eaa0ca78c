// The simulator's output for several kindest/node versions, read through the real kubectl, must carry
// exactly the tags a learner should see (sources: simulator v1.19.1, v1.23.17, v1.26.15, v1.33.1, v1.34.0, v1.36.1).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKindConfig } from '@/lib/kindconfig';
import { SimManager, type ManagedCluster } from '@/lib/sim/manager';
import { annotateText } from './matcher';

// The versioned build the brief names; on a machine without it, the kubectl on PATH (a real client too).
const KUBECTL = existsSync('/usr/lib/google-cloud-sdk/bin/kubectl.1.33') ? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33' : 'kubectl';

function kindConfig(image: string): string {
  const node = (role: string) => `- role: ${role}\n  image: ${image}\n`;
  return `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\nnodes:\n${node('control-plane')}${node('worker')}${node('worker')}${node('worker')}`;
}

// Async on purpose: the simulated API server runs in this process and must keep answering.
function kubectl(c: ManagedCluster, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(KUBECTL, ['--kubeconfig', c.kubeconfigPath, ...args], { encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    ),
  );
}


interface Expected {
  image: string;
  readyPrefix: string;
  failedScheduling: string[];
  schedulingText: string;
}

describe.each<Expected>([
  { image: 'kindest/node:v1.19.1', readyPrefix: 'KubeletNotReady              runtime network not ready:', failedScheduling: ['untolerated-taint-control-plane', 'untolerated-taint-not-ready'], schedulingText: "had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate" },
  { image: 'kindest/node:v1.23.17', readyPrefix: 'KubeletNotReady              container runtime network not ready:', failedScheduling: ['untolerated-taint-control-plane', 'untolerated-taint-not-ready'], schedulingText: "had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 3 node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't tolerate." },
  { image: 'kindest/node:v1.26.15', readyPrefix: 'KubeletNotReady              container runtime network not ready:', failedScheduling: ['untolerated-taint-control-plane', 'untolerated-taint-not-ready'], schedulingText: '4 Preemption is not helpful for scheduling..' },
  { image: 'kindest/node:v1.33.1', readyPrefix: 'KubeletNotReady              container runtime network not ready:', failedScheduling: ['untolerated-taint-control-plane', 'untolerated-taint-not-ready'], schedulingText: 'had untolerated taint {node-role.kubernetes.io/control-plane: }' },
  { image: 'kindest/node:v1.34.0', readyPrefix: 'KubeletNotReady              container runtime network not ready:', failedScheduling: ['untolerated-taint-control-plane', 'untolerated-taint-not-ready'], schedulingText: 'had untolerated taint {node.kubernetes.io/not-ready: }. no new claims to deallocate, preemption:' },
  { image: 'kindest/node:v1.36.1', readyPrefix: 'KubeletNotReady              container runtime network not ready:', failedScheduling: ['untolerated-taint-generic'], schedulingText: 'had untolerated taint(s). no new claims to deallocate, preemption:' },
])('simulator $image', ({ image, readyPrefix, failedScheduling, schedulingText }) => {
  let dir: string;
  let manager: SimManager;
  let c: ManagedCluster;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'annotations-sim-'));
    manager = await SimManager.open({ stateDir: dir });
    const r = parseKindConfig(kindConfig(image), { name: 'test' });
    if (!r.ok) throw new Error(r.error);
    c = await manager.create({ name: 'test', config: r.config, image, pace: 'instant' });
    await kubectl(c, 'run', 'nginx', '--image=nginx');
    await c.cluster.settle();
  });
  afterAll(async () => {
    await manager?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('get nodes: every node row is node-not-ready, the header is not', async () => {
    const out = await kubectl(c, 'get', 'nodes');
    expect(out.split('\n')[0]).toMatch(/^NAME\s+STATUS/);
    expect(annotateText(out).map((m) => `${m.line} ${m.topic}`)).toEqual(['2 node-not-ready', '3 node-not-ready', '4 node-not-ready', '5 node-not-ready']);
  });

  it('get pods -A: nginx and local-path-provisioner pod-pending, both CoreDNS pods coredns-pending, Running rows untagged', async () => {
    const out = await kubectl(c, 'get', 'pods', '-A');
    const ms = annotateText(out);
    const byName = ms.map((m) => `${m.text.split(/\s+/)[1].replace(/-[a-z0-9]+-[a-z0-9]+$/, '')} ${m.topic}`);
    expect(byName.sort()).toEqual(['coredns coredns-pending', 'coredns coredns-pending', 'local-path-provisioner pod-pending', 'nginx pod-pending']);
    const running = out.split('\n').filter((l) => /\sRunning\s/.test(l));
    expect(running.length).toBeGreaterThanOrEqual(8); // static pods + 4 kube-proxy
    expect(ms.some((m) => m.text.includes('Running'))).toBe(false);
  });

  it('describe po nginx: PodScheduled False and the FailedScheduling event, not the tolerations', async () => {
    const out = await kubectl(c, 'describe', 'po', 'nginx');
    expect(out).toContain(schedulingText);
    const ms = annotateText(out);
    expect(ms.map((m) => m.topic)).toEqual(['pod-pending', ...failedScheduling]);
    expect(ms[0].text).toMatch(/^\s+PodScheduled\s+False/);
    expect(ms.slice(1).every((m) => m.text.includes('FailedScheduling'))).toBe(true);
    expect(out).toMatch(/^Status:\s+Pending$/m); // left alone: a scheduled pod in ContainerCreating is Pending too
    expect(out).toContain('node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
  });

  it('describe node: the not-ready taint and the Ready row (runtime network first, then NotReady)', async () => {
    const out = await kubectl(c, 'describe', 'node', 'test-control-plane');
    expect(out).toContain(readyPrefix);
    const ms = annotateText(out);
    expect(ms.map((m) => m.topic)).toEqual(['untolerated-taint-not-ready', 'network-plugin-not-ready', 'node-not-ready']);
    expect(ms[0].text.trim()).toBe('node.kubernetes.io/not-ready:NoSchedule');
    expect(ms[1].line).toBe(ms[2].line);
    // Healthy rows of the same output stay untagged.
    for (const healthy of ['KubeletHasSufficientMemory', 'Starting kubelet.', 'RegisteredNode'])
      expect(ms.some((m) => m.text.includes(healthy)), healthy).toBe(false);
  });
});
