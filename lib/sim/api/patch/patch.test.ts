import { describe, expect, it } from 'vitest';
import { ApiError } from '../../store/types';
import { mergePatch } from './merge';
import { applyJsonPatch } from './jsonpatch';
import { strategicMergePatch } from './smp';
import { applyConfiguration, fieldsV1 } from './apply';

const deploy = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a'] },
  spec: {
    replicas: 1,
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'nginx:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, protocol: 'TCP' }], args: ['x', 'y'] },
          { name: 'side', image: 'busybox' },
        ],
        volumes: [{ name: 'v1', emptyDir: {} }],
        tolerations: [{ key: 'a', operator: 'Exists' }],
      },
    },
  },
  status: { conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True' }] },
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges maps, deletes nulls, replaces arrays', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] })).toEqual({ a: 1, b: { d: 3, e: 4 }, l: [3] });
    expect(mergePatch({ a: 1 }, 'x')).toBe('x');
    expect(mergePatch('x', { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = { metadata: { labels: { a: '1' } }, list: [1, 2, 3] };
  it('applies add/remove/replace/move/copy/test', () => {
    const out = applyJsonPatch(doc, [
      { op: 'test', path: '/metadata/labels/a', value: '1' },
      { op: 'add', path: '/metadata/labels/b', value: '2' },
      { op: 'replace', path: '/metadata/labels/a', value: 'x' },
      { op: 'add', path: '/list/1', value: 9 },
      { op: 'add', path: '/list/-', value: 4 },
      { op: 'remove', path: '/list/0' },
      { op: 'copy', from: '/metadata/labels/b', path: '/c' },
      { op: 'move', from: '/c', path: '/d' },
      { op: 'add', path: '/metadata/labels/k8s.io~1name', value: 'n' },
    ]);
    expect(out).toEqual({ metadata: { labels: { a: 'x', b: '2', 'k8s.io/name': 'n' } }, list: [9, 2, 3, 4], d: '2' });
    expect(doc.list).toEqual([1, 2, 3]); // input untouched
  });
  it('fails with 422 on a failing test or missing path, 400 on a non-array body', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as ApiError).code;
      }
      return 0;
    };
    expect(code(() => applyJsonPatch(doc, [{ op: 'test', path: '/list/0', value: 7 }]))).toBe(422);
    expect(code(() => applyJsonPatch(doc, [{ op: 'remove', path: '/nope' }]))).toBe(422);
    expect(code(() => applyJsonPatch(doc, [{ op: 'replace', path: '/a/b', value: 1 }]))).toBe(422);
    expect(code(() => applyJsonPatch(doc, [{ op: 'frob', path: '/a' }]))).toBe(422);
    expect(code(() => applyJsonPatch(doc, { op: 'add' }))).toBe(400);
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and env by name, keeps unmentioned entries', () => {
    const out = strategicMergePatch(deploy(), {
      spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:2', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }] } } },
    });
    const cs = out.spec.template.spec.containers;
    expect(cs.map((c: { name: string }) => c.name)).toEqual(['app', 'side']);
    expect(cs[0].image).toBe('nginx:2');
    expect(cs[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
    expect(cs[0].args).toEqual(['x', 'y']);
  });
  it('merges ports by containerPort, replaces lists without a merge key', () => {
    const out = strategicMergePatch(deploy(), {
      spec: { template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 443 }], args: ['z'] }], tolerations: [{ key: 'b', operator: 'Exists' }] } } },
    });
    const c = out.spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }]);
    expect(c.args).toEqual(['z']);
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
  });
  it('handles $patch delete/replace, null deletion and status conditions by type', () => {
    const out = strategicMergePatch(deploy(), {
      metadata: { labels: { app: null, tier: 'fe' } },
      spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }], volumes: [{ $patch: 'replace' }, { name: 'v2', emptyDir: {} }] } } },
      status: { conditions: [{ type: 'Available', status: 'False' }] },
    });
    expect(out.metadata.labels).toEqual({ tier: 'fe' });
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['app']);
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'v2', emptyDir: {} }]);
    expect(out.status.conditions).toEqual([{ type: 'Available', status: 'False' }, { type: 'Progressing', status: 'True' }]);
    const replaced = strategicMergePatch(deploy(), { spec: { $patch: 'replace', replicas: 3 } });
    expect(replaced.spec).toEqual({ replicas: 3 });
  });
  it('applies $setElementOrder, $deleteFromPrimitiveList, finalizer merge and $retainKeys', () => {
    const out = strategicMergePatch(deploy(), {
      metadata: { finalizers: ['b'], '$deleteFromPrimitiveList/finalizers': ['a'] },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'side' }, { name: 'app' }],
            containers: [{ name: 'side', image: 'busybox:2' }],
            volumes: [{ name: 'v1', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/x' } }],
          },
        },
      },
    });
    expect(out.metadata.finalizers).toEqual(['b']);
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['side', 'app']);
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'v1', hostPath: { path: '/x' } }]);
  });
  it('merges Service ports by port and requires merge keys', () => {
    const svc = { kind: 'Service', spec: { ports: [{ port: 53, protocol: 'UDP', name: 'dns' }] } };
    expect(strategicMergePatch(svc, { spec: { ports: [{ port: 9153, name: 'metrics' }] } }).spec.ports).toHaveLength(2);
    expect(() => strategicMergePatch(deploy(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(/merge key: name/);
    expect(() => strategicMergePatch(deploy(), [1])).toThrow(ApiError);
  });
});

describe('server-side apply (simplified)', () => {
  it('merges the applied configuration into the live object and keeps other fields', () => {
    const live = deploy();
    const out = applyConfiguration(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 } });
    expect(out.spec.replicas).toBe(3);
    expect(out.spec.template.spec.containers).toHaveLength(2);
    expect(fieldsV1({ apiVersion: 'v1', kind: 'X', metadata: { name: 'a', labels: { x: '1' } }, data: { k: 'v' } })).toEqual({
      'f:metadata': { 'f:name': {}, 'f:labels': { 'f:x': {} } },
      'f:data': { 'f:k': {} },
    });
  });
});
