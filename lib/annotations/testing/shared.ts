// Locates the project's shared/ folder (the article and the facts file): beside the repository, as on
// developer machines (/work/main + /work/shared) and in CI (a fresh clone with shared/ beside it).
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const CANDIDATES = [process.env.CNI_LAB_SHARED_DIR, path.join(ROOT, '..', 'shared'), '/work/shared'].filter((x): x is string => !!x);

export function sharedFile(rel: string): string | undefined {
  for (const dir of CANDIDATES) {
    const f = path.join(dir, rel);
    if (existsSync(f)) return f;
  }
  return undefined;
}

/** The file, or an error naming where it was looked for (tests must not pass silently without their data). */
export function requireSharedFile(rel: string): string {
  const f = sharedFile(rel);
  if (!f) throw new Error(`shared/${rel} not found in ${CANDIDATES.join(', ')} (set CNI_LAB_SHARED_DIR)`);
  return f;
}

export const ARTICLE_FILE = 'seed/000_bb1eaf93d321258d.txt';
export const FACTS_FILE = 'reference/kind-nocni-facts.md';
