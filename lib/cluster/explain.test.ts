// The toleration rule and the per-node verdicts, on hand-written taints (the simulator cases are in
// snapshot.test.ts).
import { describe, expect, it } from 'vitest';
import { explainScheduling, firstUntoleratedTaint, taintString, tolerates } from './explain';
import type { NodeView, PodView } from './types';

const NR = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
const CP = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function node(name: string, taints: NodeView['taints'], unschedulable = false): NodeView {
  return { name, uid: name, ready: 'False', conditions: [], taints, roles: [], unschedulable, cni: { state: 'missing' } };
}
function pod(tolerations: PodView['tolerations'], extra: Partial<PodView> = {}): PodView {
  return { namespace: 'default', name: 'p', uid: 'u', phase: 'Pending', status: 'Pending', hostNetwork: false, static: false, labels: {}, tolerations, containers: [], deleting: false, ...extra };
}

describe('tolerates', () => {
  it('follows the Kubernetes matching rules', () => {
    expect(tolerates({ operator: 'Exists' }, NR)).toBe(true);
    expect(tolerates({ operator: 'Exists', effect: 'NoExecute' }, NR)).toBe(false);
    expect(tolerates({ key: NR.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, NR)).toBe(false);
    expect(tolerates({ key: CP.key, effect: 'NoSchedule' }, CP)).toBe(true);
    expect(tolerates({ key: CP.key, operator: 'Equal', value: 'x', effect: 'NoSchedule' }, CP)).toBe(false);
    expect(tolerates({ key: 'CriticalAddonsOnly', operator: 'Exists' }, CP)).toBe(false);
    expect(tolerates({ value: 'x' }, { key: 'a', value: 'x', effect: 'NoSchedule' })).toBe(false);
  });

  it('reports the first untolerated NoSchedule/NoExecute taint and ignores PreferNoSchedule', () => {
    const n = node('n', [{ key: 'soft', effect: 'PreferNoSchedule' }, CP, NR]);
    expect(firstUntoleratedTaint(pod([]), n)).toEqual(CP);
    expect(firstUntoleratedTaint(pod([{ key: CP.key, operator: 'Exists', effect: 'NoSchedule' }]), n)).toEqual(NR);
    expect(firstUntoleratedTaint(pod([{ operator: 'Exists' }]), n)).toBeUndefined();
    expect(taintString({ key: 'k', value: 'v', effect: 'NoExecute' })).toBe('k=v:NoExecute');
  });
});

describe('explainScheduling', () => {
  it('gives per-node verdicts for a pending pod, including cordons', () => {
    const nodes = [node('cp', [CP, NR]), node('w1', [NR]), node('w2', [], true), node('w3', [])];
    expect(explainScheduling(pod([]), nodes)).toEqual({
      kind: 'pending',
      perNode: [
        { node: 'cp', fits: false, taint: CP },
        { node: 'w1', fits: false, taint: NR },
        { node: 'w2', fits: false, unschedulable: true },
        { node: 'w3', fits: true },
      ],
    });
  });

  it('never explains static or bound pods as scheduling problems', () => {
    expect(explainScheduling(pod([], { static: true, nodeName: 'cp' }), [node('cp', [CP, NR])])).toEqual({ kind: 'static' });
    expect(explainScheduling(pod([], { nodeName: 'w1' }), [node('w1', [NR])])).toEqual({ kind: 'scheduled', node: 'w1' });
  });
});
