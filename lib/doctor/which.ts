// Resolves a program name to an absolute path by walking PATH. The one PATH walk of the lab: the
// doctor and the runner both use it. Only hits are cached, so a tool installed while the lab runs
// is found by the doctor's Re-check and by the next command.
import fs from 'node:fs';
import path from 'node:path';

const cache = new Map<string, string>();

export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  if (!/^[a-z][a-z0-9._-]*$/i.test(name)) return undefined; // a bare program name, never a path
  const key = `${name}\0${envPath}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const exts = process.platform === 'win32' ? ['.exe'] : [''];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue; // relative PATH entries would make the cwd part of PATH
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        if (!fs.statSync(candidate).isFile()) continue;
        fs.accessSync(candidate, fs.constants.X_OK);
        cache.set(key, candidate);
        return candidate;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}
