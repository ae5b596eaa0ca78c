// Load and soak benchmark against the real app server in simulator mode: 50 concurrent streaming
// clients, then up to 1,000 sequential commands; counts failed requests and broken streams, and
// checks for leaked child processes, file descriptors and memory, then that SIGTERM leaves nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { alive, cmdline, descendants, environ, fdCount, markedProcesses, rssMb } from '../lib/fuzz/proc';

export interface SoakResult {
  failedRequests: number;
  leakedProcesses: number;
  leakedFds: number;
  rssBaselineMb: number;
  rssAfterMb: number;
  rssPeakMb: number;
  durationMs: number;
  notes: string[];
}

const HERE = path.join(import.meta.dirname, '..');
/** Another checkout with a production build may be named (e.g. while this tree's .next is being rebuilt). */
const ROOT = process.env.CNI_LAB_SOAK_ROOT ? path.resolve(process.env.CNI_LAB_SOAK_ROOT) : HERE;
const BUDGET_MS = 5 * 60_000;
/** A single command (kubectl against the simulated apiserver) should finish well within this. */
const COMMAND_TIMEOUT_MS = 30_000;
/** fds that come and go on their own (epoll/timer/pipes of the Next runtime, keep-alive sockets). */
const FD_TOLERANCE = 8;
/** Longest wait for the idle server to give memory back before the after-figures. */
const IDLE_MAX_MS = 90_000;

// ---- HTTP helpers ----------------------------------------------------------------------------

interface Ctx {
  port: number;
  token: string;
  agent: http.Agent;
}

