// `npm start`: builds if needed, then runs the guarded server (server.ts) on 127.0.0.1.
// This parent process stays small so it can clean up after the server, however the server ends.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';
import { reapRecordedChildren } from './reap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

const port = Number(process.env.PORT ?? '3000');
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`cni-lab: PORT must be a number between 1 and 65535 (got "${process.env.PORT}")`);
  process.exit(2);
}
const token = process.env.CNI_LAB_TOKEN || randomBytes(32).toString('base64url');
if (token.length < 16) {
  console.error('cni-lab: CNI_LAB_TOKEN must be at least 16 characters');
  process.exit(2);
}
const stateDir = path.resolve(root, process.env.CNI_LAB_STATE_DIR ?? '.state');

if (!dev) ensureBuild();
// Children left behind by a server that crashed last time (its pidfile survived it).
reapRecordedChildren(stateDir);

// One process (tsx as a loader, not its CLI wrapper), so signals and crashes reach the server itself.
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server.ts'), ...(dev ? ['--dev'] : [])], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: String(port),
    CNI_LAB_TOKEN: token,
    CNI_LAB_STATE_DIR: stateDir,
    NODE_ENV: dev ? 'development' : 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  },
});

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    stopping = true;
    child.kill(sig);
  });
}
child.on('exit', (code, signal) => {
  // Whatever happened to the server, no process it started may outlive it.
  const reaped = reapRecordedChildren(stateDir);
  if (reaped > 0) console.error(`cni-lab: stopped ${reaped} leftover process group(s).`);
  if (!stopping && code !== 0) console.error(`cni-lab: the server exited unexpectedly (${signal ?? `code ${code}`}).`);
  process.exit(stopping ? 0 : (code ?? 1));
});
