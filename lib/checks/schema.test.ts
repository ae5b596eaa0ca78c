import { describe, expect, it } from 'vitest';
import { formatLessonError, validateLessonSource } from '@/lib/lessons/validate';
import { CheckExpect, parseSelector, parseTaint } from './schema';

const FILE = 'lessons/99-test/lesson.yaml';
/** A lesson with one step whose check's expect block is `expect` (indented for line 10 onwards). */
const lessonWith = (expectYaml: string) => `format: cni-lab/v1
id: t
order: 1
title: { en: T, ja: テ }
summary: { en: S, ja: エス }
steps:
  - id: s
    title: { en: S, ja: エス }
    body: s
    checks:
      - id: c
        title: { en: C, ja: シー }
        expect:
${expectYaml.replace(/^/gm, '          ')}
`;

function errors(expectYaml: string): string[] {
  const r = validateLessonSource(FILE, lessonWith(expectYaml));
  if (r.ok) throw new Error('expected an error');
  return r.errors.map(formatLessonError);
}

describe('check grammar', () => {
  it('accepts one example of every key', () => {
    const r = validateLessonSource(
      FILE,
      lessonWith(`nodes: { count: 4, noneReady: true, readyReason: KubeletNotReady, readyMessageIncludes: cni plugin not initialized, taintOnAll: 'node.kubernetes.io/not-ready:NoSchedule' }
node:
  name: test-control-plane
  ready: false
  taintsInclude: [{ anyOf: ['node-role.kubernetes.io/control-plane:NoSchedule', 'node-role.kubernetes.io/master:NoSchedule'] }]
  taintsAbsent: ['node.kubernetes.io/unreachable:NoExecute']
  conditions: { MemoryPressure: 'False' }
pod: { name: nginx, phase: Pending, scheduled: false, nodeAssigned: false, hasIP: false, event: { reason: FailedScheduling, type: Warning, messageMatches: ['not-ready', 'untolerated taint\\(s\\)'] } }
pods: { namespace: kube-system, selector: 'k8s-app=kube-dns', phase: Pending, count: 2 }
namespaces: { active: [default], absent: [kube-flannel] }
context: kind-test
cluster: { name: test, exists: true }
events: { namespace: default, reason: FailedScheduling, involvedKind: Pod, messageIncludes: '0/4 nodes', minCount: 1 }`),
    );
    expect(r.ok, r.ok ? '' : r.errors.map(formatLessonError).join('\n')).toBe(true);
    if (!r.ok) return;
    const e = r.lesson.steps[0].checks[0].expect;
    expect(e.pod?.namespace).toBe('default'); // defaulted
    expect(r.lesson.steps[0].checks[0].holdSeconds).toBe(0);
  });

  it('names an unknown key with file:line:column and the field path', () => {
    expect(errors('nodes: { count: 4, allready: true }')).toEqual([`${FILE}:14:30: steps[0].checks[0].expect.nodes.allready: Unrecognized key: "allready"`]);
    expect(errors('nodez: { count: 4 }')[0]).toMatch(/:14:11: steps\[0\]\.checks\[0\]\.expect\.nodez: Unrecognized key/);
  });

  it('explains allReady: false instead of silently meaning "not all"', () => {
    expect(errors('nodes: { allReady: false }')[0]).toContain('expect.nodes.allReady: allReady only takes true; write noneReady: true');
  });

  it('refuses a malformed taint, selector or regex, each at its field', () => {
    expect(errors("node: { name: a, taints: ['not-ready'] }")[0]).toMatch(/:14:\d+: steps\[0\]\.checks\[0\]\.expect\.node\.taints\[0\]: .*key:Effect/);
    expect(errors("pods: { selector: 'app in (a,b)' }")[0]).toContain('expect.pods.selector: a selector is key=value pairs');
    expect(errors("pod: { name: x, event: { reason: R, messageMatches: 'a(' } }")[0]).toContain('expect.pod.event.messageMatches: not a valid regular expression');
  });

  it('refuses contradictions and an empty expect', () => {
    expect(errors('nodes: { allReady: true, noneReady: true }')[0]).toContain('expect.nodes.noneReady: allReady and noneReady contradict');
    expect(errors('pods: { count: 1, minCount: 1 }')[0]).toContain('give count or minCount, not both');
    expect(errors('{}')[0]).toContain('expect needs at least one of');
    expect(errors('node: { name: a, taints: [], taintsAbsent: [\'k:NoSchedule\'] }')[0]).toContain('taints is the exact set');
    expect(errors('pod: { name: a, exists: false, phase: Running }')[0]).toContain('cannot have other expectations');
  });

  it('parses taints and selectors', () => {
    expect(parseTaint('node.kubernetes.io/not-ready:NoSchedule')).toEqual({ key: 'node.kubernetes.io/not-ready', value: undefined, effect: 'NoSchedule' });
    expect(parseTaint('dedicated=gpu:NoExecute')).toEqual({ key: 'dedicated', value: 'gpu', effect: 'NoExecute' });
    expect(parseSelector('k8s-app=kube-dns, tier=x')).toEqual([['k8s-app', 'kube-dns'], ['tier', 'x']]);
    expect(CheckExpect.safeParse({ context: 'kind-test' }).success).toBe(true);
  });
});
