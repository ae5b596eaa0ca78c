import { describe, expect, it } from 'vitest';
import { versionForImage, friendlyImageName, DEFAULT_IMAGE } from './versions';
import { fitError, networkNotReadyEvent, runtimeNetworkNotReady, sandboxPluginMissing, taintReason, containerEvent, pulledEvent } from './messages';

const v = (tag: string) => {
  const r = versionForImage(`kindest/node:${tag}`);
  if (!r) throw new Error(tag);
  return r;
};

// Taint layout of the article's cluster: control plane [role, not-ready], 3 workers [not-ready].
function lesson(tag: string, cpTaint: string) {
  const ver = v(tag);
  return fitError(ver, 4, [
    { reason: taintReason(ver, cpTaint, ''), unresolvable: true },
    ...[1, 2, 3].map(() => ({ reason: taintReason(ver, 'node.kubernetes.io/not-ready', ''), unresolvable: true })),
  ]);
}

describe('versions', () => {
  it('defaults to kind v0.32.0 image', () => {
    const d = versionForImage();
    expect(DEFAULT_IMAGE).toBe('kindest/node:v1.36.1');
    expect(d).toMatchObject({ gitVersion: 'v1.36.1', containerRuntimeVersion: 'containerd://2.3.1', osImage: 'Debian GNU/Linux 13 (trixie)' });
  });
  it('v1.19.1 matches the article', () => {
    const a = v('v1.19.1');
    expect(a.containerRuntimeVersion).toBe('containerd://1.4.0');
    expect(a.osImage).toBe('Ubuntu Groovy Gorilla (development branch)');
    expect(a.controlPlaneRoleLabels).toEqual(['node-role.kubernetes.io/master']);
    expect(a.controlPlaneTaints).toEqual(['node-role.kubernetes.io/master']);
    expect(a.kubeProxyVersion).toBe('v1.19.1');
    expect(a.corednsHash).toBe('f9fd979d6');
    expect(a.localPathHash).toBe('78776bfc44');
    expect(runtimeNetworkNotReady(a)).toBe(
      'runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    );
  });
  it('v1.33 uses bookworm + containerd 2.1 and the modern kubelet prefix', () => {
    const b = v('v1.33.1');
    expect(b.osImage).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(b.containerRuntimeVersion).toMatch(/^containerd:\/\/2\.1\./);
    expect(b.corednsHash).toBe('674b8bbfcf');
    expect(networkNotReadyEvent(b)).toBe(
      'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    );
  });
  it('unknown patch of a known minor borrows that minor', () => {
    expect(v('v1.33.4')).toMatchObject({ gitVersion: 'v1.33.4', containerRuntimeVersion: 'containerd://2.1.1' });
    expect(versionForImage('kindest/node:latest')).toBeUndefined();
  });
  it('strips digests for display', () => {
    expect(friendlyImageName('kindest/node:v1.36.1@sha256:abc')).toBe('kindest/node:v1.36.1');
  });
});

describe('scheduler FitError by version', () => {
  it('1.19 (article transcript)', () => {
    expect(lesson('v1.19.1', 'node-role.kubernetes.io/master')).toBe(
      "0/4 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 3 node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't tolerate.",
    );
  });
  it('1.23 (kata issue #5731 form)', () => {
    const ver = v('v1.23.17');
    expect(fitError(ver, 1, [{ reason: taintReason(ver, 'node.kubernetes.io/not-ready', ''), unresolvable: true }])).toBe(
      "0/1 nodes are available: 1 node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't tolerate.",
    );
  });
  it('1.26 has the double period (kubernetes#116133)', () => {
    const ver = v('v1.26.15');
    expect(fitError(ver, 1, [{ reason: taintReason(ver, 'node-role.kubernetes.io/control-plane', ''), unresolvable: true }])).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    );
  });
  it('1.30 and 1.33: single period', () => {
    for (const tag of ['v1.30.13', 'v1.33.1'])
      expect(lesson(tag, 'node-role.kubernetes.io/control-plane')).toBe(
        '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
      );
  });
  it('1.34.0 adds the DRA text', () => {
    expect(lesson('v1.34.0', 'node-role.kubernetes.io/control-plane')).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });
  it('1.35 and 1.36 drop taint keys', () => {
    for (const tag of ['v1.35.0', 'v1.36.1'])
      expect(lesson(tag, 'node-role.kubernetes.io/control-plane')).toBe(
        '0/4 nodes are available: 4 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
      );
  });
  it('histogram entries sort as strings and mix resolvable reasons (facts §2.5 #9)', () => {
    const ver = v('v1.36.1');
    const verdicts = [
      { reason: taintReason(ver, 'a', ''), unresolvable: true },
      { reason: 'Insufficient cpu', unresolvable: false },
      { reason: 'Insufficient cpu', unresolvable: false },
      ...[1, 2, 3].map(() => ({ reason: "node(s) didn't match Pod's node affinity/selector", unresolvable: true })),
    ];
    expect(fitError(ver, 6, verdicts)).toBe(
      "0/6 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu, 3 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/6 nodes are available: 2 No preemption victims found for incoming pod, 4 Preemption is not helpful for scheduling.",
    );
    const many = Array.from({ length: 12 }, (_, i) => ({ reason: i < 10 ? 'B' : 'A', unresolvable: true }));
    expect(fitError(v('v1.19.1'), 12, many)).toBe('0/12 nodes are available: 10 B, 2 A.');
  });
});

describe('kubelet and containerd texts', () => {
  it('sandbox failure for Flannel without bridge', () => {
    const id = 'a'.repeat(64);
    expect(sandboxPluginMissing(v('v1.36.1'), id, 'flannel', 'bridge', true)).toBe(
      `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="flannel" failed (add): failed to delegate add: failed to find plugin "bridge" in path [/opt/cni/bin]`,
    );
    expect(sandboxPluginMissing(v('v1.19.1'), id, 'flannel', 'bridge', true)).toBe(
      `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": failed to delegate add: failed to find plugin "bridge" in path [/opt/cni/bin]`,
    );
  });
  it('container events by version', () => {
    expect(containerEvent(v('v1.19.1'), 'Created', 'nginx')).toBe('Created container nginx');
    expect(containerEvent(v('v1.33.1'), 'Started', 'nginx')).toBe('Started container: nginx');
    expect(containerEvent(v('v1.36.1'), 'Created', 'nginx')).toBe('Container created');
    expect(pulledEvent(v('v1.19.1'), 'nginx', 4.5, 4.5, 1)).toBe('Successfully pulled image "nginx" in 4.5s');
    expect(pulledEvent(v('v1.36.1'), 'nginx', 1.5623, 18.1851, 62960551)).toBe(
      'Successfully pulled image "nginx" in 1.562s (18.185s including waiting). Image size: 62960551 bytes.',
    );
  });
});
