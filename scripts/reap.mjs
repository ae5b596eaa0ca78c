// Kills process groups recorded in <stateDir>/children.pids by a server that is no longer running.
// The server records each child's pgid there (lib/lab/pidfile.ts) and removes it when the child ends.
import fs from 'node:fs';
import path from 'node:path';

function isOurs(pid, marker) {
  // Guard against pid reuse: the recorded process must still carry our per-launch marker.
  try {
    const env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
    return env.split('\0').includes(`CNI_LAB_CHILD=${marker}`);
  } catch {
    return process.platform !== 'linux';
  }
}

export function reapRecordedChildren(stateDir) {
  const file = path.join(stateDir, 'children.pids');
  let lines;
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return 0;
  }
  let count = 0;
  for (const line of lines) {
    const [pidText, marker] = line.split(' ');
    const pid = Number(pidText);
    if (!Number.isInteger(pid) || pid <= 1 || !marker) continue;
    if (!isOurs(pid, marker)) continue;
    try {
      process.kill(-pid, 'SIGKILL');
      count++;
    } catch {
      /* already gone */
    }
  }
  fs.rmSync(file, { force: true });
  return count;
}
