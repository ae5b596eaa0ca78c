// Stops every process and simulated cluster the lab started. Reads process-wide registries kept on
// globalThis (the Next route bundles and server.ts are different module instances in one process).

const CHILDREN = Symbol.for('cni-lab.children');
const SHUTDOWN_HOOKS = Symbol.for('cni-lab.shutdown-hooks');

type G = typeof globalThis & { [CHILDREN]?: Set<number>; [SHUTDOWN_HOOKS]?: Set<() => Promise<void> | void> };

/** Registers work to do at shutdown (e.g. flushing the simulator's state to disk). */
export function onShutdown(hook: () => Promise<void> | void): void {
  const g = globalThis as G;
  (g[SHUTDOWN_HOOKS] ??= new Set()).add(hook);
}

export function killAllProcessGroups(signal: NodeJS.Signals = 'SIGKILL'): number {
  const set = (globalThis as G)[CHILDREN];
  if (!set) return 0;
  let n = 0;
  for (const pgid of set) {
    try {
      process.kill(-pgid, signal);
      n++;
    } catch {
      /* already gone */
    }
  }
  set.clear();
  return n;
}

export async function stopEverything(): Promise<void> {
  killAllProcessGroups('SIGTERM');
  const hooks = (globalThis as G)[SHUTDOWN_HOOKS];
  if (hooks) {
    await Promise.race([
      Promise.allSettled([...hooks].map(async (h) => h())),
      new Promise((r) => setTimeout(r, 3000)),
    ]);
  }
  killAllProcessGroups('SIGKILL');
}
