import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachPersistence, loadSnapshot, openPersistentStore, writeSnapshot } from './persist';
import { createStore } from './store';

const NS = { group: '', version: 'v1', resource: 'namespaces' };
const CM = { group: '', version: 'v1', resource: 'configmaps' };
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'sim-persist-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('store persistence', () => {
  it('writes after a quiet period and restores objects and resourceVersion on the next start', async () => {
    const file = path.join(tmp(), 'state', 'cluster.json');
    const a = openPersistentStore({ file, debounceMs: 20 });
    expect(a.loaded).toMatchObject({ reason: 'missing' });
    a.store.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    a.store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'learner', namespace: 'default' }, data: { k: 'v' } });
    expect(existsSync(file)).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(existsSync(file)).toBe(true);
    const rv = a.store.currentResourceVersion();
    a.persistence.close();
    const b = openPersistentStore({ file });
    expect(b.store.get(CM, 'default', 'learner')?.data).toEqual({ k: 'v' });
    expect(b.store.currentResourceVersion()).toBe(rv);
    b.persistence.close();
    expect(readdirSync(path.dirname(file))).toEqual(['cluster.json']); // no temp files left behind
  });

  it('flush on close writes pending changes immediately', () => {
    const file = path.join(tmp(), 'c.json');
    const s = createStore();
    const p = attachPersistence(s, { file, debounceMs: 60_000 });
    s.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
    p.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).objects).toHaveLength(1);
  });

  it('ignores corrupt, foreign or oversized files instead of crashing', () => {
    const d = tmp();
    const bad = path.join(d, 'bad.json');
    writeFileSync(bad, '{"format":"cni-lab.sim-store/v1","resourceVersion":');
    expect(loadSnapshot(bad)).toMatchObject({ snapshot: undefined, reason: 'invalid' });
    writeFileSync(bad, JSON.stringify({ format: 'other', resourceVersion: 1, objects: [], resources: [] }));
    expect(loadSnapshot(bad)).toMatchObject({ reason: 'invalid' });
    writeFileSync(bad, JSON.stringify({ format: 'cni-lab.sim-store/v1', resourceVersion: 3, objects: [{ gvr: CM, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } }], resources: [] }));
    expect(loadSnapshot(bad)).toMatchObject({ reason: 'invalid' }); // object without a name
    const s = createStore();
    s.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
    const big = path.join(d, 'big.json');
    expect(writeSnapshot(big, s.snapshot(), 10)).toMatchObject({ written: false });
    expect(existsSync(big)).toBe(false);
    writeSnapshot(big, s.snapshot());
    expect(loadSnapshot(big, 10)).toMatchObject({ reason: 'too-large' });
    const logs: string[] = [];
    const o = openPersistentStore({ file: bad, log: (l) => logs.push(l) });
    expect(o.store.currentResourceVersion()).toBe(1);
    expect(logs[0]).toMatch(/^sim store file ignored \(invalid/);
    o.persistence.close();
  });
});
