// Resolves a program name to an absolute path by walking PATH, once per name (cached).
import fs from 'node:fs';
import path from 'node:path';

const cache = new Map<string, string | undefined>();

export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  const key = `${name}\0${envPath}`;
  if (cache.has(key)) return cache.get(key);
  let found: string | undefined;
  const exts = process.platform === 'win32' ? ['.exe'] : [''];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue; // relative PATH entries could point into a checkout
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) {
          found = candidate;
          break;
        }
      } catch {
        /* not here */
      }
    }
    if (found) break;
  }
  cache.set(key, found);
  return found;
}
