import 'server-only';
// Process-wide registry of live child process groups, on globalThis so Next's dev reloads and
// several module copies share one set and a shutdown hook can end them all.
const KEY = Symbol.for('cni-lab.children');

export function liveGroups(): Set<number> {
  const g = globalThis as unknown as Record<symbol, Set<number> | undefined>;
  return (g[KEY] ??= new Set<number>());
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** Signals every live group (SIGKILL by default: meant for server shutdown). */
export function killAllChildren(signal: NodeJS.Signals = 'SIGKILL'): number {
  const groups = liveGroups();
  const n = groups.size;
  for (const pgid of groups) killGroup(pgid, signal);
  if (signal === 'SIGKILL') groups.clear();
  return n;
}

/**
 * Kills every live group when the server process exits (next start turns SIGINT/SIGTERM into
 * process.exit, which runs 'exit' listeners). Installed once per process.
 */
export function installExitHook(): void {
  const g = globalThis as unknown as Record<symbol, boolean | undefined>;
  const key = Symbol.for('cni-lab.children.exit-hook');
  if (g[key]) return;
  g[key] = true;
  process.on('exit', () => killAllChildren('SIGKILL'));
}
