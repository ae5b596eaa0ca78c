// Translates GNU grep basic (BRE) and extended (ERE) regular expressions to JavaScript RegExp.
// Covers what learners type after `|`: literals, . * + ? {m,n} alternation, groups, anchors,
// bracket expressions with [:class:], \< \> \b \w \s; patterns that backtrack badly are refused.
export type GrepCompile = { ok: true; regex: RegExp } | { ok: false; message: string };

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};
// Escapes valid in a JS /u pattern: outside a class SyntaxCharacter and "/", inside also "-".
const lit = (c: string) => (/[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c);
const litInClass = (c: string) => (/[\\\]\[^-]/.test(c) ? `\\${c}` : c);

export function compileGrep(pattern: string, opts: { extended: boolean; ignoreCase: boolean }): GrepCompile {
  try {
    const source = translate(pattern, opts.extended);
    return { ok: true, regex: new RegExp(source, opts.ignoreCase ? 'iu' : 'u') };
  } catch (e) {
    return { ok: false, message: e instanceof GrepSyntaxError ? e.message : 'Invalid regular expression' };
  }
}

class GrepSyntaxError extends Error {}

function translate(p: string, ere: boolean): string {
  let out = '';
  let depth = 0;
  // Nested repetition such as (a+)+ backtracks exponentially in JS: refused, since one learner
  // pattern would otherwise freeze the server. quant[d]: the open group at depth d repeats inside.
  const quant: boolean[] = [false];
  let closedRepeating = false;
  // Backtracking grows with repeated groups and with each extra open-ended repetition (".*.*.*!"
  // is polynomial, "(a|a)*!" exponential), and matching runs on the server's thread. The lab's grep
  // therefore allows one open-ended repetition (* + {n,}), bounded ones up to {,100}, and no
  // repetition of a group: enough for "grep -E 'coredns.*Pending'", never seconds per line.
  let unbounded = 0;
  let previous = '';
  const emit = (piece: string) => {
    const isQuant = /^([*+?]|\{\d+(,\d*)?\})$/.test(piece);
    if (isQuant && closedRepeating) throw new GrepSyntaxError('pattern too complex (a repeated group that repeats inside)');
    if (isQuant && previous === ')') throw new GrepSyntaxError('pattern too complex for the lab: repeating a group ( … )* is not supported');
    if (isQuant && (piece === '*' || piece === '+' || /,\}$/.test(piece)) && ++unbounded > 1) {
      throw new GrepSyntaxError('pattern too complex for the lab: use at most one * or + (e.g. grep -E "coredns.*Pending")');
    }
    const bound = /^\{(\d+)(?:,(\d*))?\}$/.exec(piece);
    if (bound && Number(bound[2] || bound[1]) > 100) throw new GrepSyntaxError('pattern too complex for the lab: repetition counts above 100');
    previous = piece;
    closedRepeating = false;
    if (piece === '(') quant.push(false);
    else if (piece === ')') {
      closedRepeating = quant.pop() ?? false;
      quant[quant.length - 1] ||= closedRepeating;
    } else if (isQuant) quant[quant.length - 1] = true;
    out += piece;
  };
  // True where a repetition operator has nothing to repeat, so POSIX reads it literally.
  let atStart = true;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const start = atStart;
    atStart = false;
    if (c === '\\') {
      const d = p[++i];
      if (d === undefined) throw new GrepSyntaxError('Trailing backslash');
      if (!ere && (d === '(' || d === ')' || d === '|' || d === '{' || d === '}' || d === '+' || d === '?')) {
        const r = operator(d, p, i, ere, start, depth);
        emit(r.out); i = r.i; depth = r.depth; atStart = r.atStart;
      } else if (d === '<') emit('\\b(?=[\\p{L}\\p{N}_])');
      else if (d === '>') emit('\\b(?<=[\\p{L}\\p{N}_])');
      else if ('wWsSbB'.includes(d)) emit(`\\${d}`);
      else if (/[1-9]/.test(d)) throw new GrepSyntaxError('back-references (\\1…\\9) are not supported by the lab\'s grep');
      else emit(lit(d));
    } else if (c === '[') {
      const r = bracket(p, i);
      emit(r.out); i = r.i;
    } else if (c === '.') emit('.');
    else if (c === '*') emit(start ? '\\*' : '*');
    else if (c === '^') {
      if (ere || start) { emit('^'); atStart = true; } else emit('\\^');
    } else if (c === '$') {
      const end = i === p.length - 1 || (!ere && (p.startsWith('\\)', i + 1) || p.startsWith('\\|', i + 1)));
      emit(ere || end ? '$' : '\\$');
    } else if (ere && '()|{}+?'.includes(c)) {
      const r = operator(c, p, i, ere, start, depth);
      emit(r.out); i = r.i; depth = r.depth; atStart = r.atStart;
    } else emit(lit(c));
  }
  if (depth > 0) throw new GrepSyntaxError('Unmatched ( or \\(');
  return out;
}

