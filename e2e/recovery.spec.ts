// Reliability: kill the server (SIGKILL, no shutdown hooks) in the middle of `kind create cluster`,
// start it again, and find the interrupted creation explained with the cluster's true state, then
// create it again. Runs its own server (simulator mode, realistic pace) on a separate port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './env';

const PORT = 3231;
const HOST = `127.0.0.1:${PORT}`;
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-recovery-'));

function start(): ChildProcess {
  // One process (tsx as a loader): SIGKILL must hit the server itself, as a crash would.
  return spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: { ...process.env, PORT: String(PORT), CNI_LAB_TOKEN: E2E_TOKEN, CNI_LAB_STATE_DIR: stateDir, CNI_LAB_MODE: 'sim', CNI_LAB_SIM_PACE: 'realistic', NODE_ENV: 'production' },
    stdio: 'ignore',
  });
}

function call(method: string, p: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: PORT, method, path: p, headers: { host: HOST, authorization: `Bearer ${E2E_TOKEN}`, ...(data ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) } : {}) } },
      (res) => {
        let s = '';
        res.on('data', (c) => (s += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: s ? JSON.parse(s) : null }));
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

async function waitHealthy() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await call('GET', '/api/health')).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

async function waitJob(id: string) {
  for (let i = 0; i < 120; i++) {
    const jobs = (await call('GET', '/api/runs')).json as Array<{ jobId: string; state: string; exitCode?: number | null }>;
    const j = jobs.find((x) => x.jobId === id);
    if (j && j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('job did not finish');
}

test('a create interrupted by a server crash is found and explained after a restart', async () => {
  test.setTimeout(120_000);
  let server = start();
  try {
    await waitHealthy();
    const run = await call('POST', '/api/runs', { command: 'kind create cluster --config kind-1m3w-nocni.yaml --name test', lessonId: 'kind-without-cni' });
    expect(run.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500)); // mid-create at realistic pace
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));

    server = start();
    await waitHealthy();
    const items = (await call('GET', '/api/lab/interrupted')).json as Array<{ name: string; mode: string; command: string; state: { exists: boolean } }>;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: 'test', mode: 'sim', command: 'kind create cluster --config kind-1m3w-nocni.yaml --name test' });
    expect(items[0].state.exists).toBe(false); // the half-made simulated cluster never came back

    const again = await call('POST', '/api/runs', { command: items[0].command, lessonId: 'kind-without-cni' });
    expect(again.status).toBe(201);
    expect((await waitJob((again.json as { jobId: string }).jobId)).exitCode).toBe(0);
    expect((await call('GET', '/api/lab/interrupted')).json).toEqual([]);
  } finally {
    server.kill('SIGTERM');
  }
});

test('a cancelled create is reported with what is left, and cleaning up clears it', async () => {
  test.setTimeout(120_000);
  const server = start();
  try {
    await waitHealthy();
    const run = await call('POST', '/api/runs', { command: 'kind create cluster --name cancelled' });
    const id = (run.json as { jobId: string }).jobId;
    await new Promise((r) => setTimeout(r, 1000));
    expect((await call('POST', `/api/runs/${id}/cancel`, {})).status).toBe(200);
    await waitJob(id);
    const items = (await call('GET', '/api/lab/interrupted')).json as Array<{ name: string; ended?: string }>;
    expect(items.find((i) => i.name === 'cancelled')).toMatchObject({ ended: 'cancelled' });
    expect((await call('POST', '/api/lab/interrupted', { name: 'cancelled' })).status).toBe(200);
    expect(((await call('GET', '/api/lab/interrupted')).json as unknown[]).length).toBe(0);
  } finally {
    server.kill('SIGTERM');
  }
});
