// `npm run bench`: runs every benchmark, prints a summary and writes bench/results/latest.json.
// Figures are medians over repeated runs; targets come from the issues.
import fs from 'node:fs';
import path from 'node:path';
import { latency, throughput } from './stream';
import { annotateBench } from './annotate';
import { simScale } from './sim-scale';

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
  if (want('annotate')) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await annotateBench());
    const ms = median(runs.map((r) => r.ms));
    rows.push({ name: 'annotate 10 MB of mixed output', value: ms, unit: 'ms', target: '≤ 1000', pass: ms <= 1000, detail: `${median(runs.map((r) => r.mbPerSec)).toFixed(1)} MB/s, ${runs[0].matches} tagged lines of ${runs[0].lines}` });
  }
  if (want('sim')) {
    const r = await simScale(1000, 10_000);
    rows.push({ name: 'sim: create 1,000 nodes + 10,000 running pods (instant pace)', value: r.createMs / 1000, unit: 's', target: '≤ 10', pass: r.createMs <= 10_000 && r.runningPods === 10_000, detail: `${r.runningPods} pods Running` });
    rows.push({ name: 'sim: kubectl get pods -A (median of 5)', value: r.getPodsMedianMs / 1000, unit: 's', target: '≤ 2', pass: r.getPodsMedianMs <= 2000 });
    rows.push({ name: 'sim: kubectl get nodes (median of 5)', value: r.getNodesMedianMs / 1000, unit: 's', target: '≤ 0.5', pass: r.getNodesMedianMs <= 500 });
    rows.push({ name: 'sim: peak RSS of the simulator process', value: r.peakRssMb, unit: 'MB', target: '≤ 800', pass: r.peakRssMb <= 800 });
    rows.push({ name: 'sim: event delivery to 20 watchers (p95)', value: r.watchP95Ms, unit: 'ms', target: '≤ 100', pass: r.watchP95Ms <= 100, detail: `p50 ${r.watchP50Ms.toFixed(1)} ms over ${r.watchEvents} deliveries` });
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
