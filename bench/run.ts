// `npm run bench`: runs every benchmark, prints a summary and writes bench/results/latest.json.
// Figures are medians over repeated runs; targets come from the issues.
import fs from 'node:fs';
import path from 'node:path';
import { latency, throughput } from './stream';
import { annotateBench } from './annotate';
import { xtermThroughput } from './xterm';
import { simScaleInChild } from './sim-scale';
import { fuzzRun } from './fuzz';
import { soak } from './soak';
import { xrayLatencyBench } from '../lib/cluster/bench';

interface Row {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
  detail?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.some((o) => name.startsWith(o));

async function main() {
  const rows: Row[] = [];
  if (want('stream')) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await throughput(20_000_000));
    const mb = median(runs.map((r) => r.mbPerSec));
    rows.push({ name: 'stream.throughput (20 MB, child → SSE client)', value: mb, unit: 'MB/s', target: '≥ 10', pass: mb >= 10 && runs.every((r) => r.ok), detail: runs.every((r) => r.ok) ? 'no dropped or repeated lines' : 'LOSS OR DUPLICATION DETECTED' });
    const lats = [];
    for (let i = 0; i < 3; i++) lats.push(await latency());
    const added = median(lats.map((l) => l.addedMedianMs));
    rows.push({ name: 'stream.latency added (child → SSE client, median)', value: added, unit: 'ms', target: '≤ 30', pass: added <= 30, detail: `median ${median(lats.map((l) => l.medianMs)).toFixed(2)} ms vs direct pipe ${median(lats.map((l) => l.baselineMedianMs)).toFixed(2)} ms; p95 ${median(lats.map((l) => l.p95Ms)).toFixed(2)} ms` });
  }
  if (want('stream')) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await xtermThroughput(10_000_000));
    const mb = median(runs.map((r) => r.mbPerSec));
    rows.push({ name: 'stream.xterm render (10 MB into xterm.js in Chromium)', value: mb, unit: 'MB/s', target: '≥ 10', pass: mb >= 10 && runs.every((r) => r.ok), detail: runs.every((r) => r.ok) ? 'last lines in order, none missing' : 'LOSS OR DUPLICATION DETECTED' });
  }
  if (want('annotate')) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await annotateBench());
    const ms = median(runs.map((r) => r.ms));
    rows.push({ name: 'annotate 10 MB of mixed output', value: ms, unit: 'ms', target: '≤ 1000', pass: ms <= 1000, detail: `${median(runs.map((r) => r.mbPerSec)).toFixed(1)} MB/s, ${runs[0].matches} tagged lines of ${runs[0].lines}` });
  }
  if (want('sim')) {
    const r = await simScaleInChild(1000, 10_000);
    rows.push({ name: 'sim: create 1,000 nodes + 10,000 running pods (instant pace)', value: r.createMs / 1000, unit: 's', target: '≤ 10', pass: r.createMs <= 10_000 && r.runningPods === 10_000, detail: `${r.runningPods} pods Running` });
    rows.push({ name: 'sim: kubectl get pods -A (median of 5)', value: r.getPodsMedianMs / 1000, unit: 's', target: '≤ 2', pass: r.getPodsMedianMs <= 2000 });
    rows.push({ name: 'sim: kubectl get nodes (median of 5)', value: r.getNodesMedianMs / 1000, unit: 's', target: '≤ 0.5', pass: r.getNodesMedianMs <= 500 });
    rows.push({ name: 'sim: peak RSS of the simulator process', value: r.peakRssMb, unit: 'MB', target: '≤ 800', pass: r.peakRssMb <= 800 });
    rows.push({ name: 'sim: event delivery to 20 watchers (p95)', value: r.watchP95Ms, unit: 'ms', target: '≤ 100', pass: r.watchP95Ms <= 100, detail: `p50 ${r.watchP50Ms.toFixed(1)} ms over ${r.watchEvents} deliveries` });
  }
  if (want('xray')) {
    const r = await xrayLatencyBench({ changes: 100 });
    rows.push({ name: 'xray: API change → panel snapshot (p95)', value: r.p95Ms, unit: 'ms', target: '≤ 500', pass: r.p95Ms <= 500, detail: `p50 ${r.p50Ms.toFixed(1)} ms over ${r.samples} changes` });
  }
  if (want('soak')) {
    const r = await soak({ clients: 50, commands: 1000 });
    const growth = ((r.rssAfterMb - r.rssBaselineMb) / r.rssBaselineMb) * 100;
    rows.push({ name: 'soak: 50 streaming clients + 1,000 sequential commands (simulator)', value: r.failedRequests, unit: 'failed requests', target: '0', pass: r.failedRequests === 0, detail: `${(r.durationMs / 1000).toFixed(1)} s` });
    rows.push({ name: 'soak: leaked processes / file descriptors', value: r.leakedProcesses + r.leakedFds, unit: 'leaks', target: '0', pass: r.leakedProcesses === 0 && r.leakedFds === 0, detail: `${r.leakedProcesses} processes, ${r.leakedFds} fds` });
    rows.push({ name: 'soak: server RSS after vs baseline', value: growth, unit: '%', target: '≤ 10', pass: growth <= 10, detail: `baseline ${r.rssBaselineMb.toFixed(0)} MB, peak ${r.rssPeakMb.toFixed(0)} MB, after ${r.rssAfterMb.toFixed(0)} MB${r.notes.length ? `; ${r.notes.join('; ')}` : ''}` });
  }
  if (want('fuzz')) {
    const reports = await fuzzRun({ seconds: Number(process.env.FUZZ_SECONDS ?? 60) });
    for (const f of reports) {
      rows.push({ name: `fuzz: ${f.target}`, value: f.failures.length, unit: 'failures', target: '0', pass: f.failures.length === 0, detail: `${f.inputs} inputs${f.failures[0] ? `; first: ${f.failures[0].error.slice(0, 120)}` : ''}` });
    }
  }
  for (const r of rows) {
    console.log(`${r.pass ? 'PASS' : 'MISS'}  ${r.name}: ${r.value.toFixed(2)} ${r.unit} (target ${r.target})${r.detail ? ` — ${r.detail}` : ''}`);
  }
  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2));
  process.exit(0);
}

void main();
