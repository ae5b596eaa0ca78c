import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect, realExec, type Exec } from './detect';
import { findOnPath } from './which';

describe('detect with the real tools on this machine', () => {
  it('finds the real kubectl and reports its client version', async () => {
    const report = await detect();
    expect(report.kubectl.found).toBe(true);
    expect(report.kubectl.version).toMatch(/^v1\.\d+\.\d+/);
  });

  it('reports the real Docker daemon state and picks the simulator when live is impossible', async () => {
    const report = await detect();
    if (!report.docker.cli.found) {
      expect(report.hints.some((h) => h.tool === 'docker')).toBe(true);
    } else if (!report.docker.daemon.running) {
      // The daemon error must be docker's own words, not an invented one.
      expect(report.docker.daemon.error).toMatch(/daemon|docker/i);
    }
    if (!report.liveAvailable) {
      expect(report.mode).toBe('sim');
      expect(report.modeReason).toBe('auto-sim');
    }
  });
});

describe('detect with fake binaries', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-doctor-'));
  const script = (name: string, body: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return p;
  };
  const docker = script('docker', 'if [ "$1" = version ]; then echo 28.2.2; else echo 28.2.2; fi');
  const kind = script('kind', 'echo "kind v0.32.0 go1.26.3 linux/amd64"');
  const kubectl = script('kubectl', `echo '{"clientVersion":{"gitVersion":"v1.36.1"}}'`);
  const which = (n: string) => ({ docker, kind, kubectl })[n as 'docker'];

  it('chooses live when all three tools work', async () => {
    const r = await detect({ which, exec: realExec, platform: 'linux' });
    expect(r).toMatchObject({ mode: 'live', modeReason: 'auto-live', liveAvailable: true });
    expect(r.kind.version).toBe('v0.32.0');
    expect(r.kubectl.version).toBe('v1.36.1');
    expect(r.docker.daemon).toEqual({ running: true, version: '28.2.2' });
    expect(r.hints).toEqual([]);
  });

  it('honours an override', async () => {
    const r = await detect({ which, exec: realExec, override: 'sim' });
    expect(r).toMatchObject({ mode: 'sim', modeReason: 'override', liveAvailable: true });
  });

  it('explains a missing kind per OS', async () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const r = await detect({ which: (n) => (n === 'kind' ? undefined : which(n)), exec: realExec, platform });
      expect(r.mode).toBe('sim');
      const hint = r.hints.find((h) => h.tool === 'kind');
      expect(hint?.url).toMatch(/^https:\/\/kind\.sigs\.k8s\.io\//);
      expect(hint?.text.en.length).toBeGreaterThan(10);
      expect(hint?.text.ja.length).toBeGreaterThan(5);
    }
  });

  it('tells a stopped daemon apart from a missing CLI', async () => {
    const down = script('docker-down', 'if [ "$1" = version ]; then echo 28.2.2; exit 0; fi; echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1');
    const r = await detect({ which: (n) => (n === 'docker' ? down : which(n)), exec: realExec, platform: 'linux' });
    expect(r.docker.cli).toMatchObject({ found: true, version: '28.2.2' });
    expect(r.docker.daemon.running).toBe(false);
    expect(r.docker.daemon.error).toContain('Cannot connect to the Docker daemon');
    expect(r.hints.map((h) => h.tool)).toEqual(['docker']);
    expect(r.liveAvailable).toBe(false);
  });

  it('survives a tool that prints garbage', async () => {
    const bad = script('kubectl-bad', 'echo not json; echo "boom" >&2; exit 3');
    const exec: Exec = realExec;
    const r = await detect({ which: (n) => (n === 'kubectl' ? bad : which(n)), exec });
    expect(r.kubectl).toMatchObject({ found: true, error: 'boom' });
    expect(r.liveAvailable).toBe(false);
  });
});

describe('findOnPath', () => {
  it('resolves absolute executables and skips relative PATH entries', () => {
    expect(findOnPath('sh', '/bin:/usr/bin')).toMatch(/^\/(usr\/)?bin\/sh$/);
    expect(findOnPath('sh', 'bin:.')).toBeUndefined();
    expect(findOnPath('definitely-not-a-program-xyz', '/bin')).toBeUndefined();
    expect(findOnPath('../bin/sh', '/usr')).toBeUndefined();
  });

  it('finds a tool installed after a miss (the doctor Re-check)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-which-'));
    expect(findOnPath('kind', dir)).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'kind'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findOnPath('kind', dir)).toBe(path.join(dir, 'kind'));
  });
});
