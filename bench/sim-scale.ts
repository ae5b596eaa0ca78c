// Simulator scale benchmark (issue: simulated cluster): 1,000 nodes and 10,000 running pods.
// Figures: creating that cluster at instant pace, real `kubectl get pods -A` / `get nodes` (median),
// the process's peak RSS, and event delivery latency to 20 concurrent watchers (p95).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseKindConfig } from '../lib/kindconfig';
import { SimManager } from '../lib/sim/manager';
import { R } from '../lib/sim/cluster/gvr';

const KUBECTL = fs.existsSync('/usr/lib/google-cloud-sdk/bin/kubectl.1.33') ? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33' : 'kubectl';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const now = () => performance.now();

function kubectl(args: string[], env: Record<string, string>): Promise<{ ms: number; lines: number; code: number | null }> {
  return new Promise((resolve) => {
    const t = now();
    const child = spawn(KUBECTL, args, { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (b: Buffer) => {
      for (const c of b) if (c === 10) lines++;
    });
    child.on('close', (code) => resolve({ ms: now() - t, lines, code }));
  });
}

export interface ScaleResult {
  nodes: number;
  runningPods: number;
  createMs: number;
  getPodsMedianMs: number;
  getNodesMedianMs: number;
  peakRssMb: number;
  watchP95Ms: number;
  watchP50Ms: number;
  watchEvents: number;
}

export async function simScale(nodes = 1000, pods = 10_000): Promise<ScaleResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-scale-'));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const m = await SimManager.open({ stateDir: dir });
  const text = ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane', ...Array.from({ length: nodes - 1 }, () => '- role: worker')].join('\n');
  const cfg = parseKindConfig(text, { name: 'scale' });
  if (!cfg.ok) throw new Error(cfg.error);

  // Create: kind's steps (with its default CNI, so nodes turn Ready) plus a Deployment that brings the
  // running pods to the target, all settled at instant pace.
  const t0 = now();
  const c = await m.create({ name: 'scale', config: cfg.config, pace: 'instant' });
  const systemPods = c.store.list(R.pods, undefined).items.length;
  c.store.create(R.deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: pods - systemPods, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
  });
  await c.cluster.settle(600_000);
  const createMs = now() - t0;
  const running = c.store.list(R.pods, undefined).items.filter((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running').length;

  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: c.kubeconfigPath, KUBECACHEDIR: path.join(dir, 'cache') };
  await kubectl(['get', 'ns'], env); // warm the discovery cache, like a learner's second command
  const podTimes: number[] = [];
  const nodeTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await kubectl(['get', 'pods', '-A'], env);
    if (p.code !== 0 || p.lines !== pods + 1) throw new Error(`get pods -A printed ${p.lines} lines (exit ${p.code})`);
    podTimes.push(p.ms);
    const n = await kubectl(['get', 'nodes'], env);
    if (n.code !== 0 || n.lines !== nodes + 1) throw new Error(`get nodes printed ${n.lines} lines`);
    nodeTimes.push(n.ms);
  }

  // 20 concurrent watchers; 100 changes; latency from the write to each watcher's receipt.
  const kc = parse(c.kubeconfig) as { users: Array<{ user: Record<string, string> }>; clusters: Array<{ cluster: Record<string, string> }> };
  const b64 = (s: string) => Buffer.from(s, 'base64').toString();
  const tls = { ca: b64(kc.clusters[0].cluster['certificate-authority-data']), cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data']) };
  const rv = c.store.currentResourceVersion();
  const sent = new Map<string, number>();
  const lat: number[] = [];
  const reqs = Array.from({ length: 20 }, () =>
    https.get({ host: '127.0.0.1', port: c.port, path: `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}&labelSelector=bench%3Dyes`, ...tls, agent: false }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        const t = now();
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const ev = JSON.parse(buf.slice(0, i)) as { object: { metadata: { labels?: Record<string, string> } } };
          buf = buf.slice(i + 1);
          const id = ev.object.metadata.labels?.seq;
          if (id && sent.has(id)) lat.push(t - sent.get(id)!);
        }
      });
    }),
  );
  await new Promise((r) => setTimeout(r, 500));
  const names = c.store.list(R.pods, 'default').items.slice(0, 100).map((p) => p.metadata.name!);
  for (let i = 0; i < names.length; i++) {
    sent.set(String(i), now());
    c.store.mutate(R.pods, 'default', names[i], (p) => void (p.metadata.labels = { ...p.metadata.labels, bench: 'yes', seq: String(i) }));
    await new Promise((r) => setTimeout(r, 10));
  }
  const deadline = Date.now() + 15_000;
  while (lat.length < names.length * 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const r of reqs) r.destroy();

  clearInterval(sampler);
  const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  const peakRssMb = Math.max(peak / 1e6, hwm ? Number(hwm[1]) / 1024 : 0);
  await m.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    nodes,
    runningPods: running,
    createMs,
    getPodsMedianMs: median(podTimes),
    getNodesMedianMs: median(nodeTimes),
    peakRssMb,
    watchP50Ms: median(lat),
    watchP95Ms: pct(lat, 0.95),
    watchEvents: lat.length,
  };
}

/**
 * The scale run in a fresh process of its own (as the app's server would hold the simulator), so the
 * peak RSS is the simulator's and not that of whatever else the calling process loaded (Playwright,
 * the other benchmarks).
 */
export function simScaleInChild(nodes = 1000, pods = 10_000): Promise<ScaleResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(import.meta.dirname, 'sim-scale.ts'), String(nodes), String(pods)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sim-scale exited ${code}`));
      try {
        resolve(JSON.parse(out) as ScaleResult);
      } catch (e) {
        reject(new Error(`sim-scale printed no result: ${(e as Error).message}`));
      }
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(import.meta.dirname, 'sim-scale.ts')) {
  // Standalone: `npx tsx --conditions=react-server bench/sim-scale.ts [nodes] [pods]` prints the result as JSON.
  simScale(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 10_000)).then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
