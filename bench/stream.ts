// Stream benchmark (issue: runner): throughput and added latency from a child process's output to an
// SSE client over real HTTP on loopback, through the real runner (ProcessCmder → Job → jobEventStream).
import http from 'node:http';
import path from 'node:path';
import { parse } from '../lib/runner/parse';
import { ProcessCmder } from '../lib/runner/process-cmder';
import { startJob, resetRegistryForTests } from '../lib/runner/registry';
import { jobEventStream } from '../lib/runner/stream';
import type { Job } from '../lib/runner/job';
import { spawn } from 'node:child_process';

const FIX = path.join(import.meta.dirname, 'fixtures');
const now = () => performance.timeOrigin + performance.now();

function serve(job: Job): Promise<{ url: string; close: () => void }> {
  const server = http.createServer(async (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const reader = jobEventStream(job, 0).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as { port: number }).port;
    resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
  }));
}

/** Minimal SSE reader: calls onOut for each `out` event's decoded data. */
function readSse(url: string, onOut: (text: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!block.includes('event: out')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) onOut(JSON.parse(data.slice(6)) as string);
        }
      });
      res.on('end', () => resolve());
      res.on('error', reject);
    }).on('error', reject);
  });
}

function start(fixture: string, env: Record<string, string>): Job {
  const p = parse('kubectl get pods');
  if (!p.ok) throw new Error(p.message);
  const r = startJob({
    pipeline: p.pipeline,
    cmder: new ProcessCmder({ binaries: { kubectl: path.join(FIX, fixture) } }),
    mode: 'live',
    cmdOptions: { timeoutMs: 120_000, maxOutputBytes: 64 << 20, env },
  });
  if (!r.ok) throw new Error(r.message);
  return r.job;
}

export async function throughput(bytes: number): Promise<{ mbPerSec: number; lines: number; ok: boolean }> {
  resetRegistryForTests();
  const job = start('flood.mjs', { BENCH_BYTES: String(bytes) });
  const srv = await serve(job);
  let expected = 0;
  let ok = true;
  let received = 0;
  let pending = '';
  const t0 = now();
  await readSse(srv.url, (text) => {
    received += Buffer.byteLength(text);
    pending += text;
    let i: number;
    while ((i = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, i);
      pending = pending.slice(i + 1);
      if (Number(line.slice(0, 9)) !== expected++) ok = false; // dropped or repeated
    }
  });
  const secs = (now() - t0) / 1000;
  srv.close();
  return { mbPerSec: received / 1e6 / secs, lines: expected, ok: ok && pending === '' && received >= bytes - 120 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Direct pipe from the same program: the baseline the lab's latency is added to. */
function baselineLatency(): Promise<number[]> {
  return new Promise((resolve) => {
    const lat: number[] = [];
    const child = spawn(process.execPath, [path.join(FIX, 'ticker.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    let buf = '';
    child.stdout.on('data', (c: string) => {
      const t = now();
      buf += c;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        lat.push(t - Number(buf.slice(0, i).split(' ')[2]));
        buf = buf.slice(i + 1);
      }
    });
    child.on('close', () => resolve(lat));
  });
}

export async function latency(): Promise<{ medianMs: number; p95Ms: number; baselineMedianMs: number; addedMedianMs: number }> {
  resetRegistryForTests();
  const job = start('ticker.mjs', { BENCH_TICKS: '200' });
  const srv = await serve(job);
  const lat: number[] = [];
  let pending = '';
  await readSse(srv.url, (text) => {
    const t = now();
    pending += text;
    let i: number;
    while ((i = pending.indexOf('\n')) >= 0) {
      lat.push(t - Number(pending.slice(0, i).split(' ')[2]));
      pending = pending.slice(i + 1);
    }
  });
  srv.close();
  const base = await baselineLatency();
  const sorted = [...lat].sort((a, b) => a - b);
  return {
    medianMs: median(lat),
    p95Ms: sorted[Math.floor(sorted.length * 0.95)],
    baselineMedianMs: median(base),
    addedMedianMs: median(lat) - median(base),
  };
}
