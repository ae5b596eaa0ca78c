// Reliability, live mode: the server stopped during a real `kind create cluster` and is started again.
// What kind left behind is in a real Docker daemon: node containers labelled the way kind's docker
// provider labels them (made here from an empty imported image; nothing can be pulled and they are
// never started). The lab must find them and name them in the banner. Skipped, with the reason,
// when no Docker daemon answers. Runs its own server (CNI_LAB_MODE=live) on a separate port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './env';

const PORT = 3241;
const BASE = `http://127.0.0.1:${PORT}`;
// kind's own keys (pkg/cluster/internal/providers/docker/constants.go).
const CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
const ROLE_LABEL = 'io.x-k8s.kind.role';

function docker(args: string[], input?: Buffer) {
  const r = spawnSync('docker', args, { input, encoding: 'utf8', timeout: 30_000 });
  return { ok: r.status === 0, out: (r.stdout ?? '').trim(), err: (r.stderr || r.error?.message || '').trim() };
}

function daemonProblem(): string | undefined {
  const r = docker(['info', '--format', '{{.ServerVersion}}']);
  return r.ok && r.out && !r.out.includes('<no value>') ? undefined : `no Docker daemon answers: ${r.err.split('\n')[0] || 'docker is not installed'}`;
}

const skipReason = daemonProblem();
if (skipReason) console.warn(`[recovery-live.spec] SKIPPED: ${skipReason}`);
const suffix = randomBytes(3).toString('hex');
const left = `cnilab-e2e-${suffix}`; // its create left three of four nodes
const gone = `cnilab-e2e-${suffix}-gone`; // its create left nothing
const image = `cnilab-e2e-empty:${suffix}`;
const made: string[] = [];

function createNode(node: string, cluster: string, role: string) {
  const r = docker(['create', '--name', node, '--hostname', node, '--label', `${CLUSTER_LABEL}=${cluster}`, '--label', `${ROLE_LABEL}=${role}`, image, '/never-started']);
  if (!r.ok) throw new Error(`docker create ${node}: ${r.err}`);
  made.push(node);
}

/** The marker lib/lab/run.ts writes when a live create starts, as a crash leaves it (no `ended`). */
function writeMarker(stateDir: string, name: string) {
  const dir = path.join(stateDir, 'creating');
  fs.mkdirSync(dir, { recursive: true });
  const command = `kind create cluster --config kind-1m3w-nocni.yaml --name ${name}`;
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ name, mode: 'live', command, lessonId: 'kind-without-cni', startedAt: Date.now() - 60_000 }));
}

