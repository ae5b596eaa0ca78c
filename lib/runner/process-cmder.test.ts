import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessCmder, resolveBinary, liveGroups, killAllChildren } from './process-cmder';
import type { CmdOptions, CommandSpec } from './types';

const FAKE = path.join(__dirname, 'testdata', 'fake-tool.sh');
const fake = new ProcessCmder({ binaries: { kind: FAKE, kubectl: FAKE, docker: FAKE } });
const opts = (o: Partial<CmdOptions> = {}): CmdOptions => ({ timeoutMs: 10_000, maxOutputBytes: 1 << 20, ...o });

function run(cmder: ProcessCmder, spec: CommandSpec, o: Partial<CmdOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cmd = cmder.start(spec, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, opts(o));
  return { cmd, out, err, text: () => out.join(''), errText: () => err.join('') };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const waitFor = async (cond: () => boolean, ms = 6000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return cond();
};

afterEach(() => killAllChildren());

describe('ProcessCmder with real binaries', () => {
  it('runs the real kubectl client', async () => {
    const r = run(new ProcessCmder(), { program: 'kubectl', args: ['version', '--client'] });
    const res = await r.cmd.done;
    expect(res.exitCode).toBe(0);
    expect(r.text()).toMatch(/^Client Version: v1\.\d+/m);
  });

  it('surfaces the real docker error when the daemon is not running', async () => {
    // A socket nobody listens on, so the result does not depend on whether this machine runs dockerd.
    const dead = `unix://${path.join(mkdtempSync(path.join(os.tmpdir(), 'no-docker-')), 'docker.sock')}`;
    const r = run(new ProcessCmder(), { program: 'docker', args: ['version'] }, { env: { DOCKER_HOST: dead } });
    const res = await r.cmd.done;
    expect(r.text()).toMatch(/^Client:/m);
    expect(res.exitCode).toBe(1);
    expect(r.errText()).toMatch(/Cannot connect to the Docker daemon/);
  });

  it('reports a missing binary (ENOENT) in the learner wording', async () => {
    expect(resolveBinary('kind', process.env.PATH)).toBeNull(); // not installed on this machine
    const res = await run(new ProcessCmder(), { program: 'kind', args: ['version'] }).cmd.done;
    expect(res.error).toBe('kind was not found on PATH');
    expect(res.exitCode).toBeNull();
    const gone = new ProcessCmder({ binaries: { kind: '/nonexistent/kind' } });
    expect((await run(gone, { program: 'kind', args: [] }).cmd.done).error).toBe('kind was not found on PATH');
  });

  it('resolves binaries to absolute paths and skips relative PATH entries', () => {
    expect(resolveBinary('kubectl')).toBe('/usr/bin/kubectl');
    expect(resolveBinary('fake-tool.sh', `.:testdata:${path.dirname(FAKE)}`)).toBe(FAKE);
    expect(resolveBinary('../bin/sh', '/usr')).toBeNull();
  });
});

describe('ProcessCmder mechanics (fake binary)', () => {
  it('passes argv verbatim without a shell', async () => {
    const r = run(fake, { program: 'kind', args: ['args', 'x; touch /tmp/pwned-cni-lab', '$(id)', '*'] });
    expect((await r.cmd.done).exitCode).toBe(0);
    expect(r.text()).toBe('[args]\n[x; touch /tmp/pwned-cni-lab]\n[$(id)]\n[*]\n');
    expect(existsSync('/tmp/pwned-cni-lab')).toBe(false);
  });

  it('reports a non-zero exit with stderr', async () => {
    const r = run(fake, { program: 'kubectl', args: ['fail'] });
    const res = await r.cmd.done;
    expect(res).toMatchObject({ exitCode: 3, signal: null, timedOut: false, cancelled: false, truncated: false });
    expect(r.errText()).toBe('error: something failed\n');
  });

  it('feeds stdin', async () => {
    const r = run(fake, { program: 'kubectl', args: ['stdin'] }, { stdin: 'apiVersion: v1\nkind: Pod\n' });
    await r.cmd.done;
    expect(r.text()).toBe('apiVersion: v1\nkind: Pod\n');
  });

  it('decodes UTF-8 split across writes without U+FFFD', async () => {
    const r = run(fake, { program: 'kubectl', args: ['utf8'] });
    await r.cmd.done;
    expect(r.out.length).toBeGreaterThan(1);
    expect(r.text()).toBe('あり\n😊\n');
  });

  it('timeout kills the whole process group, grandchildren included', async () => {
    const r = run(fake, { program: 'kind', args: ['fork', '30'] }, { timeoutMs: 700 });
    await waitFor(() => r.text().includes('grandchild'));
    const grandchild = Number(/grandchild (\d+)/.exec(r.text())![1]);
    expect(alive(grandchild)).toBe(true);
    const res = await r.cmd.done;
    expect(res.timedOut).toBe(true);
    expect(res.signal).toBe('SIGTERM');
    expect(await waitFor(() => !alive(grandchild))).toBe(true);
  });

  it('cancel kills the group; SIGKILL follows when SIGTERM is ignored', async () => {
    const r = run(fake, { program: 'kind', args: ['ignore-term'] });
    await waitFor(() => r.text().includes('ignoring'));
    const started = Date.now();
    r.cmd.cancel();
    const res = await r.cmd.done;
    expect(res.cancelled).toBe(true);
    expect(res.signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });

  it('reaps grandchildren left behind after a normal exit', async () => {
    const r = run(fake, { program: 'kind', args: ['fork-exit'] });
    const res = await r.cmd.done;
    expect(res.exitCode).toBe(0);
    const grandchild = Number(/grandchild (\d+)/.exec(r.text())![1]);
    expect(await waitFor(() => !alive(grandchild))).toBe(true);
  });

  it('registers live groups and clears them when the group is gone', async () => {
    const r = run(fake, { program: 'kind', args: ['sleep', '30'] });
    await waitFor(() => r.text().includes('started'));
    expect(liveGroups().size).toBe(1);
    const [pgid] = liveGroups();
    expect(killAllChildren()).toBe(1);
    await r.cmd.done;
    expect(liveGroups().has(pgid)).toBe(false);
    expect(alive(pgid)).toBe(false);
  });

  it('caps output: forwards at most the cap, appends the marker and kills the writer', async () => {
    const cap = 64 * 1024;
    const r = run(fake, { program: 'kubectl', args: ['flood'] }, { maxOutputBytes: cap });
    const res = await r.cmd.done;
    expect(res.truncated).toBe(true);
    expect(Buffer.byteLength(r.text())).toBe(cap);
    expect(r.errText()).toBe(`\n[output truncated at ${cap} bytes]\n`);
  });

  it('builds an explicit environment from the allowlist plus opts.env', async () => {
    const cmder = new ProcessCmder({
      binaries: { kubectl: FAKE },
      baseEnv: { PATH: '/usr/bin:/bin', HOME: '/home/x', LC_ALL: 'C.UTF-8', NODE_OPTIONS: '--require /tmp/x', AWS_SECRET_ACCESS_KEY: 's', KUBECONFIG: '/home/x/.kube/config' },
    });
    const r = run(cmder, { program: 'kubectl', args: ['env'] }, { env: { KUBECONFIG: '/lab/kubeconfig' } });
    await r.cmd.done;
    const names = r.text().trim().split('\n').map((l) => l.split('=')[0]);
    expect(names.filter((n) => !['PWD', 'SHLVL', '_'].includes(n)).sort()).toEqual(['HOME', 'KUBECONFIG', 'KUBERC', 'LC_ALL', 'PATH', 'TERM']);
    expect(r.text()).toContain('KUBECONFIG=/lab/kubeconfig\n');
    const bad = await fake.start({ program: 'kind', args: ['env'] }, { stdout() {}, stderr() {} }, opts({ env: { LD_PRELOAD: '/x.so' } })).done;
    expect(bad.error).toMatch(/LD_PRELOAD is not allowed/);
  });
});

describe('server exit', () => {
  it('kills live process groups when the Node process exits', async () => {
    const child = path.join(__dirname, 'testdata', 'exit-hook-child.ts');
    // react-server condition: the real 'server-only' package is empty there, as in Next's server.
    const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', child], { encoding: 'utf8', timeout: 20_000, cwd: path.join(__dirname, '..', '..') });
    const grandchild = Number(/grandchild (\d+)/.exec(r.stdout)?.[1]);
    expect(grandchild, r.stderr).toBeGreaterThan(0);
    expect(await waitFor(() => !alive(grandchild))).toBe(true);
  });
});

describe('prototype pollution (security-brief B3)', () => {
  it('ignores Object.prototype.shell/env/cwd during spawn', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cni-lab-proto-'));
    const marker = path.join(dir, 'pwned');
    const proto = Object.prototype as Record<string, unknown>;
    proto.shell = true;
    proto.env = { NODE_OPTIONS: '--require /tmp/x', POLLUTED: '1' };
    proto.cwd = '/';
    proto.stdin = 'polluted stdin';
    proto.binaries = { kubectl: '/bin/false' };
    try {
      const cmder = new ProcessCmder({ binaries: { kubectl: FAKE }, cwd: dir, baseEnv: { PATH: '/usr/bin:/bin' } });
      const r = run(cmder, { program: 'kubectl', args: ['args', `x; touch ${marker}`] });
      const res = await r.cmd.done;
      expect(res, JSON.stringify(res)).toMatchObject({ exitCode: 0 });
      expect(r.text()).toBe(`[args]\n[x; touch ${marker}]\n`);
      const e = run(cmder, { program: 'kubectl', args: ['env'] });
      await e.cmd.done;
      expect(e.text()).not.toContain('POLLUTED');
      expect(e.text()).not.toContain('NODE_OPTIONS');
      expect(e.text()).toContain(`PWD=${dir}\n`);
      // Caller option objects are plain objects too: polluted `env`/`stdin` must not be read.
      const s = run(new ProcessCmder({ binaries: { kubectl: FAKE } }), { program: 'kubectl', args: ['stdin'] });
      expect(await s.cmd.done).toMatchObject({ exitCode: 0 });
      expect(s.text()).toBe('');
    } finally {
      delete proto.shell;
      delete proto.env;
      delete proto.cwd;
      delete proto.stdin;
      delete proto.binaries;
    }
    expect(existsSync(marker)).toBe(false);
    expect(({} as Record<string, unknown>).shell).toBeUndefined();
    expect(readFileSync(FAKE, 'utf8')).toMatch(/^#!\/bin\/bash/);
  });
});
