// Validates a lesson.yaml text and reports every problem as file:line:column: field: message.
// Pure (no fs, no server-only) so a CLI and the tests can use it as well as the loader.
import { LineCounter, isAlias, isMap, isNode, isPair, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Document } from 'yaml';
import type * as z from 'zod';
import { LessonSchema, type Lesson } from './schema';

/** One problem in a lesson, located in its source file. Lines and columns start at 1. */
export interface LessonError {
  file: string;
  line: number;
  column: number;
  /** Dotted path such as `steps[3].commands[0].run`; empty for the whole document. */
  field: string;
  message: string;
}

export type ValidateResult = { ok: true; lesson: Lesson } | { ok: false; errors: LessonError[] };

/** Maps a data path (as zod reports it) to a position in the source. */
export type Locator = (path: readonly PropertyKey[], preferKey?: boolean) => { line: number; column: number };

/** A lesson file is small hand-written YAML; anything bigger is a mistake or an attack. */
export const MAX_LESSON_BYTES = 256 * 1024;
/** Aliases are legitimate but rare in lessons; a handful is plenty and keeps alias bombs out. */
export const MAX_ALIASES = 8;

export function formatLessonError(e: LessonError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.field ? `${e.field}: ` : ''}${e.message}`;
}

/** `['steps', 3, 'commands', 0, 'run']` → `steps[3].commands[0].run`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out ? '.' : '') + String(seg);
  }
  return out;
}

export function validateLessonSource(fileName: string, yamlText: string): ValidateResult {
  return analyzeLessonSource(fileName, yamlText).result;
}

/** Like validateLessonSource, but also returns a locator so later checks (missing files) can point at lines. */
export function analyzeLessonSource(fileName: string, yamlText: string): { result: ValidateResult; locate: Locator } {
  const lineCounter = new LineCounter();
  const noLocate: Locator = () => ({ line: 1, column: 1 });
  const fail = (errors: LessonError[]) => ({ result: { ok: false as const, errors }, locate: noLocate });
  const at = (offset: number, field: string, message: string): LessonError => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: fileName, line, column: col, field, message };
  };

  const bytes = new TextEncoder().encode(yamlText).length;
  if (bytes > MAX_LESSON_BYTES) {
    return fail([{ file: fileName, line: 1, column: 1, field: '', message: `file is ${bytes} bytes; the limit is ${MAX_LESSON_BYTES}` }]);
  }

  const docs = parseAllDocuments(yamlText, { lineCounter, keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  // parseAllDocuments returns an EmptyStream (not an array) for an empty text.
  if (!Array.isArray(docs) || docs.length === 0) return fail([at(0, '', 'the file is empty')]);
  if (docs.length > 1) return fail([at(docs[1].range[0], '', `expected one YAML document, found ${docs.length}`)]);
  const doc = docs[0];

  const syntax = [...doc.errors, ...doc.warnings].map((e) => at(e.pos[0], '', `YAML: ${e.message.split('\n')[0]}`));
  if (doc.errors.length > 0) return fail(syntax);

  let aliases = 0;
  let firstOver = 0;
  visit(doc, {
    Alias: (_key, node) => {
      if (++aliases === MAX_ALIASES + 1) firstOver = node.range?.[0] ?? 0;
    },
  });
  if (aliases > MAX_ALIASES) return fail([at(firstOver, '', `too many YAML aliases (${aliases}; the limit is ${MAX_ALIASES})`)]);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return fail([at(0, '', `YAML: ${(err as Error).message}`)]);
  }

  const locate = makeLocator(doc, lineCounter);
  const parsed = LessonSchema.safeParse(data);
  if (parsed.success) return { result: { ok: true, lesson: parsed.data }, locate };
  const errors = parsed.error.issues.map((i) => issueToError(fileName, i, locate));
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { result: { ok: false, errors }, locate };
}

function issueToError(file: string, issue: z.core.$ZodIssue, locate: Locator): LessonError {
  // An unknown key is reported on its parent; point at the key itself, which is what the author must delete.
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
    const path = [...issue.path, issue.keys[0]];
    return { file, ...locate(path, true), field: formatPath(path), message: issue.message };
  }
  return { file, ...locate(issue.path), field: formatPath(issue.path), message: issue.message };
}

function makeLocator(doc: Document.Parsed, lc: LineCounter): Locator {
  return (path, preferKey = false) => {
    let node: unknown = doc.contents;
    let offset = isNode(node) && node.range ? node.range[0] : 0;
    let keyOffset: number | null = null;
    let complete = true;
    for (const seg of path) {
      const next = child(node, seg);
      if (!next) {
        complete = false;
        break;
      }
      node = next.node;
      keyOffset = next.keyOffset;
      if (isNode(next.node) && next.node.range) offset = next.node.range[0];
      else if (next.keyOffset !== null) offset = next.keyOffset;
    }
    // A missing field belongs to its parent key ("title:" lacks "ja"); an unknown field is its own key.
    if ((!complete || preferKey) && keyOffset !== null) offset = keyOffset;
    const { line, col } = lc.linePos(offset);
    return { line, column: col };
  };
}

/** The child of a YAML node at one path segment, with the offset of its key when it is a map entry. */
function child(node: unknown, seg: PropertyKey): { node: unknown; keyOffset: number | null } | null {
  if (isAlias(node)) return null;
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
    if (!pair) return null;
    const keyOffset = isNode(pair.key) && pair.key.range ? pair.key.range[0] : null;
    return { node: pair.value, keyOffset };
  }
  if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) return { node: node.items[seg], keyOffset: null };
  return null;
}
