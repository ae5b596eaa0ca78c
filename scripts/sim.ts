// `npm run --silent sim -- create cluster --name test --config kind.yaml --kubeconfig ./kubeconfig
//  [--image kindest/node:vX.Y.Z] [--pace instant|realistic] [--state-dir DIR]`
// Creates a simulated kind cluster (kind's output and errors), writes a kubeconfig with context
// kind-<name>, then serves its API in the foreground until SIGINT/SIGTERM.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimManager } from '../lib/sim/manager';
import { createKindEmulator } from '../lib/sim/kind/kind';
import { parseFlags } from '../lib/sim/kind/flags';

const USAGE = `Usage: npm run --silent sim -- create cluster [flags]

Creates a simulated kind cluster (no Docker needed) and serves its Kubernetes API until interrupted.

Flags:
      --config string       kind config file (kind.x-k8s.io/v1alpha4)
      --image string        node image, e.g. kindest/node:v1.19.1 (default kindest/node:v1.36.1)
      --kubeconfig string   where to write the kubeconfig (context kind-<name>) (required)
  -n, --name string         cluster name, overrides KIND_CLUSTER_NAME, config (default kind)
      --pace string         instant | realistic (default realistic)
      --state-dir string    keep the cluster's state here (default: a temporary directory, removed on exit)
      --wait duration       wait for the control plane to be Ready
  -h, --help                show this help
`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  if (argv[0] !== 'create' || argv[1] !== 'cluster') {
    process.stderr.write(`ERROR: unknown command "${argv.slice(0, 2).join(' ')}" for "sim"\n`);
    return 1;
  }
  const p = parseFlags(argv.slice(2), [
    { name: 'name', short: 'n' },
    { name: 'config' },
    { name: 'image' },
    { name: 'kubeconfig' },
    { name: 'pace' },
    { name: 'state-dir' },
    { name: 'wait' },
    { name: 'retain', bool: true },
  ]);
  if (!p.ok) {
    process.stderr.write(`ERROR: ${p.error}\n`);
    return 1;
  }
  const pace = p.flags.pace ?? 'realistic';
  if (pace !== 'instant' && pace !== 'realistic') {
    process.stderr.write(`ERROR: invalid argument "${pace}" for "--pace" flag: must be instant or realistic\n`);
    return 1;
  }
  if (typeof p.flags.kubeconfig !== 'string') {
    process.stderr.write('ERROR: --kubeconfig is required\n');
    return 1;
  }
  const stateDir = typeof p.flags['state-dir'] === 'string' ? path.resolve(p.flags['state-dir']) : mkdtempSync(path.join(tmpdir(), 'cni-lab-sim-'));
  const tempState = typeof p.flags['state-dir'] !== 'string';
  const m = await SimManager.open({ stateDir });
  const kind = createKindEmulator(m, {
    pace,
    env: { KIND_CLUSTER_NAME: process.env.KIND_CLUSTER_NAME },
    cwd: process.cwd(),
    writeKubeconfig: (file, text) => writeFileSync(path.resolve(file), text, { mode: 0o600 }),
  });
  const ac = new AbortController();
  let stopping = false;
  const done = new Promise<void>((resolve) => {
    const stop = () => {
      if (stopping) return;
      stopping = true;
      ac.abort();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const passthrough = argv.slice(2).filter((a, i, all) => !['--pace', '--state-dir'].includes(a) && !['--pace', '--state-dir'].includes(all[i - 1] ?? '') && !a.startsWith('--pace=') && !a.startsWith('--state-dir='));
  const code = await kind(['create', 'cluster', ...passthrough], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }, ac.signal);
  if (code !== 0 || stopping) {
    await m.close();
    if (tempState) rmSync(stateDir, { recursive: true, force: true });
    return code || 1;
  }
  await done;
  await m.close();
  if (tempState) rmSync(stateDir, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`ERROR: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
