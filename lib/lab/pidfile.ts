import 'server-only';
// Mirrors the live process groups into <state>/children.pids so scripts/start.mjs can kill them
// even if this server process dies without running its shutdown hooks (OOM kill, SIGKILL).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { liveGroups } from '../runner/process-groups';
import { stateDir } from './paths';

const KEY = Symbol.for('cni-lab.instance-marker');
type G = typeof globalThis & { [KEY]?: string };

/** A per-launch marker put in every child's environment (CNI_LAB_CHILD) to tell our processes from reused pids. */
export function instanceMarker(): string {
  const g = globalThis as G;
  return (g[KEY] ??= randomBytes(8).toString('hex'));
}

export function syncPidfile(): void {
  const file = path.join(stateDir(), 'children.pids');
  const marker = instanceMarker();
  const lines = [...liveGroups()].map((pgid) => `${pgid} ${marker}`);
  try {
    if (lines.length === 0) {
      fs.rmSync(file, { force: true });
      return;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, `${lines.join('\n')}\n`);
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // Best effort: the in-process shutdown hooks are the first line of defence.
  }
}
