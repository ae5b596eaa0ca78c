// Found by fuzzing the parser (bench/fuzz.ts): grep patterns the parser accepts can backtrack
// exponentially or polynomially in V8's regex engine. The filter runs on the server's main thread,
// so one `kubectl get pods | grep -E '…'` freezes every stream and request until it finishes
// (seconds at 80 characters, years at 120). Minimal counterexamples below; this test fails until
// grep-regex.ts refuses such patterns or matching gets a time/step budget.
import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { createFilter } from './filters';

const BUDGET_MS = 50;

function timeGrep(line: string, raw: string): number {
  const p = parse(raw);
  if (!p.ok) return 0; // refused patterns cannot freeze anything
  const f = createFilter(p.pipeline.filters[0]);
  const t0 = performance.now();
  f.write(`${line}\n`);
  f.end();
  return performance.now() - t0;
}

describe('grep filter: no pattern freezes the server (ReDoS)', () => {
  // Sizes are chosen so today's engine takes ~0.1-1 s (fails fast) instead of forever.
  it.each([
    ['ambiguous alternation under *', `kubectl get pods | grep -E '(.|.)*!'`, 'a'.repeat(21)],
    ['chained .* (polynomial)', `kubectl get pods | grep -E '.*.*.*.*.*.*!'`, 'a'.repeat(40)],
    ['BRE form', `kubectl get pods | grep '\\(a\\|a\\)*!'`, 'a'.repeat(21)],
  ])('%s', (_name, raw, line) => {
    expect(timeGrep(line, raw)).toBeLessThan(BUDGET_MS);
  });
});
