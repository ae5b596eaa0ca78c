// Turns a typed or lesson command line into a checked Pipeline: tokenize, split on `|`, check the
// program command against the allowlist, and accept only the text filters the lab implements.
import type { CommandSpec, FilterSpec, ParseResult, Program, Refusal } from './types';
import { tokenize, type Token } from './tokenize';
import { checkCommand } from './allowlist';
import { compileGrep } from './grep-regex';

/** A ParseResult plus an optional note for the learner (e.g. escape sequences were removed). */
export type ParseOutcome = ParseResult & { notice?: string };

const PROGRAMS: readonly Program[] = ['kind', 'kubectl', 'docker'];
const MAX_FILTER_LINES = 1_000_000;
const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });
const show = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);

export function parse(raw: string): ParseOutcome {
  const tok = tokenize(raw);
  if (!tok.ok) return tok;
  const segments = splitPipes(tok.tokens);
  if (!segments) return refuse('parse', 'Refused: a "|" needs a command on both sides ("||" is not supported).');
  const [first, ...rest] = segments;
  const program = first[0];
  if (!(PROGRAMS as readonly string[]).includes(program)) {
    const hint = ['grep', 'head', 'tail', 'wc'].includes(program) ? ` ${program} works only after a "|".` : '';
    return refuse('not-allowed', `Refused: ${show(program)} is not a lab command. The lab runs kind, kubectl and docker only.${hint}`);
  }
  const command: CommandSpec = { program: program as Program, args: first.slice(1) };
  const verdict = checkCommand(command);
  if (!verdict.ok) return verdict;
  const filters: FilterSpec[] = [];
  for (const seg of rest) {
    const f = parseFilter(seg);
    if ('ok' in f) return f;
    filters.push(f);
  }
  const pipeline = { raw: tok.text.trim(), command, filters, mutating: verdict.mutating };
  return tok.notice ? { ok: true, pipeline, notice: tok.notice } : { ok: true, pipeline };
}

function splitPipes(tokens: Token[]): string[][] | null {
  const out: string[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'pipe') out.push([]);
    else out[out.length - 1].push(t.value);
  }
  return out.some((s) => s.length === 0) ? null : out;
}

const FILTER_USAGE = 'After "|" the lab supports: grep [-v] [-i] [-E] PATTERN, head [-n N], tail [-n N], wc -l.';

export function parseFilter(words: string[]): FilterSpec | Refusal {
  const [name, ...args] = words;
  switch (name) {
    case 'grep':
      return parseGrep(args);
    case 'head':
    case 'tail': {
      const lines = parseCount(name, args);
      return typeof lines === 'number' ? { name, lines } : lines;
    }
    case 'wc':
      return args.length === 1 && args[0] === '-l'
        ? { name: 'wc', lines: true }
        : refuse('not-allowed', 'Refused: only "wc -l" (count lines) is supported after "|".');
    default:
      return refuse('not-allowed', `Refused: ${show(name)} is not supported after "|". ${FILTER_USAGE}`);
  }
}

function parseGrep(args: string[]): FilterSpec | Refusal {
  const spec = { name: 'grep' as const, pattern: '', invert: false, ignoreCase: false, extended: false };
  const long: Record<string, 'invert' | 'ignoreCase' | 'extended'> = {
    '--invert-match': 'invert', '--ignore-case': 'ignoreCase', '--extended-regexp': 'extended',
  };
  let pattern: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (pattern === undefined && (a === '-e' || a === '--regexp')) {
      pattern = args[++i];
      if (pattern === undefined) return refuse('bad-argument', 'Refused: grep -e needs a pattern.');
    } else if (a === '--' && pattern === undefined && i + 1 < args.length) {
      pattern = args[++i];
    } else if (a in long) {
      spec[long[a]] = true;
    } else if (/^-[viE]+$/.test(a)) {
      for (const c of a.slice(1)) spec[c === 'v' ? 'invert' : c === 'i' ? 'ignoreCase' : 'extended'] = true;
    } else if (a.startsWith('-') && a !== '-') {
      return refuse('not-allowed', `Refused: grep option ${show(a)} is not supported here; use -v, -i or -E.`);
    } else if (pattern === undefined) {
      pattern = a;
    } else {
      return refuse('bad-argument', `Refused: grep takes one pattern here; quote it if it contains spaces: grep "${pattern} ${a}"`);
    }
  }
  if (pattern === undefined) return refuse('bad-argument', 'Refused: grep needs a pattern, e.g. | grep Pending');
  const compiled = compileGrep(pattern, spec);
  if (!compiled.ok) return refuse('bad-argument', `Refused: grep pattern ${show(pattern)} is not valid: ${compiled.message}.`);
  return { ...spec, pattern };
}

function parseCount(name: 'head' | 'tail', args: string[]): number | Refusal {
  let text: string | undefined = '10';
  if (args.length === 1 && /^-\d+$/.test(args[0])) text = args[0].slice(1);
  else if (args.length === 1 && /^(-n|--lines=)\d+$/.test(args[0])) text = args[0].replace(/^(-n|--lines=)/, '');
  else if (args.length === 2 && (args[0] === '-n' || args[0] === '--lines')) text = args[1];
  else if (args.length !== 0) text = undefined;
  if (text === undefined || !/^\d{1,7}$/.test(text) || Number(text) > MAX_FILTER_LINES) {
    return refuse('bad-argument', `Refused: use ${name} -n N with N from 0 to ${MAX_FILTER_LINES} (or ${name} -N).`);
  }
  return Number(text);
}
