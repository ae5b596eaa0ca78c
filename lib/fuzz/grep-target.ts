// Fuzz target: grep filters the parser accepts must not take long on short lines (ReDoS). The
// filter runs on the server's event loop, so a slow match stalls every stream. Only run in
// bench/fuzz.ts (a child process with a hard deadline): a bad pattern may not return for minutes.
import fc from 'fast-check';
import { parse } from '../runner/parse';
import { createFilter } from '../runner/filters';
import { printable, timed, type FuzzTarget } from './target';

export const GREP_BUDGET_MS = 50;

const atom = fc.constantFrom('a', '.', '\\w', '[a-z]', '[[:alpha:]]', 'x', ' ', '\\s', '(a)', '(.)', '(a|a)', '(.|a)', '(a|b)', '(ab|a)');
const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}');
const pattern = fc.array(fc.tuple(atom, quant), { minLength: 1, maxLength: 8 }).map((xs) => xs.map(([a, q]) => a + q).join('') + '!');
const line = fc.tuple(fc.constantFrom('a', 'ab', ' a', 'x'), fc.integer({ min: 1, max: 24 })).map(([s, n]) => s.repeat(n).slice(0, 24));

export const grepTarget: FuzzTarget<[string, string]> = {
  name: 'runner.grep',
  arbitrary: fc.tuple(pattern, line),
  check([p, text]) {
    const parsed = parse(`kubectl get pods | grep -E '${p}'`);
    if (!parsed.ok) return null; // refused patterns cannot stall anything
    const f = createFilter(parsed.pipeline.filters[0]);
    const r = timed(() => f.write(`${text}\n`) + f.end());
    if (r.error) return r.error;
    return r.ms > GREP_BUDGET_MS ? `grep -E '${p}' took ${r.ms.toFixed(0)} ms on a ${text.length}-character line` : null;
  },
  show: ([p, t]) => `grep -E ${printable(p)} on ${printable(t)}`,
};