function get(p: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, method: 'GET', path: p, headers: { host: `127.0.0.1:${PORT}`, authorization: `Bearer ${E2E_TOKEN}` } }, (res) => {
      let s = '';
      res.on('data', (c) => (s += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: s ? JSON.parse(s) : null }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitHealthy(server: ChildProcess) {
  for (let i = 0; i < 120 && server.exitCode === null; i++) {
    try {
      if ((await get('/api/health')).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

test.describe('live mode: an interrupted kind create is found in Docker after a restart', () => {
  test.skip(Boolean(skipReason), skipReason);

  let server: ChildProcess | undefined;
  let stateDir = '';

  test.beforeAll(() => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-recovery-live-'));
    const imported = docker(['import', '-', image], Buffer.alloc(1024)); // an empty tar archive
    if (!imported.ok) throw new Error(`docker import: ${imported.err}`);
    createNode(`${left}-control-plane`, left, 'control-plane');
    createNode(`${left}-worker`, left, 'worker');
    createNode(`${left}-worker2`, left, 'worker'); // -worker3 was never made
    writeMarker(stateDir, left);
    writeMarker(stateDir, gone);
    server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      env: { ...process.env, PORT: String(PORT), CNI_LAB_TOKEN: E2E_TOKEN, CNI_LAB_STATE_DIR: stateDir, CNI_LAB_MODE: 'live', NODE_ENV: 'production' },
      stdio: 'ignore',
    });
  });

  test.afterAll(() => {
    server?.kill('SIGTERM');
    if (made.length) docker(['rm', '-f', '-v', ...made]);
    docker(['rmi', image]);
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  });

  test('the API reports the containers Docker holds for each interrupted create', async () => {
    test.setTimeout(120_000);
    await waitHealthy(server!);
    const items = (await get('/api/lab/interrupted')).json as Array<{ name: string; mode: string; state: { exists: boolean; nodes: string[]; error?: string } }>;
    expect(items.map((i) => i.name).sort()).toEqual([left, gone].sort());
    expect(items.find((i) => i.name === left)).toMatchObject({ mode: 'live', state: { exists: true, nodes: [`${left}-control-plane`, `${left}-worker`, `${left}-worker2`] } });
    expect(items.find((i) => i.name === gone)?.state).toStrictEqual({ exists: false, nodes: [] });
  });

  test('the banner names the leftover node containers and offers to delete them', async ({ page }) => {
    test.setTimeout(120_000);
    await waitHealthy(server!);
    await page.goto(`${BASE}/?lang=en#k=${E2E_TOKEN}`);
    await expect(page.getByTestId('mode-badge')).toHaveAttribute('data-mode', 'live');
    const banner = page.getByTestId('interrupted-banner');
    const leftRow = banner.locator('div', { hasText: `"${left}" was interrupted` });
    await expect(leftRow).toContainText(`Creating the cluster "${left}" was interrupted when the lab stopped.`);
    await expect(leftRow).toContainText(`What is left: 3 node(s) (${left}-control-plane, ${left}-worker, ${left}-worker2)`);
    await expect(leftRow.getByRole('button', { name: `Delete "${left}" (kind delete cluster)` })).toBeVisible();
    const goneRow = banner.locator('div', { hasText: `"${gone}" was interrupted` });
    await expect(goneRow).toContainText('Nothing of it is left.');
    await expect(goneRow.getByRole('button', { name: 'Create it again' })).toBeVisible();

    // Dismissing forgets the marker only; the containers stay until the learner deletes them.
    await goneRow.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).not.toContainText(gone);
    await expect(banner).toContainText(`${left}-worker2`);
    expect(docker(['ps', '-aq', '--filter', `label=${CLUSTER_LABEL}=${left}`]).out.split('\n')).toHaveLength(3);

    await page.goto(`${BASE}/?lang=ja#k=${E2E_TOKEN}`);
    await expect(page.getByTestId('interrupted-banner')).toContainText(`残っているもの: ノード 3 台(${left}-control-plane, ${left}-worker, ${left}-worker2)`);
  });
});

// Needs no daemon: Docker is pointed at a socket nobody listens on (or is missing altogether).
test.describe('live mode: when Docker cannot be read, the banner says so and offers to look again', () => {
  const PORT2 = 3242;
  let server: ChildProcess | undefined;
  let stateDir = '';
  const name = `cnilab-e2e-${suffix}-unknown`;

  test.beforeAll(() => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-recovery-unknown-'));
    writeMarker(stateDir, name);
    server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      env: { ...process.env, PORT: String(PORT2), CNI_LAB_TOKEN: E2E_TOKEN, CNI_LAB_STATE_DIR: stateDir, CNI_LAB_MODE: 'live', NODE_ENV: 'production', DOCKER_HOST: `unix://${path.join(stateDir, 'no-docker.sock')}` },
      stdio: 'ignore',
    });
  });

  test.afterAll(() => {
    server?.kill('SIGTERM');
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  });

  test('no "Create it again" while the state is unknown', async ({ page }) => {
    test.setTimeout(120_000);
    const base = `http://127.0.0.1:${PORT2}`;
    await expect.poll(() => fetch(`${base}/api/health`).then((r) => r.status, () => 0), { timeout: 90_000 }).toBe(200);
    await page.goto(`${base}/?lang=en#k=${E2E_TOKEN}`);
    const row = page.getByTestId('interrupted-banner').locator('div', { hasText: `"${name}" was interrupted` });
    // Docker's own first line: "Cannot connect to the Docker daemon at unix://…" (or "docker is not installed").
    await expect(row).toContainText(/Its state could not be read: (Cannot connect to the Docker daemon at unix:\/\/.*no-docker\.sock|docker is not installed)/);
    await expect(row.getByRole('button', { name: 'Check again' })).toBeVisible();
    await expect(row.getByRole('button', { name: 'Create it again' })).toHaveCount(0);
    await row.getByRole('button', { name: 'Check again' }).click();
    await expect(row).toContainText('Its state could not be read');
  });
});
