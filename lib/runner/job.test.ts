import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Job } from './job';
import { parse } from './parse';
import { ProcessCmder } from './process-cmder';
import { EventRing } from './event-ring';
import { ManualCmder } from './testdata/manual-cmder';
import type { JobEvent, Pipeline } from './types';

const pipeline = (line: string): Pipeline => {
  const r = parse(line);
  if (!r.ok) throw new Error(r.message);
  return r.pipeline;
};
const opts = { timeoutMs: 10_000, maxOutputBytes: 1 << 20 };
const text = (events: JobEvent[], type: 'out' | 'err') => events.filter((e) => e.type === type).map((e) => e.data).join('');
const FAKE = path.join(__dirname, 'testdata', 'fake-tool.sh');

describe('Job', () => {
  it('emits start, out, err, exit with dense seq and elapsed time', async () => {
    const cmder = new ManualCmder();
    const job = new Job({ pipeline: pipeline('kubectl get pods'), cmder, mode: 'sim', cmdOptions: opts });
    expect(job.id).toMatch(/^[0-9a-f]{32}$/);
    cmder.last.io.stdout('NAME   READY\n');
    cmder.last.io.stderr('warning\n');
    cmder.last.finish({ exitCode: 0 });
    const exit = await job.done;
    const events = job.eventsAfter(0);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => e.type)).toEqual(['start', 'out', 'err', 'exit']);
    expect(events[0].data).toMatchObject({ jobId: job.id, raw: 'kubectl get pods', mode: 'sim' });
    expect(exit).toMatchObject({ exitCode: 0, cancelled: false });
    expect(exit.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(job.state).toBe('exited');
  });

  it('sanitises output and filters stdout only (stderr passes through, as in a shell)', async () => {
    const cmder = new ManualCmder();
    const job = new Job({ pipeline: pipeline('kubectl get pods -A | grep Pending'), cmder, mode: 'sim', cmdOptions: opts });
    cmder.last.io.stdout('a Pending\x1b]0;title\x07\nb Run');
    cmder.last.io.stdout('ning\nc Pend');
    cmder.last.io.stderr('E0101 no Pending here \x1b[2J\n');
    cmder.last.io.stdout('ing');
    cmder.last.finish({ exitCode: 0 });
    await job.done;
    const events = job.eventsAfter(0);
    expect(text(events, 'out')).toBe('a Pending\nc Pending\n');
    expect(text(events, 'err')).toBe('E0101 no Pending here \n');
  });

  it('reports the last filter status, like a shell without pipefail', async () => {
    const cmder = new ManualCmder();
    const job = new Job({ pipeline: pipeline('kubectl get pods | grep Nothing'), cmder, mode: 'sim', cmdOptions: opts });
    cmder.last.io.stdout('x\n');
    cmder.last.finish({ exitCode: 0 });
    expect((await job.done).exitCode).toBe(1);
  });

  it('replays from a seq, then delivers live events; many subscribers', async () => {
    const cmder = new ManualCmder();
    const job = new Job({ pipeline: pipeline('kubectl get pods -w'), cmder, mode: 'sim', cmdOptions: opts });
    cmder.last.io.stdout('one\n');
    cmder.last.io.stdout('two\n');
    const a: number[] = [];
    const b: number[] = [];
    job.subscribe(0, (e) => a.push(e.seq));
    const unsubscribeB = job.subscribe(2, (e) => b.push(e.seq));
    expect(a).toEqual([1, 2, 3]);
    expect(b).toEqual([3]);
    cmder.last.io.stdout('three\n');
    unsubscribeB();
    cmder.last.finish();
    await job.done;
    expect(a).toEqual([1, 2, 3, 4, 5]);
    expect(b).toEqual([3, 4]);
    expect(job.subscriberCount).toBe(0);
  });

  it('keeps a capped ring and records the oldest retained seq', () => {
    const ring = new EventRing({ maxEvents: 3, maxBytes: 1 << 20 });
    for (let seq = 1; seq <= 10; seq++) ring.push({ seq, type: 'out', data: `${seq}\n` });
    expect(ring.oldestSeq).toBe(8);
    expect(ring.after(0).map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(ring.after(9).map((e) => e.seq)).toEqual([10]);
    expect(ring.after(10)).toEqual([]);
    const bytes = new EventRing({ maxEvents: 1000, maxBytes: 1000 });
    for (let seq = 1; seq <= 20; seq++) bytes.push({ seq, type: 'out', data: 'x'.repeat(200) });
    expect(bytes.approxBytes).toBeLessThanOrEqual(1000);
    expect(bytes.oldestSeq).toBe(18); // 3 events of ~264 bytes fit in 1000
    const job = new Job({ pipeline: pipeline('kubectl get pods'), cmder: new ManualCmder(), mode: 'sim', cmdOptions: opts, ring: { maxEvents: 5, maxBytes: 1 << 20 } });
    for (let i = 0; i < 10; i++) (job as unknown as { emit(e: unknown): void }).emit({ type: 'out', data: `${i}\n` });
    expect(job.oldestSeq).toBe(7);
    expect(job.lastSeq).toBe(11);
  });

  it('emits kind progress events from kind create stderr', async () => {
    const cmder = new ManualCmder();
    const job = new Job({ pipeline: pipeline('kind create cluster --name test'), cmder, mode: 'sim', cmdOptions: opts });
    cmder.last.io.stderr(' • Ensuring node image (kindest/node:v1.36.1) 🖼  ...\n');
    cmder.last.io.stderr(' ✓ Ensuring node image (kindest/node:v1.36.1) 🖼\n');
    cmder.last.finish();
    await job.done;
    const progress = job.eventsAfter(0).filter((e) => e.type === 'progress').map((e) => e.data);
    expect(progress).toEqual([
      { step: 'Ensuring node image (kindest/node:v1.36.1) 🖼', index: 1, total: 6, state: 'running' },
      { step: 'Ensuring node image (kindest/node:v1.36.1) 🖼', index: 1, total: 6, state: 'done' },
    ]);
  });

  it('cancels a job nobody watches after idleCancelMs, not while someone does', async () => {
    const cmder = new ManualCmder();
    const job = new Job({ pipeline: pipeline('kubectl get pods -w'), cmder, mode: 'sim', cmdOptions: opts, idleCancelMs: 50 });
    const off = job.subscribe(0, () => {});
    await new Promise((r) => setTimeout(r, 120));
    expect(cmder.last.cancelled).toBe(false);
    off();
    expect(await job.done).toMatchObject({ cancelled: true });
  });

  it('cancel reports cancelled', async () => {
    const cmder = new ManualCmder();
    const job = new Job({ pipeline: pipeline('kubectl get pods -w | grep x'), cmder, mode: 'sim', cmdOptions: opts });
    job.cancel();
    expect(await job.done).toMatchObject({ cancelled: true, exitCode: null, signal: 'SIGTERM' });
  });

  it('head stops a read-only command early (like SIGPIPE) and reports head\'s status', async () => {
    const cmder = new ProcessCmder({ binaries: { kubectl: FAKE } });
    const job = new Job({ pipeline: { ...pipeline('kubectl get pods | head -n 3'), command: { program: 'kubectl', args: ['lines', '2000000'] } }, cmder, mode: 'live', cmdOptions: opts });
    const exit = await job.done;
    expect(text(job.eventsAfter(0), 'out')).toBe('line 1\nline 2\nline 3\n');
    expect(exit).toMatchObject({ exitCode: 0, signal: null, cancelled: false, truncated: false });
    expect(exit.elapsedMs).toBeLessThan(5000);
  });

  it('head lets a cluster-changing command finish', async () => {
    const cmder = new ManualCmder();
    const job = new Job({ pipeline: pipeline('kind create cluster | head -n 1'), cmder, mode: 'sim', cmdOptions: opts });
    cmder.last.io.stdout('a\nb\nc\n');
    expect(cmder.last.cancelled).toBe(false);
    cmder.last.finish({ exitCode: 0 });
    await job.done;
    expect(text(job.eventsAfter(0), 'out')).toBe('a\n');
  });

  it('lets go of the async context it was started in once finished, and still replays', async () => {
    // Next keeps each request in AsyncLocalStorage; a finished job is kept for replay and must not
    // pin the request that started it (through its promise or child-process handles).
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const als = new AsyncLocalStorage<{ request: Uint8Array }>();
    const { job, request } = (() => {
      const store = { request: new Uint8Array(1 << 20) };
      const cmder = new ProcessCmder({ binaries: { kubectl: FAKE } });
      const started = als.run(store, () => new Job({ pipeline: { ...pipeline('kubectl get pods'), command: { program: 'kubectl', args: ['lines', '3'] } }, cmder, mode: 'live', cmdOptions: opts }));
      return { job: started, request: new WeakRef(store) };
    })();
    expect((await job.done).exitCode).toBe(0);
    await new Promise((r) => setTimeout(r, 20)); // a full loop turn: the child's handle close callback runs
    gc();
    expect(request.deref()).toBeUndefined();
    expect(text(job.eventsAfter(0), 'out')).toBe('line 1\nline 2\nline 3\n');
    expect(await job.done).toBe(job.result);
  });

  it('compacts the ring of a finished job to what it retained', () => {
    const ring = new EventRing({ maxEvents: 2000, maxBytes: 1 << 20 });
    for (let seq = 1; seq <= 5000; seq++) ring.push({ seq, type: 'out', data: `${seq}\n` });
    ring.compact();
    expect((ring as unknown as { items: unknown[] }).items).toHaveLength(2000);
    expect(ring.oldestSeq).toBe(3001);
    expect(ring.after(4998).map((e) => e.seq)).toEqual([4999, 5000]);
  });

  it('surfaces a spawn error as the exit event (B10)', async () => {
    const job = new Job({ pipeline: pipeline('kind get clusters'), cmder: new ProcessCmder({ binaries: { kind: '/nonexistent/kind' } }), mode: 'live', cmdOptions: opts });
    const exit = await job.done;
    expect(exit.error).toBe('kind was not found on PATH');
    expect(job.eventsAfter(0).at(-1)).toMatchObject({ type: 'exit', data: { error: 'kind was not found on PATH' } });
  });
});