function operator(op: string, p: string, i: number, ere: boolean, start: boolean, depth: number) {
  const keep = (out: string, atStart = false) => ({ out, i, depth, atStart });
  switch (op) {
    case '(':
      depth++;
      return { out: '(', i, depth, atStart: true };
    case ')':
      if (depth === 0) {
        if (ere) return keep('\\)');
        throw new GrepSyntaxError('Unmatched ) or \\)');
      }
      depth--;
      return keep(')');
    case '|':
      return { out: '|', i, depth, atStart: true };
    case '+':
    case '?':
      return keep(start ? `\\${op}` : op);
    case '{': {
      const close = ere ? '}' : '\\}';
      const end = p.indexOf(close, i + 1);
      const body = end < 0 ? null : p.slice(i + 1, end);
      const m = body === null ? null : /^(\d*)(,(\d*))?$/.exec(body);
      if (!m || (m[1] === '' && m[2] === undefined) || start) {
        if (ere) return keep('\\{');
        throw new GrepSyntaxError('Invalid content of \\{\\}');
      }
      const min = m[1] === '' ? '0' : m[1];
      if (m[3] && Number(m[3]) < Number(min)) throw new GrepSyntaxError('Invalid content of \\{\\}');
      return { out: `{${min}${m[2] ?? ''}}`, i: end + close.length - 1, depth, atStart: false };
    }
    default: // '}' on its own
      return keep('\\}');
  }
}

function bracket(p: string, i: number): { out: string; i: number } {
  let j = i + 1;
  let neg = false;
  if (p[j] === '^') { neg = true; j++; }
  const items: string[] = [];
  let first = true;
  for (; j < p.length; j++) {
    const c = p[j];
    if (c === ']' && !first) return { out: `[${neg ? '^' : ''}${items.join('')}]`, i: j };
    first = false;
    if (c === '[' && (p[j + 1] === ':' || p[j + 1] === '.' || p[j + 1] === '=')) {
      const kind = p[j + 1];
      const end = p.indexOf(`${kind}]`, j + 2);
      if (end < 0) break;
      const name = p.slice(j + 2, end);
      if (kind !== ':' || !(name in CLASSES)) throw new GrepSyntaxError(kind === ':' ? 'Invalid character class name' : 'Unsupported [. .] or [= =]');
      items.push(CLASSES[name]);
      j = end + 1;
    } else if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      const a = c, b = p[j + 2];
      if (a.codePointAt(0)! > b.codePointAt(0)!) throw new GrepSyntaxError('Invalid range end');
      items.push(`${litInClass(a)}-${litInClass(b)}`);
      j += 2;
    } else {
      items.push(litInClass(c)); // backslash is literal inside POSIX brackets
    }
  }
  throw new GrepSyntaxError('Unmatched [, [^, [:, [., or [=');
}
