// Builds the app with `next build` when the build is missing or stale (see build-state.mjs).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNeeded } from './build-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function ensureBuild() {
  const reason = buildNeeded(root);
  if (!reason) return;
  console.log(`cni-lab: building (${reason}) — this takes a minute the first time…`);
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const r = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  if (r.status !== 0) {
    console.error('cni-lab: `next build` failed; see the output above.');
    process.exit(r.status ?? 1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuild();
