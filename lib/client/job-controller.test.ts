import { beforeEach, describe, expect, it } from 'vitest';
import { JobController, type ControllerApi } from './job-controller';
import { FakeEventSource } from './fake-event-source';
import { openJobStream } from './job-stream';
import type { TermWrite } from './transcript';
import { t } from '@/lib/i18n/messages';

class MemStorage {
  m = new Map<string, string>();
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => void this.m.set(k, v);
  removeItem = (k: string) => void this.m.delete(k);
}

const exitData = (over: object = {}) => ({ exitCode: 0, signal: null, timedOut: false, cancelled: false, truncated: false, elapsedMs: 1234, ...over });

function apiStub(over: Partial<ControllerApi> = {}): ControllerApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    run: async (c) => (calls.push(`run ${c}`), { jobId: 'j1' }),
    cancel: async (id) => (calls.push(`cancel ${id}`), {}),
    runs: async () => [],
    ...over,
  };
}

function make(storage: MemStorage, api: ControllerApi) {
  const c = new JobController({
    api,
    storage,
    storageKey: 'term',
    text: (k, v) => t('en', k, v),
    open: (id, after, h) => openJobStream(id, after, h, (u) => new FakeEventSource(u)),
  });
  c.restore();
  const seen: TermWrite[] = [];
  c.attachView({ write: (w) => seen.push(w), clear: () => (seen.length = 0) });
  return { c, seen };
}

const flushPromises = () => new Promise((r) => setTimeout(r, 0));

describe('JobController', () => {
  beforeEach(() => {
    FakeEventSource.all = [];
  });

  it('runs a command, renders its output once and prints the exit status', async () => {
    const storage = new MemStorage();
    const { c, seen } = make(storage, apiStub());
    await c.run('kubectl version --client');
    expect(c.getState().phase).toBe('running');
    const es = FakeEventSource.all[0];
    expect(es.url).toBe('/api/runs/j1/events');
    es.send('start', 'j1:1', { jobId: 'j1', raw: 'kubectl version --client', mode: 'sim', startedAt: 1 });
    es.send('out', 'j1:2', 'Client Version: v1.32.4\n');
    es.send('out', 'j1:2', 'Client Version: v1.32.4\n');
    es.send('exit', 'j1:3', exitData());
    expect(seen.map((w) => [w.kind, w.text])).toEqual([
      ['cmd', 'kubectl version --client'],
      ['out', 'Client Version: v1.32.4\n'],
      ['status', '[exit 0 · 1.2s]'],
    ]);
    expect(c.getState().phase).toBe('idle');
    expect(c.getState().announcement.text).toBe('Finished: kubectl version --client, exit 0');
  });

  it('after a reload, restores the transcript and resumes after the last saved seq without repeats', async () => {
    const storage = new MemStorage();
    const first = make(storage, apiStub());
    await first.c.run('kubectl get pods -w');
    const es = FakeEventSource.all[0];
    es.send('start', 'j1:1', { jobId: 'j1', raw: 'kubectl get pods -w', mode: 'sim', startedAt: 1 });
    es.send('out', 'j1:2', 'line 2\n');
    first.c.flush(); // what pagehide does
    es.send('out', 'j1:3', 'line 3\n'); // rendered but not yet saved when the page goes away

    const second = make(storage, apiStub());
    await second.c.resume();
    const es2 = FakeEventSource.all[1];
    expect(es2.url).toBe('/api/runs/j1/events?after=2');
    es2.send('out', 'j1:2', 'line 2\n'); // the server may resend: dropped
    es2.send('out', 'j1:3', 'line 3\n');
    es2.send('out', 'j1:4', 'line 4\n');
    es2.send('exit', 'j1:5', exitData({ cancelled: true, exitCode: null, signal: 'SIGTERM', elapsedMs: 4000 }));
    const outs = second.seen.filter((w) => w.kind === 'out').map((w) => w.seq);
    expect(outs).toEqual([2, 3, 4]);
    expect(second.seen.at(-1)?.text).toBe('[cancelled · 4.0s]');
  });

  it('shows a refused command as the terminal’s own warning, not as output', async () => {
    const err = Object.assign(new Error('Refused: "rm" is not a lab command.'), { status: 400, code: 'not-allowed', body: {} });
    const { c, seen } = make(new MemStorage(), apiStub({ run: async () => Promise.reject(err) }));
    await c.run('rm -rf /');
    expect(seen).toEqual([
      { kind: 'cmd', text: 'rm -rf /' },
      { kind: 'notice', text: 'Refused: "rm" is not a lab command.', tone: 'warn' },
    ]);
    expect(c.getState().phase).toBe('idle');
    expect(FakeEventSource.all).toHaveLength(0);
  });

  it('on 409 busy, says so and attaches to the running job', async () => {
    const err = Object.assign(new Error('busy'), { status: 409, code: 'busy', body: { error: { code: 'busy', message: 'busy', runningJobId: 'j9' } } });
    const { c, seen } = make(new MemStorage(), apiStub({ run: async () => Promise.reject(err) }));
    await c.run('kubectl get nodes');
    expect(seen[0]).toMatchObject({ kind: 'notice', tone: 'warn' });
    expect(FakeEventSource.all[0].url).toBe('/api/runs/j9/events');
  });

  it('re-attaches to a job that runs on the server when nothing was saved', async () => {
    const api = apiStub({
      runs: async () => [{ jobId: 'j7', raw: 'kind create cluster', mode: 'sim', state: 'running', startedAt: 1, lastSeq: 9 }],
    });
    const { c, seen } = make(new MemStorage(), api);
    await c.resume();
    await flushPromises();
    expect(seen[0].text).toBe('Re-attached to a command that is still running: kind create cluster');
    expect(FakeEventSource.all[0].url).toBe('/api/runs/j7/events');
  });

  it('cancels the followed job', async () => {
    const api = apiStub();
    const { c } = make(new MemStorage(), api);
    await c.run('kubectl get pods -w');
    await c.cancel();
    expect(api.calls).toEqual(['run kubectl get pods -w', 'cancel j1']);
  });

  it('stops following a job the server no longer serves, so a reload does not retry it', async () => {
    const storage = new MemStorage();
    const c = new JobController({
      api: apiStub(),
      storage,
      storageKey: 'term',
      text: (k, v) => t('en', k, v),
      open: (_id, _after, h) => {
        setTimeout(() => h.onStatus?.('failed'), 0);
        return { close() {}, lastSeq: 0 };
      },
    });
    c.restore();
    await c.run('kubectl get pods -w');
    await flushPromises();
    expect(c.getState().phase).toBe('idle');
    expect(c.getState().job?.done).toBe(true);
    expect(JSON.parse(storage.getItem('term')!).job.done).toBe(true);
    expect(c.transcript.at(-1)).toMatchObject({ kind: 'notice', tone: 'error' });
  });
});
