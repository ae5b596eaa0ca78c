// Live-mode cluster state against a real Docker daemon. The fixtures are node containers labelled the
// way kind's docker provider labels them, left as a `kind create cluster` stopped mid-way leaves them:
// some nodes created, others never made. No image can be pulled here, so they come from an empty
// imported image and are never started (kind's `docker ps -a` lists such containers too).
// Without a reachable daemon the daemon suite is skipped with the reason printed; with
// CNI_LAB_REQUIRE_DOCKER=1 (CI with Docker set up) that becomes a failure instead.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../doctor/which';
import { clusterState } from './cluster-state';

// kind's own keys (pkg/cluster/internal/providers/docker/constants.go), spelled out rather than
// imported so a wrong key in cluster-state.ts fails here.
const CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
const ROLE_LABEL = 'io.x-k8s.kind.role';

const docker = findOnPath('docker');

function run(args: string[], input?: Buffer) {
  const r = spawnSync(docker!, args, { input, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout.trim();
}

function daemonProblem(): string | undefined {
  if (!docker) return 'no docker CLI on PATH';
  const r = spawnSync(docker, ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 15_000 });
  if (r.status === 0 && r.stdout.trim() && !r.stdout.includes('<no value>')) return undefined;
  return `the Docker daemon did not answer: ${(r.stderr || r.error?.message || r.stdout || '').trim().split('\n')[0]}`;
}

const skipReason = daemonProblem();
if (skipReason) console.warn(`[cluster-state.live.test] real-daemon tests SKIPPED: ${skipReason}`);

it.runIf(Boolean(skipReason) && process.env.CNI_LAB_REQUIRE_DOCKER === '1')('a Docker daemon is reachable (CNI_LAB_REQUIRE_DOCKER=1)', () => {
  expect.fail(skipReason);
});

describe.skipIf(Boolean(skipReason))(`live cluster state against a real Docker daemon${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const name = `cnilab-t${process.pid}-${randomBytes(3).toString('hex')}`;
  const image = `cnilab-test-empty:${name}`;
  const made: string[] = [];

  function create(container: string, labels: Record<string, string>) {
    const flags = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    // kind also passes --hostname <node> (and --net kind, left out: a test must not make kind's network).
    run(['create', '--name', container, '--hostname', container, ...flags, image, '/never-started']);
    made.push(container);
  }

  beforeAll(() => {
    // Two zero blocks: an empty tar archive, imported as a local image without any registry.
    run(['import', '-', image], Buffer.alloc(1024));
    // What a create killed during "Preparing nodes" leaves: the control-plane and the first worker
    // exist, the second worker was never made.
    create(`${name}-control-plane`, { [CLUSTER_LABEL]: name, [ROLE_LABEL]: 'control-plane' });
    create(`${name}-worker`, { [CLUSTER_LABEL]: name, [ROLE_LABEL]: 'worker' });
    // Look-alikes kind would not count as this cluster's nodes.
    create(`${name}-worker3`, {}); // the right name, no label
    create(`${name}x-control-plane`, { [CLUSTER_LABEL]: `${name}x`, [ROLE_LABEL]: 'control-plane' }); // another cluster
    create(`${name}-legacy`, { 'io.k8s.sigs.kind.cluster': name }); // the key kind stopped using in 0.6
  });

  afterAll(() => {
    // Some were removed by a test already; docker reports those and removes the rest.
    spawnSync(docker!, ['rm', '-f', '-v', ...made], { timeout: 30_000 });
    run(['rmi', image]);
  });

  it('reports exactly the node containers the half-finished create left, never-started ones included', async () => {
    expect(run(['ps', '-q', '--filter', `label=${CLUSTER_LABEL}=${name}`])).toBe(''); // none is running
    expect(await clusterState('live', name)).toStrictEqual({ exists: true, nodes: [`${name}-control-plane`, `${name}-worker`] });
    expect(await clusterState('live', `${name}x`)).toStrictEqual({ exists: true, nodes: [`${name}x-control-plane`] });
  });

  it('reports exists:false, without an error, for a cluster with no containers', async () => {
    expect(await clusterState('live', `${name}-absent`)).toStrictEqual({ exists: false, nodes: [] });
  });

  it('reads the daemon each time: removing the nodes (as kind delete cluster does) shows it gone', async () => {
    run(['rm', '-f', '-v', `${name}-worker`]);
    expect(await clusterState('live', name)).toStrictEqual({ exists: true, nodes: [`${name}-control-plane`] });
    run(['rm', '-f', '-v', `${name}-control-plane`]);
    expect(await clusterState('live', name)).toStrictEqual({ exists: false, nodes: [] });
  });
});

describe('live cluster state when Docker cannot answer', () => {
  function withEnv<T>(key: string, value: string, f: () => Promise<T>): Promise<T> {
    const before = process.env[key];
    process.env[key] = value;
    return f().finally(() => {
      if (before === undefined) delete process.env[key];
      else process.env[key] = before;
    });
  }

  it.skipIf(!docker)(`gives docker's own error when the daemon is not reachable${docker ? '' : ' (skipped: no docker CLI on PATH)'}`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-nodaemon-'));
    const s = await withEnv('DOCKER_HOST', `unix://${path.join(dir, 'docker.sock')}`, () => clusterState('live', 'kind'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(s.exists).toBe(false);
    expect(s.nodes).toEqual([]);
    // DOCKER_HOST reaches the child through the runner's explicit environment, and the first line
    // of docker's message is what the learner sees.
    expect(s.error).toMatch(/^Cannot connect to the Docker daemon at unix:\/\/.*docker\.sock\. Is the docker daemon running\?$/);
  });

  it('says docker is not installed when there is no docker on PATH', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-nopath-'));
    const s = await withEnv('PATH', empty, () => clusterState('live', 'kind'));
    fs.rmSync(empty, { recursive: true, force: true });
    expect(s).toStrictEqual({ exists: false, nodes: [], error: 'docker is not installed' });
  });
});
