import { describe, expect, it } from 'vitest';
import { createStore } from './store';
import { ApiError } from './types';

const NS = { group: '', version: 'v1', resource: 'namespaces' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const DEPLOY = { group: 'apps', version: 'v1', resource: 'deployments' };

function store() {
  const s = createStore();
  s.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return s;
}
const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('not refused');
};

describe('typed decoding of built-in objects', () => {
  it('refuses a field of the wrong JSON type with the apiserver 400 text', () => {
    const s = store();
    const e = refused(() => s.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: { name: 'c' } } }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container');
    expect(refused(() => s.create(DEPLOY, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: 'x' })).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec',
    );
    expect(refused(() => s.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: ['a'] as never }, spec: { containers: [{ name: 'c', image: 'i' }] } })).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    );
  });

  it('checks updates too, treats null as absent, and leaves custom resources alone', () => {
    const s = store();
    const d = s.create(DEPLOY, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } });
    const bad = { ...d, spec: { ...(d as unknown as { spec: object }).spec, template: { spec: { tolerations: 5 } } } };
    expect(refused(() => s.update(DEPLOY, bad)).message).toMatch(/cannot unmarshal number into Go struct field PodSpec\.spec\.template\.spec\.tolerations of type \[\]v1\.Toleration$/);
    expect(s.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'n', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }], volumes: null } as never })).toBeTruthy();
    s.registerResource({ group: 'x.io', version: 'v1', resource: 'things', singular: 'thing', kind: 'Thing', listKind: 'ThingList', namespaced: true, shortNames: [], categories: [], verbs: ['create', 'get', 'list'], subresources: [], custom: true });
    expect(s.create({ group: 'x.io', version: 'v1', resource: 'things' }, { apiVersion: 'x.io/v1', kind: 'Thing', metadata: { name: 't', namespace: 'default' }, spec: 'anything' } as never)).toBeTruthy();
  });
});
