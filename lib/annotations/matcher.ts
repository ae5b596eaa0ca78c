// Streaming line matcher: turns terminal output (chunks as they arrive) into tagged lines.
// Pure TypeScript, no Node or DOM APIs, so the terminal runs it client-side and the CLI in Node.
import type { Catalogue, Topic, TopicId } from './schema';
import { CATALOGUE } from './catalogue.generated';

export interface Match {
  /** 1-based line number: the count of "\n"-terminated lines before it, plus one. */
  line: number;
  topic: TopicId;
  /** The line as plain text: ANSI escapes removed, only the final text after `\r` rewrites. */
  text: string;
}

export interface LineMatcher {
  /** Feeds a chunk; returns matches for every line the chunk completed. */
  push(chunk: string): Match[];
  /** Ends the stream: matches the last line if it had no newline. */
  end(): Match[];
}

/** Lines longer than this are matched on their first MAX_LINE characters (bounded memory and regex time). */
export const MAX_LINE = 16 * 1024;

// CSI (colours, erase line, cursor moves), OSC (titles, hyperlinks) and two-byte escapes.
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
const HAS_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** What a terminal finally shows for one raw line (without its "\n"). */
export function plainLine(raw: string): string {
  let s = raw.indexOf('\x1b') >= 0 ? raw.replace(ANSI, '') : raw;
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 13) end--; // CRLF and stray trailing CRs
  if (end !== s.length) s = s.slice(0, end);
  const cr = s.lastIndexOf('\r');
  if (cr >= 0) s = s.slice(cr + 1); // a spinner's rewrite: only the last text counts
  if (HAS_CONTROL.test(s)) s = s.replace(CONTROL, '');
  return s.length > MAX_LINE ? s.slice(0, MAX_LINE) : s;
}

interface CompiledPattern {
  topic: string;
  contains: string;
  re: RegExp;
}

export interface CompiledCatalogue {
  patterns: CompiledPattern[];
  priority: Map<string, number>;
  supersedes: Map<string, string[]>;
  topics: Map<string, Topic>;
}

const compiledCache = new WeakMap<Catalogue, CompiledCatalogue>();

export function compileCatalogue(catalogue: Catalogue = CATALOGUE): CompiledCatalogue {
  const hit = compiledCache.get(catalogue);
  if (hit) return hit;
  const c: CompiledCatalogue = { patterns: [], priority: new Map(), supersedes: new Map(), topics: new Map() };
  for (const t of catalogue) {
    c.topics.set(t.id, t);
    c.priority.set(t.id, t.priority);
    if (t.supersedes.length) c.supersedes.set(t.id, t.supersedes);
    for (const p of t.patterns) c.patterns.push({ topic: t.id, contains: p.contains, re: new RegExp(p.regex) });
  }
  compiledCache.set(catalogue, c);
  return c;
}

/** Topics of one plain line, most specific first (priority, then where in the line it matched). */
export function matchPlain(text: string, c: CompiledCatalogue): TopicId[] {
  let found: Map<string, number> | undefined;
  for (const p of c.patterns) {
    if (text.indexOf(p.contains) < 0) continue; // cheap pre-filter: most lines stop here
    const m = p.re.exec(text);
    if (!m) continue;
    found ??= new Map();
    const prev = found.get(p.topic);
    if (prev === undefined || m.index < prev) found.set(p.topic, m.index);
  }
  if (!found) return [];
  for (const id of [...found.keys()]) for (const s of c.supersedes.get(id) ?? []) found.delete(s);
  return [...found.entries()]
    .sort((a, b) => c.priority.get(b[0])! - c.priority.get(a[0])! || a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => id);
}

/** Topics of one line (raw or plain; ANSI and `\r` rewrites are handled). */
export function matchLine(text: string, catalogue: Catalogue = CATALOGUE): TopicId[] {
  return matchPlain(plainLine(text), compileCatalogue(catalogue));
}

/** A matcher for a live stream: lines split across chunks, CR/LF, ANSI colours, spinner rewrites. */
export function createLineMatcher(catalogue: Catalogue = CATALOGUE): LineMatcher {
  const c = compileCatalogue(catalogue);
  let buf = '';
  let lineNo = 0;

  const finish = (raw: string, out: Match[]) => {
    lineNo++;
    const text = plainLine(raw);
    if (!text) return;
    for (const topic of matchPlain(text, c)) out.push({ line: lineNo, topic, text });
  };

  // Keeps the unfinished line bounded: text before a `\r` rewrite is dead, the rest is capped.
  const append = (s: string) => {
    buf += s;
    if (buf.length <= 4 * MAX_LINE) return;
    const cr = buf.lastIndexOf('\r', buf.length - 2);
    if (cr > 0) buf = buf.slice(cr);
    if (buf.length > 4 * MAX_LINE) buf = buf.slice(0, 4 * MAX_LINE);
  };

  return {
    push(chunk: string): Match[] {
      const out: Match[] = [];
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
        const piece = chunk.slice(start, nl);
        if (buf || piece.length > 4 * MAX_LINE) {
          append(piece);
          finish(buf, out);
          buf = '';
        } else finish(piece, out);
        start = nl + 1;
      }
      if (start < chunk.length) append(chunk.slice(start));
      return out;
    },
    end(): Match[] {
      const out: Match[] = [];
      if (buf) finish(buf, out);
      buf = '';
      return out;
    },
  };
}

/** Matches a whole text at once (tests, small inputs). */
export function annotateText(text: string, catalogue: Catalogue = CATALOGUE): Match[] {
  const m = createLineMatcher(catalogue);
  return [...m.push(text), ...m.end()];
}
