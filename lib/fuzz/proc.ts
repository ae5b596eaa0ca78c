// Process inspection through /proc (Linux) for the soak benchmark: descendants, fds, RSS, and
// processes that carry the lab's child marker in their environment.
import fs from 'node:fs';

export function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      for (const c of fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch {
      /* task ended */
    }
  }
  return out;
}

export function descendants(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children(queue.shift()!)) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

export const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};
export const environ = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return [];
  }
};
export const fdCount = (pid: number) => {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return -1;
  }
};
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
export const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(safeRead(`/proc/${pid}/stat`));
function safeRead(p: string): string {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

/** Every process on the machine whose environment carries this launch's child marker or our state dir. */
export function markedProcesses(marker: string | undefined, stateDir: string): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    const env = environ(Number(d));
    if ((marker && env.includes(`CNI_LAB_CHILD=${marker}`)) || env.some((e) => e.startsWith('CNI_LAB_CHILD=') && env.some((x) => x.includes(stateDir)))) out.push(Number(d));
  }
  return out;
}
