// Bounded fuzz run over every target in lib/fuzz (`npm run bench` wires it in). Each target runs in
// its own child process with a hard deadline: a catastrophic regex or a V8 fatal error in a target
// must not take the bench down or overrun the budget; it becomes a reported failure instead.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { FuzzTarget } from '../lib/fuzz/target';
import type { TargetReport } from '../lib/fuzz/run-target';

export type FuzzReport = TargetReport;

const TARGETS = ['runner.parse', 'runner.grep', 'kindconfig', 'lessons.validate', 'security.guard', 'sim.api'] as const;
type TargetName = (typeof TARGETS)[number];
/** Share of the budget per target (the HTTP target is slowest per input). */
const SHARE: Record<TargetName, number> = { 'runner.parse': 0.15, 'runner.grep': 0.1, kindconfig: 0.2, 'lessons.validate': 0.15, 'security.guard': 0.1, 'sim.api': 0.3 };
const GRACE_MS = 15_000;

async function loadTarget(name: TargetName): Promise<{ target: FuzzTarget<unknown>; close?: () => Promise<void> }> {
  switch (name) {
    case 'runner.parse':
      return { target: (await import('../lib/fuzz/parse-target')).parseTarget as FuzzTarget<unknown> };
    case 'runner.grep':
      return { target: (await import('../lib/fuzz/grep-target')).grepTarget as FuzzTarget<unknown> };
    case 'kindconfig':
      return { target: (await import('../lib/fuzz/kindconfig-target')).kindConfigTarget as FuzzTarget<unknown> };
    case 'lessons.validate':
      return { target: (await import('../lib/fuzz/lesson-target')).lessonTarget as FuzzTarget<unknown> };
    case 'security.guard':
      return { target: (await import('../lib/fuzz/guard-target')).guardTarget as FuzzTarget<unknown> };
    case 'sim.api': {
      const t = await (await import('../lib/fuzz/sim-api-target')).startSimApiTarget();
      return { target: t.target as FuzzTarget<unknown>, close: t.close };
    }
  }
}

/** Child side: run one target for `ms`, print progress lines and a final JSON report. */
async function child(name: TargetName, ms: number): Promise<void> {
  const { searchTarget } = await import('../lib/fuzz/run-target');
  const { target, close } = await loadTarget(name);
  let inputs = 0;
  const counted: FuzzTarget<unknown> = {
    ...target,
    check: (x) => {
      inputs++;
      return target.check(x);
    },
  };
  const tick = setInterval(() => process.stdout.write(`PROGRESS ${inputs}\n`), 500);
  const report = await searchTarget(counted, ms);
  clearInterval(tick);
  await close?.();
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
  process.exit(0);
}

function runChild(name: TargetName, ms: number): Promise<FuzzReport> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', __filenameOf(), '--child', name, String(ms)], {
      cwd: path.join(import.meta.dirname, '..'),
      // Deep-nesting inputs go past the quick tests' cap here (see lib/fuzz/sim-api-target.ts).
      env: { ...process.env, FUZZ_DEEP: '20000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let progress = 0;
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      for (const m of d.matchAll(/PROGRESS (\d+)/g)) progress = Number(m[1]);
    });
    proc.stderr.setEncoding('utf8').on('data', (d: string) => {
      err = (err + d).slice(-4000);
    });
    const killer = setTimeout(() => proc.kill('SIGKILL'), ms + GRACE_MS);
    proc.on('close', (code, signal) => {
      clearTimeout(killer);
      const line = out.split('\n').find((l) => l.startsWith('REPORT '));
      if (line) return resolve(JSON.parse(line.slice(7)) as FuzzReport);
      const why = signal === 'SIGKILL' ? `did not finish within ${ms + GRACE_MS} ms (hang: killed)` : `fuzz process died (${signal ?? `exit ${code}`})`;
      resolve({ target: name, inputs: progress, failures: [{ input: '(unknown: the process died; see error)', error: `${why}: ${err.trim().split('\n').slice(0, 6).join(' | ').slice(0, 600)}` }] });
    });
  });
}

function __filenameOf(): string {
  return path.join(import.meta.dirname, 'fuzz.ts');
}

/** Fuzzes every target for about `seconds` in total and returns what was tried and found. */
export async function fuzzRun(opts: { seconds: number }): Promise<FuzzReport[]> {
  const totalMs = Math.max(5, opts.seconds) * 1000;
  const out: FuzzReport[] = [];
  // Targets run one after another: the machine has two cores and other work to do.
  for (const name of TARGETS) out.push(await runChild(name, Math.round(totalMs * SHARE[name])));
  return out;
}

if (process.argv.includes('--child')) {
  const i = process.argv.indexOf('--child');
  void child(process.argv[i + 1] as TargetName, Number(process.argv[i + 2]));
} else if (process.argv[1] && path.resolve(process.argv[1]) === __filenameOf()) {
  // Standalone: `npx tsx bench/fuzz.ts [seconds]`
  void fuzzRun({ seconds: Number(process.argv[2] ?? 60) }).then((r) => {
    console.log(JSON.stringify(r, null, 2));
    process.exit(0);
  });
}
