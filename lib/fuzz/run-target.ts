// Drives a FuzzTarget with fast-check: property checks for vitest, and a time-bounded search that
// collects several distinct (shrunk) counterexamples for the bench.
import fc from 'fast-check';
import type { FuzzTarget } from './target';

function property<T>(t: FuzzTarget<T>, count: { n: number }) {
  return fc.asyncProperty(t.arbitrary, async (input) => {
    count.n++;
    const why = await t.check(input);
    if (why) throw new Error(why);
  });
}

/** For vitest: throws with fast-check's report (seed, path, shrunk counterexample) on the first failure. */
export async function assertTarget<T>(t: FuzzTarget<T>, numRuns: number, extra: fc.Parameters<[T]> = {}): Promise<number> {
  const count = { n: 0 };
  await fc.assert(property(t, count), { numRuns, ...extra });
  return count.n;
}

export interface TargetReport {
  target: string;
  inputs: number;
  failures: Array<{ input: string; error: string }>;
}

/** Runs until `ms` elapses, restarting with a new seed after each failure; keeps up to `maxFailures` distinct ones. */
export async function searchTarget<T>(t: FuzzTarget<T>, ms: number, maxFailures = 5): Promise<TargetReport> {
  const count = { n: 0 };
  const failures: TargetReport['failures'] = [];
  const end = Date.now() + ms;
  const show = t.show ?? ((x: T) => JSON.stringify(x));
  // The same bug found again (same message, numbers aside) is not a new failure.
  const signature = (e: string) => e.replace(/\d+/g, '#').slice(0, 140);
  let attempts = 0;
  while (Date.now() < end && failures.length < maxFailures && attempts++ < maxFailures * 3) {
    const left = end - Date.now();
    const det = await fc.check(property(t, count), {
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: left,
      markInterruptAsFailure: false,
      seed: (Date.now() ^ (count.n * 2654435761)) | 0,
      endOnFailure: false,
    });
    if (!det.failed || !det.counterexample) break;
    const error = det.errorInstance instanceof Error ? det.errorInstance.message : String(det.errorInstance);
    const input = show(det.counterexample[0]);
    if (!failures.some((f) => signature(f.error) === signature(error))) failures.push({ input, error });
  }
  return { target: t.name, inputs: count.n, failures };
}