function request(ctx: Ctx, method: string, p: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { Host: `127.0.0.1:${ctx.port}`, Authorization: `Bearer ${ctx.token}` };
    if (text !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
    const req = http.request({ host: '127.0.0.1', port: ctx.port, method, path: p, headers, agent: ctx.agent, timeout: COMMAND_TIMEOUT_MS }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (b += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${p}`)));
    req.on('error', reject);
    req.end(text);
  });
}

interface StreamResult {
  ok: boolean;
  why?: string;
  events: number;
  exitCode?: number | null;
}

/** Reads a job's SSE stream to its `exit` event; checks that seq is 1..n, dense, without duplicates. */
function followJob(ctx: Ctx, jobId: string): Promise<StreamResult> {
  return new Promise((resolve) => {
    const seqs: number[] = [];
    let settled = false;
    const done = (r: StreamResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, why: 'stream did not reach exit in time', events: seqs.length }), COMMAND_TIMEOUT_MS);
    const req = http.get(
      { host: '127.0.0.1', port: ctx.port, path: `/api/runs/${jobId}/events`, headers: { Host: `127.0.0.1:${ctx.port}`, Authorization: `Bearer ${ctx.token}`, Accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200) return done({ ok: false, why: `events status ${res.statusCode}`, events: 0 });
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk: string) => {
          buf += chunk;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const id = /^id: ([0-9a-f]{32}):(\d+)$/m.exec(block);
            const type = /^event: (\w+)$/m.exec(block)?.[1];
            if (!id || !type) continue;
            if (id[1] !== jobId) return done({ ok: false, why: `event of another job ${id[1]}`, events: seqs.length });
            seqs.push(Number(id[2]));
            if (type === 'exit') {
              const dense = seqs.every((s, k) => s === k + 1);
              const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as { exitCode?: number | null };
              return done(dense ? { ok: true, events: seqs.length, exitCode: data.exitCode } : { ok: false, why: `seq not dense/unique: ${seqs.slice(0, 20).join(',')}`, events: seqs.length });
            }
          }
        });
        res.on('end', () => done({ ok: false, why: 'stream ended before exit', events: seqs.length }));
        res.on('error', (e) => done({ ok: false, why: `stream error ${e.message}`, events: seqs.length }));
      },
    );
    req.on('error', (e) => done({ ok: false, why: `request error ${e.message}`, events: seqs.length }));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a command, retrying on 429 (the 4-running-jobs cap) with jittered backoff. */
async function startRun(ctx: Ctx, command: string, deadline: number): Promise<{ jobId?: string; status: number; body: string; retries: number }> {
  let retries = 0;
  for (let backoff = 25; ; backoff = Math.min(backoff * 2, 400)) {
    const r = await request(ctx, 'POST', '/api/runs', { command });
    if (r.status !== 429 || Date.now() > deadline) {
      const jobId = r.status === 201 ? (JSON.parse(r.body) as { jobId: string }).jobId : undefined;
      return { jobId, status: r.status, body: r.body, retries };
    }
    retries++;
    await sleep(backoff / 2 + Math.random() * backoff);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port === 3217 ? freePort() : port));
    });
  });
}

async function buildIsFresh(): Promise<boolean> {
  const { buildNeeded } = (await import(path.join(ROOT, 'scripts', 'build-state.mjs'))) as { buildNeeded: (root: string) => string | null };
  return buildNeeded(ROOT) === null;
}

// ---- the benchmark -------------------------------------------------------------------------

export async function soak(opts: { clients?: number; commands?: number } = {}): Promise<SoakResult> {
  const clients = opts.clients ?? 50;
  const commands = opts.commands ?? 1000;
  const t0 = Date.now();
  const deadline = t0 + BUDGET_MS;
  const notes: string[] = [];
  let failed = 0;
  const fail = (what: string) => {
    failed++;
    if (notes.filter((n) => n.startsWith('failure:')).length < 10) notes.push(`failure: ${what}`);
  };

  const port = await freePort();
  const token = randomBytes(24).toString('base64url');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cni-lab-soak-'));
  const env = { ...process.env, ...(process.env.SOAK_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SOAK_SERVER_NODE_OPTIONS } : {}), PORT: String(port), CNI_LAB_TOKEN: token, CNI_LAB_STATE_DIR: stateDir, CNI_LAB_MODE: 'sim', CNI_LAB_SIM_PACE: 'instant', NEXT_TELEMETRY_DISABLED: '1' };
  // start.mjs runs `next build` when sources are newer than .next; a bench must not trigger a build
  // behind the lead's back, so with a stale build the server is started the way start.mjs does it.
  let launcher: ChildProcess;
  if (await buildIsFresh()) {
    launcher = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    notes.push('server started with node scripts/start.mjs');
  } else {
    launcher = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server.ts')], { cwd: ROOT, env: { ...env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
    notes.push('.next is older than the sources: started server.ts directly (as start.mjs does, minus its build step) against the existing build');
  }
  let log = '';
  // SOAK_SERVER_LOG=<file> keeps the server's whole output (e.g. with NODE_OPTIONS=--trace-gc).
  const keep = process.env.SOAK_SERVER_LOG ? fs.createWriteStream(process.env.SOAK_SERVER_LOG) : undefined;
  const onLog = (d: string) => {
    log = (log + d).slice(-4000);
    keep?.write(d);
  };
  launcher.stdout!.setEncoding('utf8').on('data', onLog);
  launcher.stderr!.setEncoding('utf8').on('data', onLog);

  const ctx: Ctx = { port, token, agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) };
  let serverPid = 0;
  let marker: string | undefined;
  let rssPeak = 0;
  const sampler = setInterval(() => {
    if (!serverPid) return;
    rssPeak = Math.max(rssPeak, rssMb(serverPid));
    if (!marker) for (const d of descendants(serverPid)) marker ??= environ(d).find((e) => e.startsWith('CNI_LAB_CHILD='))?.slice('CNI_LAB_CHILD='.length);
  }, 100);

  try {
    // Ready when /api/health answers; the server is the deepest descendant running server.ts.
    for (;;) {
      if (Date.now() - t0 > 90_000) throw new Error(`server did not start in 90 s: ${log.slice(-800)}`);
      if (launcher.exitCode !== null) throw new Error(`server exited (${launcher.exitCode}): ${log.slice(-800)}`);
      const ok = await request(ctx, 'GET', '/api/health').then((r) => r.status === 200, () => false);
      if (ok) break;
      await sleep(250);
    }
    const candidates = [launcher.pid!, ...descendants(launcher.pid!)].filter((p) => cmdline(p).includes('server.ts'));
    serverPid = candidates[candidates.length - 1];
    if (!serverPid) throw new Error('could not find the server.ts process');
    notes.push(`port ${port}; launcher pid ${launcher.pid}, server pid ${serverPid}`);

    // The simulated cluster the lessons create first.
    const create = await startRun(ctx, 'kind create cluster --name test', deadline);
    if (!create.jobId) throw new Error(`kind create cluster: ${create.status} ${create.body}`);
    const created = await followJob(ctx, create.jobId);
    if (!created.ok || created.exitCode !== 0) throw new Error(`kind create cluster did not succeed: ${created.why ?? `exit ${created.exitCode}`}`);

    // Warm-up (JIT, route bundles, kubectl discovery cache), then the baseline.
    for (const c of ['kubectl get nodes', 'kubectl get pods -A', 'kind get clusters', 'docker ps', 'kubectl get pods -A | grep Pending']) {
      const r = await startRun(ctx, c, deadline);
      if (r.jobId) await followJob(ctx, r.jobId);
    }
    await sleep(2000);
    const baseKids = descendants(serverPid).length;
    const baseFds = fdCount(serverPid);
    const rssBaseline = rssMb(serverPid);
    rssPeak = rssBaseline;
    notes.push(`baseline: ${baseFds} fds, ${baseKids} child processes (${descendants(serverPid).map((p) => cmdline(p).slice(0, 50)).join('; ') || 'none'}), ${rssBaseline.toFixed(1)} MB RSS`);

    // (a) `clients` concurrent streaming clients, each starting its own run (retrying on 429) and
    // reading its SSE stream to exit.
    const tA = Date.now();
    let retries429 = 0;
    const results = await Promise.all(
      Array.from({ length: clients }, async (_, k) => {
        const cmd = k % 2 ? 'kubectl get pods -A' : 'kubectl get nodes -o wide';
        const r = await startRun(ctx, cmd, deadline);
        retries429 += r.retries;
        if (!r.jobId) return fail(`(a) start ${cmd}: ${r.status} ${r.body.slice(0, 120)}`);
        const s = await followJob(ctx, r.jobId);
        if (!s.ok) return fail(`(a) stream ${cmd}: ${s.why}`);
        if (s.exitCode !== 0) return fail(`(a) ${cmd} exited ${s.exitCode}`);
      }),
    );
    notes.push(`(a) ${results.length} concurrent clients, each its own run streamed to exit (server caps running jobs at 4 → ${retries429} retries after 429) in ${Date.now() - tA} ms`);

    // (b) sequential commands, a mix including one the parser refuses.
    const mix: Array<[string, 'run' | 'refused']> = [
      ['kubectl get nodes', 'run'],
      ['kubectl get pods -A | grep Pending', 'run'],
      ['kind get clusters', 'run'],
      ['docker ps', 'run'],
      ['kubectl get pods; rm -rf ~', 'refused'],
    ];
    const tB = Date.now();
    let done = 0;
    const kinds: Record<string, number> = {};
    const trend: string[] = [];
    for (let i = 0; i < commands; i++) {
      if (Date.now() > deadline - 30_000) {
        notes.push(`(b) stopped after ${i} commands to stay within the 5 min budget`);
        break;
      }
      // RSS at checkpoints: a steady climb is a leak; a plateau is the heap's high-water mark.
      if (i % 250 === 0) trend.push(`${i}:${rssMb(serverPid).toFixed(0)}`);
      const [cmd, kind] = mix[i % mix.length];
      kinds[cmd] = (kinds[cmd] ?? 0) + 1;
      const r = await startRun(ctx, cmd, deadline);
      done++;
      if (kind === 'refused') {
        if (r.status !== 400) fail(`(b) refused command answered ${r.status}`);
        continue;
      }
      if (!r.jobId) {
        fail(`(b) start ${cmd}: ${r.status} ${r.body.slice(0, 120)}`);
        continue;
      }
      const s = await followJob(ctx, r.jobId);
      if (!s.ok) fail(`(b) stream ${cmd}: ${s.why}`);
      // grep exits 1 when nothing is Pending; everything else must succeed.
      else if (s.exitCode !== 0 && !(cmd.includes('grep') && s.exitCode === 1)) fail(`(b) ${cmd} exited ${s.exitCode}`);
    }
    const msB = Date.now() - tB;
    trend.push(`${done}:${rssMb(serverPid).toFixed(0)}`);
    notes.push(`(b) RSS MB by command count: ${trend.join(' ')}`);
    notes.push(`(b) ${done} sequential commands in ${msB} ms (${(msB / Math.max(1, done)).toFixed(1)} ms each): ${Object.entries(kinds).map(([c, n]) => `${n}× ${c}`).join(', ')}`);

    // After: idle, then compare with the baseline.
    ctx.agent.destroy();
    // Idle up to 90 s, stopping as soon as RSS is back near the baseline. Nothing forces a GC (the
    // server has no global.gc): what comes back is what V8 returns on its own. Under load the old
    // space fills with garbage only a full mark-compact frees: on Node 20 every web stream (each
    // request's Request/Response bodies) is a C++-backed object that young-generation GCs keep, so
    // whatever it reaches is promoted. V8's memory reducer runs that mark-compact once the process
    // is idle: measured 29-47 s after the load ends, so the former 20 s wait ended too early.
    const tIdle = Date.now();
    const idleTrace: string[] = [];
    await sleep(3000);
    while (Date.now() - tIdle < IDLE_MAX_MS && rssMb(serverPid) > rssBaseline * 1.1) {
      await sleep(1000);
      if ((Date.now() - tIdle) % 10_000 < 1000) idleTrace.push(`${((Date.now() - tIdle) / 1000).toFixed(0)}s:${rssMb(serverPid).toFixed(0)}`);
    }
    notes.push(`idle ${((Date.now() - tIdle) / 1000).toFixed(0)} s before the after-figures${idleTrace.length ? ` (RSS MB while idle: ${idleTrace.join(' ')})` : ''}`);
    const afterKids = descendants(serverPid);
    const afterFds = fdCount(serverPid);
    const rssAfter = rssMb(serverPid);
    const leakedProcesses = Math.max(0, afterKids.length - baseKids);
    if (leakedProcesses) notes.push(`processes still under the server: ${afterKids.map((p) => `${p} ${cmdline(p).slice(0, 60)}`).join('; ')}`);
    const fdGrowth = afterFds - baseFds;
    const leakedFds = Math.max(0, fdGrowth - FD_TOLERANCE);
    notes.push(`fds ${baseFds} → ${afterFds} (tolerance ${FD_TOLERANCE} for runtime-managed descriptors)`);
    const rssGrowth = (rssAfter - rssBaseline) / rssBaseline;
    notes.push(`RSS ${rssBaseline.toFixed(1)} → peak ${rssPeak.toFixed(1)} → after ${rssAfter.toFixed(1)} MB (${(rssGrowth * 100).toFixed(1)}% vs baseline; target ≤ 10%: ${rssGrowth <= 0.1 ? 'met' : 'MISSED'})`);

    // SIGTERM: the launcher forwards it (start.mjs) or is the server; nothing we started may survive.
    const tStop = Date.now();
    launcher.kill('SIGTERM');
    while ((alive(serverPid) || launcher.exitCode === null) && Date.now() - tStop < 20_000) await sleep(100);
    if (alive(serverPid)) fail('server still running 20 s after SIGTERM');
    else notes.push(`SIGTERM → server gone in ${Date.now() - tStop} ms`);
    await sleep(500);
    const survivors = markedProcesses(marker, stateDir);
    if (!marker) notes.push('note: no child was caught running, so survivors were searched by state dir only');
    if (survivors.length) fail(`processes with our CNI_LAB_CHILD marker survived shutdown: ${survivors.join(', ')}`);
    else notes.push(`no process with CNI_LAB_CHILD=${marker ?? '?'} after shutdown`);

    return { failedRequests: failed, leakedProcesses: leakedProcesses + survivors.length, leakedFds, rssBaselineMb: round(rssBaseline), rssAfterMb: round(rssAfter), rssPeakMb: round(rssPeak), durationMs: Date.now() - t0, notes };
  } finally {
    clearInterval(sampler);
    ctx.agent.destroy();
    if (launcher.exitCode === null) {
      launcher.kill('SIGTERM');
      await sleep(3000);
      if (launcher.exitCode === null) launcher.kill('SIGKILL');
    }
    if (serverPid && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(HERE, 'bench', 'soak.ts')) {
  // Standalone: `npx tsx --conditions=react-server bench/soak.ts [clients] [commands]`
  void soak({ clients: Number(process.argv[2] ?? 50), commands: Number(process.argv[3] ?? 1000) }).then(
    (r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
