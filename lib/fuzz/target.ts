// A fuzz target: a generator and a check that returns what went wrong (null when the property holds).
// The same targets drive the quick vitest runs and the longer bounded run in bench/fuzz.ts.
import type fc from 'fast-check';

export interface FuzzTarget<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /** Null when every property holds for `input`; otherwise a short description of the failure. */
  check(input: T): string | null | Promise<string | null>;
  /** Short, printable form of an input for reports. */
  show?(input: T): string;
}

/** Runs `fn`, turning a throw into a failure text and measuring its duration. */
export function timed<R>(fn: () => R): { value?: R; error?: string; ms: number } {
  const t0 = performance.now();
  try {
    const value = fn();
    return { value, ms: performance.now() - t0 };
  } catch (err) {
    return { error: `threw ${(err as Error)?.name ?? 'error'}: ${(err as Error)?.message ?? String(err)}`, ms: performance.now() - t0 };
  }
}

export function printable(s: string, max = 300): string {
  const j = JSON.stringify(s);
  return j.length > max ? `${j.slice(0, max)}… (${s.length} chars)` : j;
}
