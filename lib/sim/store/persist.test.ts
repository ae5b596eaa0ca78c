import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSnapshot, writeSnapshot } from './persist';
import { createStore, loadStore } from './store';

const NS = { group: '', version: 'v1', resource: 'namespaces' };
const CM = { group: '', version: 'v1', resource: 'configmaps' };
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'sim-persist-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function storeWith(n: number) {
  const s = createStore();
  s.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  for (let i = 0; i < n; i++) s.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' }, data: { k: 'v'.repeat(i % 50), 'ü': '日本語' } });
  return s;
}

describe('store snapshot on disk', () => {
  it('writes the versioned format in chunks and reads back the same objects and resourceVersion', async () => {
    const file = path.join(tmp(), 'state', 'store.json');
    // Enough objects for several 1 MiB chunks, with multi-byte text across chunk edges.
    const a = storeWith(12_000);
    const w = await writeSnapshot(file, a.snapshot({ shared: true }));
    expect(w.written).toBe(true);
    expect(w.bytes).toBe(readFileSync(file).length);
    expect(w.bytes).toBeGreaterThan(2 << 20);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual({ format: 'cni-lab.sim-store/v1', ...a.snapshot() });
    const loaded = loadSnapshot(file);
    expect(loaded.snapshot).toBeDefined();
    const b = loadStore(loaded.snapshot!);
    expect(b.currentResourceVersion()).toBe(a.currentResourceVersion());
    expect(b.get(CM, 'default', 'cm-11999')?.data).toEqual({ k: 'v'.repeat(11999 % 50), 'ü': '日本語' });
    expect(readdirSync(path.dirname(file))).toEqual(['store.json']); // no temp files left behind
  });

  it('refuses a snapshot over the cap, keeps the previous file and leaves no temp file', async () => {
    const d = tmp();
    const file = path.join(d, 'store.json');
    await writeSnapshot(file, storeWith(1).snapshot());
    const before = readFileSync(file, 'utf8');
    const r = await writeSnapshot(file, storeWith(5_000).snapshot(), 1 << 20);
    expect(r).toMatchObject({ written: false });
    expect(r.bytes).toBeGreaterThan(1 << 20);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(d)).toEqual(['store.json']);
  });

  it('reads files from before the format field, and ignores corrupt, foreign or oversized ones', async () => {
    const d = tmp();
    const f = path.join(d, 'x.json');
    const snap = storeWith(2).snapshot();
    writeFileSync(f, JSON.stringify(snap));
    expect(loadSnapshot(f).snapshot?.objects).toHaveLength(3);
    writeFileSync(f, '{"format":"cni-lab.sim-store/v1","resourceVersion":');
    expect(loadSnapshot(f)).toMatchObject({ snapshot: undefined, reason: 'invalid' });
    writeFileSync(f, JSON.stringify({ format: 'other', resourceVersion: 1, objects: [], resources: [] }));
    expect(loadSnapshot(f)).toMatchObject({ reason: 'invalid' });
    writeFileSync(f, JSON.stringify({ format: 'cni-lab.sim-store/v1', resourceVersion: 3, objects: [{ gvr: CM, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } }], resources: [] }));
    expect(loadSnapshot(f)).toMatchObject({ reason: 'invalid' }); // object without a name
    expect(loadSnapshot(path.join(d, 'none.json'))).toMatchObject({ reason: 'missing' });
    await writeSnapshot(f, snap);
    expect(loadSnapshot(f, 10)).toMatchObject({ reason: 'too-large' });
    expect(existsSync(f)).toBe(true);
  });

  it('lets the event loop run between chunks', async () => {
    const d = tmp();
    const file = path.join(d, 'store.json');
    const snap = storeWith(12_000).snapshot({ shared: true });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const r = await writeSnapshot(file, snap);
    clearInterval(timer);
    expect(r.written).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).objects).toHaveLength(snap.objects.length);
    expect(readdirSync(d)).toEqual(['store.json']);
  });
});
