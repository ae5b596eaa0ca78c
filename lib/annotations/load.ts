// Reads annotations/*.yaml (Node only: the build step, the CLI's fallback and the tests).
// Errors name the file and the field, so a broken topic file is easy to fix.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkCatalogue, TopicSchema, type Topic } from './schema';

export const ANNOTATIONS_DIR = path.resolve(import.meta.dirname, '..', '..', 'annotations');

export class CatalogueError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid annotation catalogue:\n  ${problems.join('\n  ')}`);
  }
}

/** Parses one topic file's text; problems are `file: field.path: message`. */
export function parseTopicFile(file: string, text: string): { ok: true; topic: Topic } | { ok: false; problems: string[] } {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true });
  } catch (e) {
    return { ok: false, problems: [`${file}: YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  const r = TopicSchema.safeParse(joinFoldedJapanese(data));
  if (!r.success)
    return { ok: false, problems: r.error.issues.map((i) => `${file}: ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`) };
  return { ok: true, topic: r.data };
}

// YAML folding (>-) joins lines with a space, which Japanese does not use between its own
// characters: "…します。 次に…" → "…します。次に…". Spaces next to Latin words are kept.
const JA = '\\u3000-\\u303f\\u3040-\\u30ff\\u4e00-\\u9fff\\uff00-\\uffef';
const FOLD_SPACE = new RegExp(`([${JA}]) (?=[${JA}])`, 'gu');

function joinFoldedJapanese(v: unknown, key = ''): unknown {
  if (typeof v === 'string') return key === 'ja' ? v.replace(FOLD_SPACE, '$1').replace(/([。、」』）]) /gu, '$1') : v;
  if (Array.isArray(v)) return v.map((x) => joinFoldedJapanese(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, joinFoldedJapanese(x, k)]));
  return v;
}

/** Loads and checks every topic in `dir`, sorted by id. Throws CatalogueError listing every problem. */
export function loadCatalogueDir(dir: string = ANNOTATIONS_DIR): Topic[] {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const problems: string[] = [];
  const ok: Array<{ file: string; topic: Topic }> = [];
  for (const f of files) {
    const r = parseTopicFile(f, readFileSync(path.join(dir, f), 'utf8'));
    if (r.ok) ok.push({ file: f, topic: r.topic });
    else problems.push(...r.problems);
  }
  problems.push(...checkCatalogue(ok));
  if (problems.length) throw new CatalogueError(problems);
  return ok.map((x) => x.topic).sort((a, b) => (a.id < b.id ? -1 : 1));
}
