// Detects Docker (CLI and daemon), kind and kubectl with versions. Side effects go through an
// injectable `exec` so the logic is tested with fake binaries and the real ones alike.
import { execFile } from 'node:child_process';
import type { DoctorReport, ToolStatus } from '../api/contract';
import { installHint } from './hints';
import { findOnPath } from './which';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}
export type Exec = (file: string, args: string[]) => Promise<ExecResult>;

const OUTPUT_CAP = 64 * 1024;

/** Runs a program without a shell, with a timeout and a small explicit environment. */
export const realExec: Exec = (file, args) =>
  new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = Object.assign(Object.create(null) as NodeJS.ProcessEnv, {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
      ...(process.env.KIND_EXPERIMENTAL_PROVIDER ? { KIND_EXPERIMENTAL_PROVIDER: process.env.KIND_EXPERIMENTAL_PROVIDER } : {}),
    });
    execFile(file, args, { shell: false, timeout: 8000, maxBuffer: OUTPUT_CAP, env, windowsHide: true, encoding: 'utf8' }, (err, stdout, stderr) => {
      // err.code is the exit status for a finished process, a string (ENOENT…) for a spawn failure.
      const raw = err ? (err as { code?: unknown }).code : 0;
      const code = typeof raw === 'number' ? raw : err ? null : 0;
      resolve({ code: err && code === null ? 1 : code, stdout, stderr, error: err && typeof raw !== 'number' ? err.message : undefined });
    });
  });

function platformOf(p: NodeJS.Platform): DoctorReport['platform'] {
  return p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other';
}

const firstLine = (s: string) => s.trim().split('\n')[0]?.trim() ?? '';

async function probeKubectl(exec: Exec, path: string | undefined): Promise<ToolStatus> {
  if (!path) return { found: false };
  const r = await exec(path, ['version', '--client', '-o', 'json']);
  try {
    const v = JSON.parse(r.stdout) as { clientVersion?: { gitVersion?: string } };
    if (v.clientVersion?.gitVersion) return { found: true, path, version: v.clientVersion.gitVersion };
  } catch {
    /* fall through to the error below */
  }
  return { found: true, path, error: firstLine(r.stderr) || 'kubectl did not report a version' };
}

async function probeKind(exec: Exec, path: string | undefined): Promise<ToolStatus> {
  if (!path) return { found: false };
  const r = await exec(path, ['version']);
  const m = /kind (v\d+\.\d+\.\d+\S*)/.exec(r.stdout);
  return m ? { found: true, path, version: m[1] } : { found: true, path, error: firstLine(r.stderr) || 'kind did not report a version' };
}

async function probeDocker(exec: Exec, path: string | undefined): Promise<DoctorReport['docker']> {
  if (!path) return { cli: { found: false }, daemon: { running: false, error: 'docker is not installed' } };
  const cli = await exec(path, ['version', '--format', '{{.Client.Version}}']);
  const version = firstLine(cli.stdout) || undefined;
  const info = await exec(path, ['info', '--format', '{{.ServerVersion}}']);
  const serverVersion = firstLine(info.stdout);
  const running = info.code === 0 && serverVersion !== '' && !serverVersion.startsWith('<no value>');
  return {
    cli: { found: true, path, version },
    daemon: running ? { running, version: serverVersion } : { running: false, error: firstLine(info.stderr) || firstLine(info.stdout) || 'the Docker daemon did not answer' },
  };
}

export interface DetectOptions {
  exec?: Exec;
  which?: (name: string) => string | undefined;
  platform?: NodeJS.Platform;
  override?: 'live' | 'sim';
  now?: () => number;
}

export async function detect(opts: DetectOptions = {}): Promise<DoctorReport> {
  const exec = opts.exec ?? realExec;
  const which = opts.which ?? ((n: string) => findOnPath(n));
  const platform = platformOf(opts.platform ?? process.platform);
  const [docker, kind, kubectl] = await Promise.all([probeDocker(exec, which('docker')), probeKind(exec, which('kind')), probeKubectl(exec, which('kubectl'))]);
  const liveAvailable = docker.daemon.running && kind.found && !kind.error && kubectl.found && !kubectl.error;
  const hints: DoctorReport['hints'] = [];
  if (!docker.cli.found) hints.push(installHint('docker', platform));
  else if (!docker.daemon.running) hints.push(installHint('docker', platform, true));
  if (!kind.found) hints.push(installHint('kind', platform));
  if (!kubectl.found) hints.push(installHint('kubectl', platform));
  const mode = opts.override ?? (liveAvailable ? 'live' : 'sim');
  return {
    platform,
    docker,
    kind,
    kubectl,
    mode,
    modeReason: opts.override ? 'override' : liveAvailable ? 'auto-live' : 'auto-sim',
    liveAvailable,
    hints,
    checkedAt: (opts.now ?? Date.now)(),
  };
}
