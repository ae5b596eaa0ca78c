// The real watcher (client-node informers over HTTPS) against the in-process simulator, driven by the
// app's own command wiring: kind create, kubectl run, kubectl apply kindnet, an API-server restart,
// kind delete. Asserts what the X-ray panel would show at each point.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../lab/run';
import { simManager } from '../lab/sim-backend';
import { resetRegistryForTests } from '../runner/registry';
import { explainScheduling, taintString } from './explain';
import { ClusterWatcher } from './watcher';
import type { ClusterSnapshot } from './types';

let dir: string;
let watcher: ClusterWatcher;
let unsubscribe = () => {};
const seen: ClusterSnapshot[] = [];
let latest: ClusterSnapshot | undefined;
const waiters: Array<() => void> = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-xray-'));
  process.env.CNI_LAB_STATE_DIR = dir;
  process.env.CNI_LAB_MODE = 'sim';
  process.env.CNI_LAB_SIM_PACE = 'instant';
  resetRegistryForTests();
  watcher = new ClusterWatcher({ pollMs: 200, backoffMinMs: 200, backoffMaxMs: 1000 });
  unsubscribe = watcher.subscribe((s) => {
    seen.push(s);
    latest = s;
    for (const w of waiters.splice(0)) w();
  });
});

afterAll(async () => {
  unsubscribe();
  watcher.stop();
  await (await simManager()).close();
});

/** Resolves with the first snapshot (current or later) that satisfies `pred`. */
async function until(pred: (s: ClusterSnapshot) => boolean, what: string, ms = 20_000): Promise<ClusterSnapshot> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (latest && pred(latest)) return latest;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out waiting for: ${what}\nlast snapshot: ${JSON.stringify(latest)?.slice(0, 1500)}`);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, left);
      waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

async function run(command: string, lessonId?: string) {
  const r = await runCommand({ command, lessonId });
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  const exit = await r.job.done;
  expect(exit.exitCode, command).toBe(0);
}

const pod = (s: ClusterSnapshot, prefix: string) => s.pods.filter((p) => p.name.startsWith(prefix));

describe('the X-ray watcher on the simulated cluster', () => {
  it('says plainly that there is no cluster before kind create', async () => {
    const s = await until((x) => !x.reachable, 'unreachable snapshot');
    expect(s).toMatchObject({ reachable: false, errorCode: 'no-cluster', mode: 'sim', nodes: [] });
    expect(s.error).toContain('no kind cluster yet');
  });

  it('shows four NotReady nodes and the Pending pods with the taints that keep them off', async () => {
    await run('kind create cluster --config kind-1m3w-nocni.yaml --name test', 'kind-without-cni');
    await run('kubectl run nginx --image=nginx');
    const s = await until((x) => x.reachable && x.nodes.length === 4 && x.pods.some((p) => p.name === 'nginx' && p.scheduled?.status === 'False'), 'nodes and pending nginx');
    expect(s.context).toBe('kind-test');
    expect(s.serverVersion).toBe('v1.36.1');
    for (const n of s.nodes) {
      expect(n.ready).toBe('False');
      expect(n.readyReason).toBe('KubeletNotReady');
      expect(n.readyMessage).toContain('container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
      expect(n.cni.state).toBe('missing');
    }
    const pending = s.pods.filter((p) => !p.nodeName);
    expect(pending.map((p) => p.name.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '')).sort()).toEqual(['coredns', 'coredns', 'local-path-provisioner', 'nginx']);
    const verdicts = (name: string) => {
      const e = explainScheduling(s.pods.find((p) => p.name.startsWith(name))!, s.nodes);
      if (e.kind !== 'pending') throw new Error(`${name} is ${e.kind}`);
      return e.perNode.map((v) => `${v.node}=${v.taint ? taintString(v.taint) : 'fits'}`);
    };
    expect(verdicts('nginx')).toEqual([
      'test-control-plane=node-role.kubernetes.io/control-plane:NoSchedule',
      'test-worker=node.kubernetes.io/not-ready:NoSchedule',
      'test-worker2=node.kubernetes.io/not-ready:NoSchedule',
      'test-worker3=node.kubernetes.io/not-ready:NoSchedule',
    ]);
    for (const name of ['coredns-', 'local-path-provisioner-']) expect(verdicts(name).every((v) => v.endsWith('=node.kubernetes.io/not-ready:NoSchedule'))).toBe(true);
    // The static pods run anyway: mirror pods on the control plane, never scheduled.
    const statics = s.pods.filter((p) => p.static);
    expect(statics.map((p) => p.name).sort()).toEqual(['etcd-test-control-plane', 'kube-apiserver-test-control-plane', 'kube-controller-manager-test-control-plane', 'kube-scheduler-test-control-plane']);
    expect(statics.every((p) => p.status === 'Running' && p.hostNetwork)).toBe(true);
    expect(s.events.some((e) => e.reason === 'FailedScheduling' && e.involved.name === 'nginx' && e.source === 'default-scheduler')).toBe(true);
  });

  it('turns Ready and binds the pods after kubectl apply -f kindnet.yaml', async () => {
    await run('kubectl apply -f kindnet.yaml', 'fix-with-a-cni');
    const s = await until((x) => x.nodes.length === 4 && x.nodes.every((n) => n.ready === 'True') && x.pods.every((p) => p.status === 'Running'), 'all Ready and Running');
    expect(s.nodes.every((n) => n.cni.state === 'ready' && n.cni.plugin === 'kindnet' && n.readyReason === 'KubeletReady')).toBe(true);
    expect(s.nodes.flatMap((n) => n.taints.map(taintString))).not.toContain('node.kubernetes.io/not-ready:NoSchedule');
    for (const p of [...pod(s, 'coredns-'), ...pod(s, 'nginx'), ...pod(s, 'local-path-provisioner-')]) {
      expect(p.nodeName, p.name).toBeTruthy();
      expect(p.podIP, p.name).toMatch(/^10\.244\./);
    }
    expect(pod(s, 'kindnet-')).toHaveLength(4);
  });

  it('recovers when the API server restarts (watch dropped, cluster restored from disk)', async () => {
    const before = latest!.revision;
    const { connects, watchErrors } = watcher.stats;
    const m = await simManager();
    await m.close();
    // While it is down the panel says so, with the connection error.
    const down = await until((x) => !x.reachable, 'unreachable while the API server is down');
    expect(down.errorCode).toBe('unreachable');
    expect(down.error).toMatch(/^the cluster does not answer: /);
    // The process-wide manager is re-opened from the same state dir, as after a server restart.
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('cni-lab.sim-manager')];
    await simManager();
    await run('kubectl run after-restart --image=nginx');
    const s = await until((x) => x.reachable && x.pods.some((p) => p.name === 'after-restart'), 'pod created after the restart');
    expect(s.revision).toBeGreaterThan(before);
    expect(watcher.stats.watchErrors).toBeGreaterThan(watchErrors);
    expect(watcher.stats.connects).toBeGreaterThan(connects);
    expect(s.nodes).toHaveLength(4);
  });

  it('reports reachable:false after kind delete cluster', async () => {
    await run('kind delete cluster --name test');
    const s = await until((x) => !x.reachable, 'unreachable after delete');
    expect(s.errorCode).toBe('no-cluster');
    expect(s.nodes).toEqual([]);
  });
});
