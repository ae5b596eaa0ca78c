import { describe, expect, it } from 'vitest';
import { ApiError } from '../store/types';
import { compileFieldSelector, formatLabelSelector, matchLabels, parseFieldSelector, parseLabelSelector } from './selectors';

const m = (sel: string, labels?: Record<string, string>) => matchLabels(parseLabelSelector(sel), labels);

describe('label selectors', () => {
  it('equality, inequality and existence', () => {
    expect(m('app=web', { app: 'web' })).toBe(true);
    expect(m('app==web', { app: 'web' })).toBe(true);
    expect(m('app=web', { app: 'db' })).toBe(false);
    expect(m('app!=web', { app: 'db' })).toBe(true);
    expect(m('app!=web', {})).toBe(true); // absent key satisfies !=
    expect(m('app!=web', { app: 'web' })).toBe(false);
    expect(m('app', { app: '' })).toBe(true);
    expect(m('app', {})).toBe(false);
    expect(m('!app', {})).toBe(true);
    expect(m('!app', { app: 'x' })).toBe(false);
    expect(m('k=', { k: '' })).toBe(true);
  });
  it('set-based requirements and multiple terms', () => {
    expect(m('tier in (fe, be)', { tier: 'be' })).toBe(true);
    expect(m('tier in (fe,be)', { tier: 'db' })).toBe(false);
    expect(m('tier in (fe)', {})).toBe(false);
    expect(m('tier notin (fe,be)', {})).toBe(true);
    expect(m('tier notin (fe,be)', { tier: 'fe' })).toBe(false);
    expect(m('app=web,tier in (fe,be),!canary', { app: 'web', tier: 'fe' })).toBe(true);
    expect(m('app=web,tier in (fe,be),!canary', { app: 'web', tier: 'fe', canary: '1' })).toBe(false);
    expect(m('node-role.kubernetes.io/control-plane', { 'node-role.kubernetes.io/control-plane': '' })).toBe(true);
  });
  it('rejects malformed selectors with 400', () => {
    for (const bad of ['app=we b', 'a b c', 'x in (a', '=x', 'app=web,']) {
      expect(() => parseLabelSelector(bad), bad).toThrow(ApiError);
      try {
        parseLabelSelector(bad);
      } catch (e) {
        expect((e as ApiError).code).toBe(400);
      }
    }
  });
  it('formats selectors like apimachinery', () => {
    expect(formatLabelSelector({ matchLabels: { b: '2', a: '1' } })).toBe('a=1,b=2');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
  });
});

describe('field selectors', () => {
  const pods = { group: '', resource: 'pods', namespaced: true };
  const events = { group: '', resource: 'events', namespaced: true };
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'w1' }, status: { phase: 'Running' } };

  it('parses terms in any order with empty values and !=', () => {
    expect(parseFieldSelector('a=b,c!=d,e==,f=')).toEqual([
      { field: 'a', op: '=', value: 'b' },
      { field: 'c', op: '!=', value: 'd' },
      { field: 'e', op: '=', value: '' },
      { field: 'f', op: '=', value: '' },
    ]);
  });
  it('matches pod fields as describe node asks for them', () => {
    const f = compileFieldSelector(pods, parseFieldSelector('status.phase!=Succeeded,spec.nodeName=w1,status.phase!=Failed'))!;
    expect(f(pod)).toBe(true);
    expect(f({ ...pod, status: { phase: 'Succeeded' } })).toBe(false);
    expect(f({ ...pod, spec: {} })).toBe(false);
    const unbound = compileFieldSelector(pods, parseFieldSelector('spec.nodeName='))!;
    expect(unbound({ ...pod, spec: {} })).toBe(true);
    expect(unbound(pod)).toBe(false);
  });
  it('matches event involvedObject fields including empty namespace', () => {
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Node', name: 'w1', uid: 'w1' } };
    const f = compileFieldSelector(events, parseFieldSelector('involvedObject.uid=w1,involvedObject.kind=Node,involvedObject.namespace=,involvedObject.name=w1'))!;
    expect(f(ev)).toBe(true);
    expect(f({ ...ev, involvedObject: { ...ev.involvedObject, namespace: 'x' } })).toBe(false);
  });
  it('rejects unsupported field labels like the apiserver', () => {
    expect(() => compileFieldSelector(pods, parseFieldSelector('spec.foo=bar'))).toThrow('field label not supported: spec.foo');
    expect(() => compileFieldSelector(events, parseFieldSelector('spec.nodeName=x'))).toThrow('field label not supported: spec.nodeName');
    expect(() => parseFieldSelector('novalue')).toThrow(ApiError);
  });
});
