import 'server-only';
// Bench hook (npm run bench): latency from an API change on a simulated cluster to the snapshot that
// shows it arriving as an SSE frame from the same stream code the /api/cluster/stream route uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseKindConfig } from '../kindconfig/load';
import { R } from '../sim/cluster/gvr';
import { simManager } from '../lab/sim-backend';
import { snapshotEventStream } from './stream';
import type { ClusterSnapshot } from './types';
import { ClusterWatcher } from './watcher';
import { ARTICLE_CONFIG } from '../sim/cluster/testing/harness';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** Reads SSE frames and hands every snapshot to `onSnapshot` until the stream ends. */
async function readSnapshots(stream: ReadableStream<Uint8Array>, onSnapshot: (s: ClusterSnapshot) => void) {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (!frame.includes('event: snapshot')) continue;
      const data = frame.split('\n').find((l) => l.startsWith('data: '));
      if (data) onSnapshot(JSON.parse(data.slice(6)) as ClusterSnapshot);
    }
  }
}

export async function xrayLatencyBench(o: { changes?: number } = {}): Promise<{ p50Ms: number; p95Ms: number; samples: number }> {
  const changes = o.changes ?? 100;
  const saved = { dir: process.env.CNI_LAB_STATE_DIR, mode: process.env.CNI_LAB_MODE, pace: process.env.CNI_LAB_SIM_PACE };
  // Only a fresh process gets its own state dir; an already-open simulator is reused as it is.
  if (!(globalThis as Record<symbol, unknown>)[Symbol.for('cni-lab.sim-manager')]) {
    process.env.CNI_LAB_STATE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-xray-bench-'));
  }
  process.env.CNI_LAB_MODE = 'sim';
  process.env.CNI_LAB_SIM_PACE = 'instant';
  const name = `xray-bench-${process.pid}`;
  const m = await simManager();
  const parsed = parseKindConfig(ARTICLE_CONFIG, { name });
  if (!parsed.ok) throw new Error(parsed.error);
  const managed = await m.create({ name, config: parsed.config, pace: 'instant' });
  const watcher = new ClusterWatcher();
  const abort = new AbortController();
  const waiting = new Map<string, (t: number) => void>();
  let ready: () => void = () => {};
  const first = new Promise<void>((r) => (ready = r));
  const reading = readSnapshots(snapshotEventStream(watcher, abort.signal), (s) => {
    const t = performance.now();
    if (s.reachable && s.context === `kind-${name}`) ready();
    for (const p of s.pods) waiting.get(p.name)?.(t);
  });
  try {
    await first;
    const samples: number[] = [];
    for (let i = 0; i < changes; i++) {
      const pod = `bench-${i}`;
      const seen = new Promise<number>((resolve) => waiting.set(pod, resolve));
      const t0 = performance.now();
      managed.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: pod, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      const t1 = await seen;
      waiting.delete(pod);
      samples.push(t1 - t0);
    }
    return { p50Ms: Math.round(pct(samples, 0.5) * 10) / 10, p95Ms: Math.round(pct(samples, 0.95) * 10) / 10, samples: samples.length };
  } finally {
    abort.abort();
    await reading.catch(() => {});
    watcher.stop();
    await m.delete(name);
    for (const [k, v] of [['CNI_LAB_STATE_DIR', saved.dir], ['CNI_LAB_MODE', saved.mode], ['CNI_LAB_SIM_PACE', saved.pace]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
