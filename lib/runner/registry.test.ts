import { afterEach, describe, expect, it } from 'vitest';
import { cancelJob, defaultLimits, getJob, listJobs, resetRegistryForTests, startJob, KEEP_FINISHED, KEEP_FINISHED_BYTES } from './registry';
import { parse } from './parse';
import { ManualCmder } from './testdata/manual-cmder';
import type { Pipeline } from './types';

const pipeline = (line: string): Pipeline => {
  const r = parse(line);
  if (!r.ok) throw new Error(r.message);
  return r.pipeline;
};
afterEach(() => resetRegistryForTests());

describe('job registry', () => {
  it('starts a job with default limits and finds it by id', () => {
    const cmder = new ManualCmder();
    const r = startJob({ pipeline: pipeline('kubectl get pods'), cmder, mode: 'sim' });
    if (!r.ok) throw new Error(r.message);
    expect(getJob(r.job.id)).toBe(r.job);
    expect(cmder.last.opts).toEqual({ timeoutMs: 60_000, maxOutputBytes: 4 << 20 });
    expect(listJobs()).toEqual([expect.objectContaining({ id: r.job.id, raw: 'kubectl get pods', state: 'running', mutating: false })]);
    expect(getJob('not-a-job')).toBeUndefined();
    expect(getJob('../../etc/passwd')).toBeUndefined();
  });

  it('uses 10 minutes for kind create/delete, -w and logs -f', () => {
    for (const line of ['kind create cluster', 'kind delete cluster', 'kubectl get pods -w', 'kubectl logs -f x', 'kubectl rollout status deploy/x']) {
      expect(defaultLimits(pipeline(line)).timeoutMs, line).toBe(600_000);
    }
    expect(defaultLimits(pipeline('kubectl describe po nginx')).timeoutMs).toBe(60_000);
  });

  it('allows one cluster-changing job at a time (typed busy error)', async () => {
    const cmder = new ManualCmder();
    const first = startJob({ pipeline: pipeline('kind create cluster --name test'), cmder, mode: 'sim' });
    if (!first.ok) throw new Error('first failed');
    const second = startJob({ pipeline: pipeline('kubectl apply -f flannel.yaml'), cmder, mode: 'sim' });
    expect(second).toEqual({
      ok: false,
      code: 'busy',
      message: 'Another cluster-changing command is running: "kind create cluster --name test". Wait for it or cancel it.',
      runningJobId: first.job.id,
    });
    expect(startJob({ pipeline: pipeline('kubectl get nodes'), cmder, mode: 'sim' }).ok).toBe(true);
    expect(cancelJob(first.job.id)).toBe(true);
    await first.job.done;
    expect(cancelJob(first.job.id)).toBe(false);
    expect(startJob({ pipeline: pipeline('kubectl apply -f flannel.yaml'), cmder, mode: 'sim' }).ok).toBe(true);
  });

  it('treats a pipeline that claims to be read-only but is not as mutating, and refuses disallowed commands', () => {
    const cmder = new ManualCmder();
    const sneaky = { ...pipeline('kubectl delete pod x'), mutating: false };
    const r = startJob({ pipeline: sneaky, cmder, mode: 'sim' });
    expect(r.ok && r.job.pipeline.mutating).toBe(true);
    const bad = startJob({ pipeline: { raw: 'kubectl exec', command: { program: 'kubectl', args: ['exec', 'x'] }, filters: [], mutating: false }, cmder, mode: 'sim' });
    expect(bad).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(cmder.started).toHaveLength(1);
  });

  it('caps concurrent jobs', () => {
    const cmder = new ManualCmder();
    for (let i = 0; i < 4; i++) expect(startJob({ pipeline: pipeline('kubectl get pods -w'), cmder, mode: 'sim' }).ok).toBe(true);
    expect(startJob({ pipeline: pipeline('kubectl get pods'), cmder, mode: 'sim' })).toMatchObject({ ok: false, code: 'too-many' });
  });

  it('keeps only the last finished jobs', async () => {
    const cmder = new ManualCmder();
    const ids: string[] = [];
    for (let i = 0; i < KEEP_FINISHED + 5; i++) {
      const r = startJob({ pipeline: pipeline('kubectl get pods'), cmder, mode: 'sim' });
      if (!r.ok) throw new Error(r.message);
      ids.push(r.job.id);
      cmder.last.finish();
      await r.job.done;
      await Promise.resolve();
    }
    expect(listJobs()).toHaveLength(KEEP_FINISHED);
    expect(getJob(ids[0])).toBeUndefined();
    expect(getJob(ids.at(-1)!)).toBeDefined();
  });

  it('also bounds the output kept by finished jobs, never dropping the newest', async () => {
    const cmder = new ManualCmder();
    const ids: string[] = [];
    const big = 'x'.repeat(3 << 20); // within one job's 4 MiB ring
    const n = Math.ceil(KEEP_FINISHED_BYTES / (3 << 20)) + 3;
    for (let i = 0; i < n; i++) {
      const r = startJob({ pipeline: pipeline('kubectl logs x'), cmder, mode: 'sim' });
      if (!r.ok) throw new Error(r.message);
      ids.push(r.job.id);
      cmder.last.io.stdout(`${big}\n`);
      cmder.last.finish();
      await r.job.done;
      await Promise.resolve();
    }
    const kept = ids.map(getJob).filter((j) => j !== undefined);
    expect(kept.reduce((sum, j) => sum + j.bufferedBytes, 0)).toBeLessThanOrEqual(KEEP_FINISHED_BYTES);
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.length).toBeLessThan(n);
    expect(getJob(ids[0])).toBeUndefined();
    expect(getJob(ids.at(-1)!)?.eventsAfter(0).at(-1)?.type).toBe('exit');
  });

  it('lives on globalThis under a well-known symbol', () => {
    startJob({ pipeline: pipeline('kubectl get pods'), cmder: new ManualCmder(), mode: 'sim' });
    const reg = (globalThis as unknown as Record<symbol, { jobs: Map<string, unknown> }>)[Symbol.for('cni-lab.jobs')];
    expect(reg.jobs.size).toBe(1);
  });
});
