// Fuzz target: the command parser (lib/runner/parse.ts).
import { parse } from '../runner/parse';
import { anyCommandInput } from './arb-command';
import { checkParseVerdict } from './parse-oracle';
import { printable, timed, type FuzzTarget } from './target';

export const PARSE_BUDGET_MS = 50;

export const parseTarget: FuzzTarget<string> = {
  name: 'runner.parse',
  arbitrary: anyCommandInput,
  check(input) {
    const r = timed(() => parse(input));
    if (r.error) return r.error;
    // Timing is retried once so a GC pause or a busy neighbour on the machine is not a finding.
    if (r.ms > PARSE_BUDGET_MS) {
      const best = Math.min(r.ms, timed(() => parse(input)).ms, timed(() => parse(input)).ms);
      if (best > PARSE_BUDGET_MS) return `took ${best.toFixed(1)} ms (> ${PARSE_BUDGET_MS} ms, best of 3)`;
    }
    return checkParseVerdict(input, r.value!);
  },
  show: (s) => printable(s),
};
