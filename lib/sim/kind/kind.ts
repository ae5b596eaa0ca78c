// `kind` on the simulated backend: create/delete/get clusters, nodes, kubeconfig, version.
// kind logs (progress, notices, errors) go to stderr; data (names, kubeconfig, version) to stdout.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseKindConfig, checkConfigText, checkLabPolicy } from '@/lib/kindconfig';
import type { SimManager, KindStep } from '../manager';
import type { Pace } from '../cluster/clock';
import { friendlyImageName, KIND_GO, KIND_VERSION, versionForImage } from '../cluster/versions';
import { R, type Any } from '../cluster/gvr';
import { formatGoDuration, parseFlags, parseGoDuration, type FlagSpec } from './flags';
import { shuffleNodes } from './order';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

export type Emulated = (argv: string[], io: Io, signal: AbortSignal) => Promise<number>;

export interface KindEmulatorOptions {
  pace: Pace;
  env?: Record<string, string | undefined>;
  /** Reads `--config <path>`; default: the file system relative to `cwd` (max 64 KiB). */
  readConfig?: (p: string) => string;
  cwd?: string;
  /** Called with the lab-private kubeconfig after create (the runner points kubectl at it). */
  onKubeconfig?: (name: string, kubeconfigPath: string) => void;
  /** Only the CLI may write a kubeconfig where the user asks (`--kubeconfig`). */
  writeKubeconfig?: (p: string, text: string) => void;
  /** Salutation picker (tests pin it). */
  salutation?: () => string;
}

const SALUTATIONS = [
  'Have a nice day! 👋',
  'Thanks for using kind! 😊',
  'Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/',
  'Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂',
];

const CREATE_FLAGS: FlagSpec[] = [
  { name: 'name', short: 'n' },
  { name: 'config' },
  { name: 'image' },
  { name: 'retain', bool: true },
  { name: 'wait' },
  { name: 'kubeconfig' },
  { name: 'quiet', short: 'q', bool: true },
  { name: 'verbosity', short: 'v' },
];
const NAME_FLAGS: FlagSpec[] = [
  { name: 'name', short: 'n' },
  { name: 'kubeconfig' },
  { name: 'quiet', short: 'q', bool: true },
  { name: 'verbosity', short: 'v' },
];

function defaultReadConfig(cwd: string) {
  return (p: string) => {
    const file = path.resolve(cwd, p);
    let st;
    try {
      st = statSync(file);
    } catch {
      throw new Error(`error reading file: open ${p}: no such file or directory`);
    }
    if (st.isDirectory()) throw new Error(`error reading file: read ${p}: is a directory`);
    if (st.size > 64 * 1024) throw new Error(`error reading file: ${p} is larger than 64 KiB (lab limit)`);
    return readFileSync(file, 'utf8');
  };
}

