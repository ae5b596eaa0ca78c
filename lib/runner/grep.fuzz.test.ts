// Found by fuzzing the parser (bench/fuzz.ts): grep patterns can backtrack exponentially or
// polynomially in V8's regex engine, and the filter runs on the server's main thread, so one
// `kubectl get pods | grep -E '…'` could freeze every stream. grep-regex.ts now refuses the shapes
// that do (repeated groups, more than one open-ended repetition, back-references, big counts), and
// the filter matches at most 4 KiB of a line.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from './parse';
import { createFilter } from './filters';

describe('grep filter: no pattern freezes the server (ReDoS)', () => {
  it.each([
    ['ambiguous alternation under *', `kubectl get pods | grep -E '(.|.)*!'`],
    ['nested repetition', `kubectl get pods | grep -E '(a+)+$'`],
    ['chained .* (polynomial)', `kubectl get pods | grep -E '.*.*.*.*.*.*!'`],
    ['BRE form', `kubectl get pods | grep '\\(a\\|a\\)*!'`],
    ['back-reference', `kubectl get pods | grep '\\(a*\\)\\1b'`],
    ['huge counts', `kubectl get pods | grep -E 'a{1,5000}b'`],
  ])('refuses %s with a message', (_name, raw) => {
    const p = parse(raw);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toMatch(/too complex|not supported/);
  });

  it('still accepts what learners type', () => {
    for (const raw of [`kubectl get pods -A | grep Pending`, `kubectl get pods -A | grep -E 'coredns.*Pending'`, `kubectl get nodes | grep -v Ready`, `kubectl get pods -A | grep -iE 'pending|containercreating'`]) {
      expect(parse(raw).ok, raw).toBe(true);
    }
  });

  it('every accepted pattern finishes a 4 KiB adversarial line (property)', () => {
    const atoms = fc.constantFrom('a', '.', '[a-z]', 'a*', '.*', 'a+', '(a|b)', 'a?', 'x{1,3}', '!', '|');
    fc.assert(
      fc.property(fc.array(atoms, { minLength: 1, maxLength: 8 }), (parts) => {
        const p = parse(`kubectl get pods | grep -E '${parts.join('')}'`);
        if (!p.ok) return;
        const f = createFilter(p.pipeline.filters[0]);
        f.write(`${'a'.repeat(4096)}\n`);
        f.end();
      }),
      { numRuns: 200 },
    );
  });
});
