// grep/head/tail/wc as streaming text transforms, byte-for-byte like GNU tools on text input.
// Lines may arrive split across chunks; "\r" stays part of the line, as in GNU tools.
import type { FilterSpec } from './types';
import { compileGrep } from './grep-regex';

const MATCH_WINDOW = 4096;

export interface LineFilter {
  /** Feeds text; returns the output it produces now. */
  write(text: string): string;
  /** Ends the input; returns the remaining output. */
  end(): string;
  /** True once no further input can change the output (head has its lines). */
  readonly satisfied: boolean;
  /** The tool's exit status once ended (grep: 1 when no line was selected). */
  exitCode(): number;
}

// SGR and other CSI sequences, so colour codes never decide a grep match.
const ANSI = /\x1b\[[0-9;:?]*[ -/]*[@-~]/g;
export const stripAnsi = (s: string) => s.replace(ANSI, '');

class Grep implements LineFilter {
  private partial = '';
  private selected = 0;
  readonly satisfied = false;
  constructor(private readonly regex: RegExp, private readonly invert: boolean) {}
  write(text: string): string {
    const buf = this.partial + text;
    const last = buf.lastIndexOf('\n');
    if (last < 0) {
      this.partial = buf;
      return '';
    }
    this.partial = buf.slice(last + 1);
    let out = '';
    for (const line of buf.slice(0, last).split('\n')) out += this.take(line);
    return out;
  }
  end(): string {
    const rest = this.partial;
    this.partial = '';
    return rest === '' ? '' : this.take(rest); // GNU grep ends an unterminated last line with "\n"
  }
  private take(line: string): string {
    // Matching looks at the first 4 KiB of a line: with the pattern limits in grep-regex.ts that
    // bounds the work per line (no terminal line a learner reads is longer).
    if (this.regex.test(stripAnsi(line).slice(0, MATCH_WINDOW)) === this.invert) return '';
    this.selected++;
    return `${line}\n`;
  }
  exitCode() {
    return this.selected > 0 ? 0 : 1;
  }
}

class Head implements LineFilter {
  private seen = 0;
  constructor(private readonly max: number) {}
  get satisfied() {
    return this.seen >= this.max;
  }
  write(text: string): string {
    let out = '';
    let from = 0;
    while (this.seen < this.max) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) return out + text.slice(from);
      out += text.slice(from, nl + 1);
      from = nl + 1;
      this.seen++;
    }
    return out;
  }
  end() {
    return '';
  }
  exitCode() {
    return 0;
  }
}

class Tail implements LineFilter {
  private lines: string[] = [];
  private partial = '';
  readonly satisfied = false;
  constructor(private readonly max: number) {}
  write(text: string): string {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    for (const l of parts) {
      this.lines.push(`${l}\n`);
      if (this.lines.length > this.max * 2 + 1024) this.lines = this.lines.slice(-this.max);
    }
    return '';
  }
  end(): string {
    if (this.partial !== '') this.lines.push(this.partial);
    this.partial = '';
    const out = this.max === 0 ? '' : this.lines.slice(-this.max).join('');
    this.lines = [];
    return out;
  }
  exitCode() {
    return 0;
  }
}

class CountLines implements LineFilter {
  private n = 0;
  readonly satisfied = false;
  write(text: string): string {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.n++;
    return '';
  }
  end() {
    return `${this.n}\n`;
  }
  exitCode() {
    return 0;
  }
}

export function createFilter(spec: FilterSpec): LineFilter {
  switch (spec.name) {
    case 'grep': {
      const c = compileGrep(spec.pattern, spec);
      if (!c.ok) throw new Error(`invalid grep pattern: ${c.message}`); // parse() already refused these
      return new Grep(c.regex, spec.invert);
    }
    case 'head':
      return new Head(spec.lines);
    case 'tail':
      return new Tail(spec.lines);
    case 'wc':
      return new CountLines();
  }
}

/** Filters in a row, as `cmd | f1 | f2`: each one's output feeds the next. */
export class FilterChain implements LineFilter {
  private readonly filters: LineFilter[];
  constructor(specs: FilterSpec[]) {
    this.filters = specs.map(createFilter);
  }
  get length() {
    return this.filters.length;
  }
  get satisfied() {
    return this.filters.some((f) => f.satisfied);
  }
  write(text: string): string {
    let t = text;
    for (const f of this.filters) {
      if (t === '') return '';
      t = f.write(t);
    }
    return t;
  }
  end(): string {
    let carry = '';
    for (const f of this.filters) carry = f.write(carry) + f.end();
    return carry;
  }
  /** Like a shell without pipefail: the status of the last filter. */
  exitCode(): number {
    return this.filters.length ? this.filters[this.filters.length - 1].exitCode() : 0;
  }
}