export function createKindEmulator(m: SimManager, o: KindEmulatorOptions): Emulated {
  const env = o.env ?? {};
  const defaultName = () => env.KIND_CLUSTER_NAME || 'kind';
  const err = (io: Io, msg: string) => {
    io.stderr(`ERROR: ${msg}\n`);
    return 1;
  };

  async function create(argv: string[], io: Io, signal: AbortSignal): Promise<number> {
    const p = parseFlags(argv, CREATE_FLAGS);
    if (!p.ok) return err(io, p.error);
    if (p.help) {
      io.stdout('Creates a local Kubernetes cluster using Docker container \'nodes\'\n\nUsage:\n  kind create cluster [flags]\n\nFlags:\n      --config string       path to a kind config file\n  -h, --help                help for cluster\n      --image string        node docker image to use for booting the cluster\n      --kubeconfig string   sets kubeconfig path instead of $KUBECONFIG or $HOME/.kube/config\n  -n, --name string         cluster name, overrides KIND_CLUSTER_NAME, config (default kind)\n      --retain              retain nodes for debugging when cluster creation fails\n      --wait duration       wait for control plane node to be ready (default 0s)\n');
      return 0;
    }
    if (p.args.length) return err(io, `unknown command "${p.args[0]}" for "kind create cluster"`);
    const f = p.flags;
    let waitMs = 0;
    if (typeof f.wait === 'string') {
      const d = parseGoDuration(f.wait);
      if (d === undefined) return err(io, `invalid argument "${f.wait}" for "--wait" flag: time: invalid duration "${f.wait}"`);
      waitMs = d;
    }
    let text: string | undefined;
    if (typeof f.config === 'string') {
      try {
        text = (o.readConfig ?? defaultReadConfig(o.cwd ?? process.cwd()))(f.config);
      } catch (e) {
        return err(io, `failed to create cluster: ${(e as Error).message}`);
      }
      const textIssues = checkConfigText(text);
      if (textIssues.length) return err(io, `the lab refused this config: ${textIssues.map((x) => x.en).join(' ')}`);
    }
    const parsed = parseKindConfig(text, { name: typeof f.name === 'string' ? f.name : undefined, envName: env.KIND_CLUSTER_NAME, image: typeof f.image === 'string' ? f.image : undefined });
    if (!parsed.ok) {
      // kind checks "already exists" before validation; a bad name cannot exist anyway.
      return err(io, `failed to create cluster: ${parsed.error}`);
    }
    const cfg = parsed.config;
    const policy = checkLabPolicy(cfg);
    if (policy.length) return err(io, `the lab refused this config: ${policy.map((x) => x.en).join(' ')}`);
    if (m.exists(cfg.name)) return err(io, `failed to create cluster: node(s) already exist for a cluster with the name "${cfg.name}"`);
    if (cfg.name.length > 50) io.stderr(`WARNING: cluster name "${cfg.name}" is probably too long, this might not work properly on some systems\n`);
    const image = typeof f.image === 'string' ? f.image : cfg.nodes[0].image;
    if (!versionForImage(image)) return err(io, `failed to create cluster: the simulated cluster cannot run node image ${image} (the lab emulates kindest/node v1.19 … v1.36)`);
    const labels: Record<KindStep, string> = {
      'ensure-image': `Ensuring node image (${friendlyImageName(image)}) 🖼`,
      'prepare-nodes': `Preparing nodes ${'📦 '.repeat(cfg.nodes.length)}`,
      'load-balancer': 'Configuring the external load balancer ⚖️',
      'write-config': 'Writing configuration 📜',
      'control-plane': 'Starting control-plane 🕹️',
      cni: 'Installing CNI 🔌',
      storage: 'Installing StorageClass 💾',
      'join-control-planes': 'Joining more control-plane nodes 🎮',
      workers: 'Joining worker nodes 🚜',
    };
    io.stderr(`Creating cluster "${cfg.name}" ...\n`);
    let current: KindStep | undefined;
    let managed;
    try {
      managed = await m.create({
        name: cfg.name,
        config: cfg,
        image,
        pace: o.pace,
        signal,
        onProgress: (s, state) => {
          if (state === 'start') {
            current = s;
            io.stderr(` • ${labels[s]}  ...\n`);
          } else {
            current = undefined;
            io.stderr(` ✓ ${labels[s]}\n`);
          }
        },
      });
    } catch (e) {
      if (current) io.stderr(` ✗ ${labels[current]}\n`);
      if (signal.aborted) return err(io, 'failed to create cluster: interrupted');
      return err(io, `failed to create cluster: ${(e as Error).message}`);
    }
    if (waitMs > 0) {
      const label = `Waiting ≤ ${formatGoDuration(waitMs)} for control-plane = Ready ⏳`;
      io.stderr(` • ${label}  ...\n`);
      const started = Date.now();
      // Realistic pace compresses long waits to at most 10 s.
      const limit = o.pace === 'instant' ? 0 : Math.min(waitMs, 10_000);
      const cpReady = () =>
        (managed.store.list(R.nodes, undefined).items as Any[])
          .filter((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}) || 'node-role.kubernetes.io/master' in (n.metadata.labels ?? {}))
          .every((n) => n.status?.conditions?.some((c: Any) => c.type === 'Ready' && c.status === 'True'));
      if (o.pace === 'instant') await managed.cluster.settle();
      while (!cpReady() && Date.now() - started < limit && !signal.aborted) await new Promise((r) => setTimeout(r, 250));
      if (cpReady()) {
        io.stderr(` ✓ ${label}\n`);
        io.stderr(` • Ready after ${formatGoDuration(Math.max(1000, Date.now() - started))} 💚\n`);
      } else {
        io.stderr(` ✗ ${label}\n`);
        io.stderr(' • WARNING: Timed out waiting for Ready ⚠️\n');
      }
    }
    let sample = `kubectl cluster-info --context kind-${cfg.name}`;
    if (typeof f.kubeconfig === 'string') {
      if (!o.writeKubeconfig) return err(io, 'failed to create cluster: --kubeconfig is not available in the lab (the lab keeps its own kubeconfig)');
      o.writeKubeconfig(f.kubeconfig, managed.kubeconfig);
      sample += ` --kubeconfig ${shellQuote(f.kubeconfig)}`;
    }
    o.onKubeconfig?.(cfg.name, managed.kubeconfigPath);
    io.stderr(`Set kubectl context to "kind-${cfg.name}"\n`);
    io.stderr(`You can now use your cluster with:\n\n${sample}\n`);
    io.stderr('\n');
    io.stderr(`${(o.salutation ?? (() => SALUTATIONS[Math.floor(Math.random() * SALUTATIONS.length)]))()}\n`);
    return 0;
  }

  async function del(argv: string[], io: Io): Promise<number> {
    const p = parseFlags(argv, NAME_FLAGS);
    if (!p.ok) return err(io, p.error);
    const name = typeof p.flags.name === 'string' ? p.flags.name : defaultName();
    io.stderr(`Deleting cluster "${name}" ...\n`);
    const nodes = await m.delete(name);
    if (nodes?.length) io.stderr(`Deleted nodes: [${shuffleNodes(nodes).map((n) => JSON.stringify(n)).join(' ')}]\n`);
    return 0;
  }

  async function delClusters(argv: string[], io: Io): Promise<number> {
    const p = parseFlags(argv, [...NAME_FLAGS.filter((s) => s.name !== 'name'), { name: 'all', short: 'A', bool: true }]);
    if (!p.ok) return err(io, p.error);
    const names = p.flags.all ? m.list() : p.args;
    const deleted: string[] = [];
    for (const n of names) if (await m.delete(n)) deleted.push(n);
    io.stderr(`Deleted clusters: [${deleted.map((n) => JSON.stringify(n)).join(' ')}]\n`);
    return 0;
  }

  function get(what: string | undefined, argv: string[], io: Io): number {
    const p = parseFlags(argv, [...NAME_FLAGS, { name: 'internal', bool: true }, { name: 'all-clusters', short: 'A', bool: true }]);
    if (!p.ok) return err(io, p.error);
    const name = typeof p.flags.name === 'string' ? p.flags.name : defaultName();
    if (what === 'clusters') {
      const l = m.list();
      if (!l.length) io.stderr('No kind clusters found.\n');
      for (const c of l) io.stdout(`${c}\n`);
      return 0;
    }
    if (what === 'nodes') {
      const names = p.flags['all-clusters'] ? m.list() : [name];
      const nodes = names.flatMap((n) => m.get(n)?.cluster.nodeNames() ?? []);
      if (!nodes.length) io.stderr(p.flags['all-clusters'] ? 'No kind nodes for any cluster.\n' : `No kind nodes found for cluster "${name}".\n`);
      for (const n of shuffleNodes(nodes)) io.stdout(`${n}\n`);
      return 0;
    }
    if (what === 'kubeconfig') {
      const c = m.get(name);
      if (!c) return err(io, `could not locate any control plane nodes for cluster named '${name}'. Use the --name option to select a different cluster`);
      io.stdout(p.flags.internal ? c.kubeconfig.replace(c.server, `https://${name}-control-plane:6443`) : c.kubeconfig);
      return 0;
    }
    return err(io, `unknown command "${what ?? ''}" for "kind get"`);
  }

  return async (argv, ioIn, signal) => {
    // -q/--quiet silences kind's logger except errors.
    const quiet = argv.includes('-q') || argv.includes('--quiet');
    const io: Io = quiet ? { stdout: ioIn.stdout, stderr: (s) => s.startsWith('ERROR: ') && ioIn.stderr(s) } : ioIn;
    const [cmd, sub, ...rest] = argv;
    if (cmd === 'export' && sub === 'kubeconfig') {
      const p = parseFlags(rest, [...NAME_FLAGS, { name: 'internal', bool: true }]);
      if (!p.ok) return err(io, p.error);
      const name = typeof p.flags.name === 'string' ? p.flags.name : defaultName();
      if (!m.setCurrent(name)) return err(io, `could not locate any control plane nodes for cluster named '${name}'. Use the --name option to select a different cluster`);
      io.stderr(`Set kubectl context to "kind-${name}"\n`);
      return 0;
    }
    if (cmd === 'version' || cmd === '--version') {
      io.stdout(`kind ${KIND_VERSION} ${KIND_GO} linux/amd64\n`);
      return 0;
    }
    if (cmd === 'create' && sub === 'cluster') return create(rest, io, signal);
    if (cmd === 'delete' && sub === 'cluster') return del(rest, io);
    if (cmd === 'delete' && sub === 'clusters') return delClusters(rest, io);
    if (cmd === 'get') return get(sub, rest, io);
    if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      io.stdout('kind creates and manages local Kubernetes clusters using Docker container \'nodes\'\n\nUsage:\n  kind [command]\n\nAvailable Commands:\n  create      Creates one of [cluster]\n  delete      Deletes one of [cluster]\n  get         Gets one of [clusters, nodes, kubeconfig]\n  version     Prints the kind CLI version\n');
      return 0;
    }
    return err(io, `unknown command "${[cmd, sub].filter(Boolean).join(' ')}" for "kind"`);
  };
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`;
}
