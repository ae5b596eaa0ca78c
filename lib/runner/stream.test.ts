import { describe, expect, it } from 'vitest';
import { Job } from './job';
import { jobEventStream } from './stream';
import { parse } from './parse';
import { ManualCmder } from './testdata/manual-cmder';
import type { Pipeline } from './types';

const pipeline = (line: string): Pipeline => {
  const r = parse(line);
  if (!r.ok) throw new Error(r.message);
  return r.pipeline;
};
const opts = { timeoutMs: 10_000, maxOutputBytes: 1 << 20 };
const newJob = (ring?: { maxEvents: number; maxBytes: number }) => {
  const cmder = new ManualCmder();
  const job = new Job({ pipeline: pipeline('kubectl get pods -w'), cmder, mode: 'sim', cmdOptions: opts, ring });
  return { job, cmd: cmder.last };
};
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
  return text;
}
const ids = (text: string) => [...text.matchAll(/^id: [0-9a-f]{32}:(\d+)$/gm)].map((m) => Number(m[1]));

describe('jobEventStream', () => {
  it('replays, follows live events and closes after exit', async () => {
    const { job, cmd } = newJob();
    cmd.io.stdout('one\n');
    const reading = readAll(jobEventStream(job, 0));
    cmd.io.stdout('two\n');
    cmd.finish();
    const text = await reading;
    expect(text.startsWith('retry: 2000\n\n')).toBe(true);
    expect(ids(text)).toEqual([1, 2, 3, 4]);
    expect(text).toContain('event: exit\n');
  });

  it('resumes after a Last-Event-ID without duplicates (G1)', async () => {
    const { job, cmd } = newJob();
    cmd.io.stdout('one\n');
    cmd.io.stdout('two\n');
    cmd.finish();
    await job.done;
    expect(ids(await readAll(jobEventStream(job, 2)))).toEqual([3, 4]);
    expect(ids(await readAll(jobEventStream(job, 4)))).toEqual([]); // already saw the exit: closes at once
  });

  it('sends reset when the id is older than the buffer (G2)', async () => {
    const { job, cmd } = newJob({ maxEvents: 3, maxBytes: 1 << 20 });
    for (let i = 0; i < 6; i++) cmd.io.stdout(`${i}\n`);
    cmd.finish();
    await job.done;
    const text = await readAll(jobEventStream(job, 1));
    expect(text).toContain(`event: reset\ndata: {"jobId":"${job.id}","oldestSeq":6}\n\n`);
    expect(ids(text)).toEqual([6, 7, 8]);
    expect(text.indexOf('event: reset')).toBeLessThan(text.indexOf('id: '));
  });

  it('pings while idle and cleans up on cancel and on abort', async () => {
    const { job, cmd } = newJob();
    const stream = jobEventStream(job, 0, undefined, { pingMs: 20 });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': ping')) text += decoder.decode((await reader.read()).value);
    expect(job.subscriberCount).toBe(1);
    await reader.cancel();
    expect(job.subscriberCount).toBe(0);

    const abort = new AbortController();
    const s2 = jobEventStream(job, 0, abort.signal, { pingMs: 20 });
    expect(job.subscriberCount).toBe(1);
    abort.abort();
    expect(job.subscriberCount).toBe(0);
    expect((await readAll(s2)).length).toBeGreaterThan(0);
    expect(job.state).toBe('running'); // a disconnect never stops the job
    cmd.finish();
  });

  it('cuts off a client that falls too far behind instead of buffering without bound', async () => {
    const { job, cmd } = newJob();
    const stream = jobEventStream(job, 0, undefined, { maxQueuedBytes: 4096 });
    for (let i = 0; i < 100; i++) cmd.io.stdout(`${'x'.repeat(100)}\n`);
    expect(job.subscriberCount).toBe(0);
    const text = await readAll(stream);
    expect(text.length).toBeLessThan(4096 + 1024);
    cmd.finish();
  });
});
