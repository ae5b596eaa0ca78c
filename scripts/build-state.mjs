// Decides whether the production build is missing or older than the sources, so `npm start` and
// `npm run test:e2e` never serve stale code. Plain Node (no TypeScript) because it runs before any build.
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = ['app', 'components', 'lib', 'lessons', 'public'];
const SOURCE_FILES = ['next.config.js', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Returns a reason string when a build is needed, or null when .next is up to date. */
export function buildNeeded(root) {
  const idFile = path.join(root, '.next', 'BUILD_ID');
  let built;
  try {
    built = fs.statSync(idFile).mtimeMs;
  } catch {
    return 'no production build yet';
  }
  const newest = Math.max(...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))), ...SOURCE_FILES.map((f) => newestMtime(path.join(root, f))));
  return newest > built ? 'sources changed since the last build' : null;
}
