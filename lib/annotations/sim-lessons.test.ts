// Every lesson command run the way the app runs it (parse → lesson files → simulator → real kubectl),
// its output annotated: the tags a learner sees beside the terminal (source: simulator v1.36.1, the default).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLesson } from '@/lib/lessons/loader';
import { resetRegistryForTests } from '@/lib/runner/registry';
import { runCommand } from '@/lib/lab/run';
import { simManager } from '@/lib/lab/sim-backend';
import { annotateText } from './matcher';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-annotate-lessons-'));
  process.env.CNI_LAB_STATE_DIR = dir;
  process.env.CNI_LAB_MODE = 'sim';
  process.env.CNI_LAB_SIM_PACE = 'instant';
});
afterAll(async () => {
  await (await simManager()).close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a command and returns the topics of its whole terminal output (stdout and stderr, in order). */
async function tags(command: string, lessonId?: string): Promise<string[]> {
  const r = await runCommand({ command, lessonId });
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  await r.job.done;
  const text = r.job.eventsAfter(0).filter((e) => e.type === 'out' || e.type === 'err').map((e) => e.data as string).join('');
  return annotateText(text).map((m) => m.topic);
}

describe('lesson 1 commands on the simulated cluster', () => {
  it('tags exactly the failures each command shows', async () => {
    resetRegistryForTests();
    const loaded = (await loadLesson('kind-without-cni'))!;
    const seen: Record<string, string[]> = {};
    for (const step of loaded.lesson.steps)
      for (const c of step.commands) if (c.modes.includes('sim')) seen[c.run] = await tags(c.run, 'kind-without-cni');
    const pending4 = ['pod-pending', 'coredns-pending', 'coredns-pending', 'pod-pending'];
    expect(seen).toEqual({
      'kind version': [],
      'kind get clusters': ['kind-no-clusters'],
      'kind create cluster --config kind-1m3w-nocni.yaml --name test': [],
      'kubectl config current-context': [],
      'kubectl config use-context kind-test': [],
      'kubectl cluster-info': [],
      'kubectl run nginx --image=nginx --generator=run-pod/v1': ['unknown-flag-generator'],
      'kubectl run nginx --image=nginx': [],
      'kubectl get po': ['pod-pending'],
      'kubectl describe po nginx': ['pod-pending', 'untolerated-taint-generic'],
      'kubectl get nodes -o wide': ['node-not-ready', 'node-not-ready', 'node-not-ready', 'node-not-ready'],
      'kubectl describe node test-control-plane': ['untolerated-taint-not-ready', 'network-plugin-not-ready', 'node-not-ready'],
      'kubectl describe nodes | grep KubeletNotReady | wc -l': [],
      'kubectl -n kube-system get configmap kubeadm-config -o yaml': [],
      'kubectl -n kube-system get pods -l k8s-app=kube-dns': ['coredns-pending', 'coredns-pending'],
      'kubectl get namespaces': [],
      'kubectl get pods -A | grep Pending': pending4,
      'kubectl get pods -A -o wide': pending4,
      'kubectl -n kube-system get daemonset kube-proxy -o yaml | grep hostNetwork': [],
      'kubectl -n kube-system describe pods -l k8s-app=kube-dns': ['pod-pending', 'untolerated-taint-generic', 'pod-pending', 'untolerated-taint-generic'],
      'kind delete cluster --name test': [],
    });
  });

  it('kind refuses a second cluster with the same name', async () => {
    const create = 'kind create cluster --config kind-1m3w-nocni.yaml --name test';
    expect(await tags(create, 'kind-without-cni')).toEqual([]);
    expect(await tags(create, 'kind-without-cni')).toEqual(['kind-cluster-exists']);
    // kubectl wait on NotReady nodes: the real client's timeout line.
    expect(await tags('kubectl wait --for=condition=Ready nodes --all --timeout=1s')).toEqual(['node-not-ready', 'node-not-ready', 'node-not-ready', 'node-not-ready']);
  });
});

describe('lesson 2 with Flannel: nodes turn Ready but sandboxes fail (kind has no bridge plugin)', () => {
  it('tags the sandbox failure, the missing binary and the ContainerCreating row, and no longer the node', async () => {
    // The cluster "test" from the previous test is still there.
    expect(await tags('kubectl run nginx --image=nginx')).toEqual([]);
    expect(await tags('kubectl apply -f flannel.yaml', 'fix-with-a-cni')).toEqual([]);
    expect(await tags('kubectl wait --for=condition=Ready nodes --all --timeout=60s')).toEqual([]);
    expect(await tags('kubectl get nodes')).toEqual([]);
    // The old FailedScheduling event stays in the history; the pod's own "Ready False" condition is not a node.
    expect(await tags('kubectl describe pod nginx')).toEqual(['container-creating-network', 'untolerated-taint-generic', 'cni-binary-missing', 'sandbox-network-setup-failed']);
    expect(await tags('kubectl get pod nginx')).toEqual(['container-creating-network']);
    expect(await tags('kind delete cluster --name test')).toEqual([]);
    expect(await tags('kind get clusters')).toEqual(['kind-no-clusters']);
  });
});

describe('lesson 2 with kindnet: a healthy cluster shows no tags', () => {
  it('get nodes, get pods -A, describe node and describe pod are all untagged once the CNI works', async () => {
    expect(await tags('kind create cluster --config kind-1m3w-nocni.yaml --name test', 'kind-without-cni')).toEqual([]);
    expect(await tags('kubectl run nginx --image=nginx')).toEqual([]);
    expect(await tags('kubectl apply -f kindnet.yaml', 'fix-with-a-cni')).toEqual([]);
    expect(await tags('kubectl wait --for=condition=Ready nodes --all --timeout=60s')).toEqual([]);
    expect(await tags('kubectl wait --for=condition=Ready pod/nginx --timeout=60s')).toEqual([]);
    expect(await tags('kubectl get nodes -o wide')).toEqual([]);
    expect(await tags('kubectl get pods -A -o wide')).toEqual([]);
    expect(await tags('kubectl describe node test-worker')).toEqual([]);
    // nginx's history still holds the FailedScheduling event from before the CNI: only that line is tagged.
    expect(await tags('kubectl describe pod nginx')).toEqual(['untolerated-taint-generic']);
    expect(await tags('kind delete cluster --name test')).toEqual([]);
  });
});
