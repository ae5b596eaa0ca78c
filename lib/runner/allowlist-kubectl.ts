// kubectl rules. Verbs come from an allowlist because kubectl runs `kubectl-<verb>` from PATH for
// any verb it does not know (plugins). Flags that pick another server or identity, or read or
// write local files, are refused wherever they appear, in `--f=v`, `--f v` and short forms.
import type { Refusal } from './types';
import { CLUSTER_NAME, LESSON_FILE, refuse, show, type CheckResult } from './allowlist-common';

const READ_VERBS = ['get', 'describe', 'logs', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'wait', 'top', 'config', 'events', 'help', 'options'];
const WRITE_VERBS = ['run', 'create', 'apply', 'delete', 'scale', 'rollout', 'label', 'annotate', 'taint', 'cordon', 'uncordon', 'expose'];
const VERBS = new Set([...READ_VERBS, ...WRITE_VERBS]);

const DENIED_VERBS: Record<string, string> = {
  exec: 'it opens a shell or runs programs inside a container',
  attach: 'it attaches to a running container interactively',
  cp: 'it copies files between this computer and containers',
  proxy: 'it opens a second API server proxy on this computer',
  'port-forward': 'it opens network ports on this computer',
  debug: 'it starts interactive debug containers',
  edit: 'it opens an editor on this computer',
  plugin: 'it lists and runs kubectl plugins from this computer',
  auth: 'it inspects or changes credentials',
  certificate: 'it approves certificate requests (credentials)',
  kustomize: 'it reads directories on this computer',
  replace: 'use kubectl apply -f with a lesson file instead',
  patch: 'use kubectl apply -f with a lesson file instead',
  drain: 'it evicts every pod of a node; the lessons do not need it',
  alpha: 'alpha commands are not part of the lessons',
  completion: 'it prints shell code for your own shell',
};
const PLUGIN_HINTS: Record<string, string> = {
  ctx: ' "kubectl ctx" is the kubectx plugin; use: kubectl config use-context kind-<name>',
  ns: ' "kubectl ns" is the kubens plugin; use -n <namespace> on each command.',
};

const CONNECTION = 'the lab chooses the cluster connection and identity itself';
const LOCAL_FILES = 'it reads or writes files on this computer';
const DENIED_FLAGS: Record<string, string> = {
  kubeconfig: CONNECTION, server: CONNECTION, s: CONNECTION, token: CONNECTION, user: CONNECTION, cluster: CONNECTION,
  username: CONNECTION, password: CONNECTION, 'certificate-authority': CONNECTION, 'client-certificate': CONNECTION,
  'client-key': CONNECTION, 'insecure-skip-tls-verify': CONNECTION, 'tls-server-name': CONNECTION,
  as: CONNECTION, 'as-group': CONNECTION, 'as-uid': CONNECTION, 'as-user-extra': CONNECTION,
  'cache-dir': LOCAL_FILES, kuberc: LOCAL_FILES, template: LOCAL_FILES, kustomize: LOCAL_FILES, k: LOCAL_FILES,
  profile: LOCAL_FILES, 'profile-output': LOCAL_FILES, 'log-file': LOCAL_FILES, 'log-dir': LOCAL_FILES,
  'output-directory': LOCAL_FILES, 'from-file': LOCAL_FILES, 'from-env-file': LOCAL_FILES, 'env-file': LOCAL_FILES,
  vmodule: 'per-file verbosity can print credentials and request bodies',
};

// Flags whose value may be the next word. Short letters treated as value-taking never hide a
// following letter from the checks: unknown letters count as booleans (over-strict, never lax).
const VALUE_LONG = new Set(['namespace', 'context', 'output', 'filename', 'selector', 'container', 'v', 'image', 'request-timeout',
  'kubeconfig', 'server', 'token', 'user', 'cluster', 'username', 'password', 'certificate-authority', 'client-certificate',
  'client-key', 'tls-server-name', 'as', 'as-group', 'as-uid', 'as-user-extra', 'cache-dir', 'kuberc', 'template', 'kustomize',
  'profile', 'profile-output', 'log-file', 'log-dir', 'output-directory', 'from-file', 'from-env-file', 'env-file', 'field-selector']);
const VALUE_SHORT = new Set(['n', 'o', 'l', 'f', 'k', 's', 'v', 'c', 'L']);
const LEADING_OK = new Set(['namespace', 'n', 'context', 'v', 'request-timeout', 'help', 'h']);

interface Flag { name: string; long: boolean; value?: string; raw: string }

function scan(args: string[], verb: string | null): { flags: Flag[]; positionals: number[] } {
  const flags: Flag[] = [];
  const positionals: number[] = [];
  const valueShort = verb === 'logs' ? new Set([...VALUE_SHORT].filter((c) => c !== 'f')) : VALUE_SHORT;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      // kubectl stops reading flags here (`run x --image=y -- sh -c …`); the words after it are
      // the container's command. Refused long flags are still caught by the final word scan.
      for (let k = i + 1; k < args.length; k++) positionals.push(k);
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positionals.push(i);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      // kubectl normalises "_" to "-" in flag names (--client_key is --client-key).
      const name = (eq < 0 ? a.slice(2) : a.slice(2, eq)).replace(/_/g, '-');
      let value = eq < 0 ? undefined : a.slice(eq + 1);
      if (value === undefined && VALUE_LONG.has(name) && i + 1 < args.length) value = args[++i];
      flags.push({ name, long: true, value, raw: a });
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (valueShort.has(c)) {
        let value: string | undefined = a.slice(j + 1).replace(/^=/, '');
        if (value === '' && j + 1 === a.length) value = i + 1 < args.length ? args[++i] : undefined;
        flags.push({ name: c, long: false, value, raw: a });
        break;
      }
      flags.push({ name: c, long: false, raw: a });
    }
  }
  return { flags, positionals };
}

const flagText = (f: Flag) => (f.long ? `--${f.name}` : `-${f.name}`);

function checkFlag(f: Flag, verb: string | null): Refusal | null {
  const reason = f.long
    ? f.name.length > 1 && (DENIED_FLAGS[f.name] ?? (/^(as|client)-/.test(f.name) ? CONNECTION : undefined))
    : (f.name === 's' || f.name === 'k') && DENIED_FLAGS[f.name];
  if (reason) return refuse('not-allowed', `Refused: ${flagText(f)} is not allowed in the lab; ${reason}.`);
  const name = f.long ? f.name : ({ o: 'output', f: 'filename', v: 'v' } as Record<string, string>)[f.name];
  if (name === 'output' && f.value !== undefined) {
    const format = f.value.split('=')[0];
    if (/file$/i.test(format) || format === 'template') {
      return refuse('not-allowed', `Refused: -o ${format}=… is not allowed in the lab; ${LOCAL_FILES}. Inline -o jsonpath=… works.`);
    }
  }
  if (name === 'filename' && verb !== 'logs') {
    const v = f.value ?? '';
    if (v !== '-' && !LESSON_FILE.test(v)) {
      return refuse('bad-argument', `Refused: -f takes a lesson file name (such as pod.yaml) or - for the editor, not ${show(v)}. URLs and paths are not allowed.`);
    }
  }
  if (name === 'v') {
    const v = f.value ?? '';
    if (!/^[+-]?\d{1,3}$/.test(v)) return refuse('bad-argument', `Refused: -v takes a log level number, not ${show(v)}.`);
    if (Number(v) >= 5) return refuse('not-allowed', 'Refused: -v 5 and above print credentials and request bodies; use -v 4 or lower.');
  }
  if (f.long && f.name === 'context' && !(f.value?.startsWith('kind-') && CLUSTER_NAME.test(f.value.slice(5)))) {
    return refuse('not-allowed', `Refused: --context must name a lab cluster (kind-<name>), not ${show(f.value ?? '')}.`);
  }
  return null;
}

export function checkKubectl(args: string[]): CheckResult {
  const first = scan(args, null);
  const verbIndex = first.positionals[0];
  const verb = verbIndex === undefined ? null : args[verbIndex];
  const { flags, positionals } = scan(args, verb);
  const pos = positionals.map((i) => args[i]);

  for (const f of flags) {
    const bad = checkFlag(f, verb);
    if (bad) return bad;
  }
  // Belt and braces: a word that looks like a refused long flag is refused even where it would
  // be read as another flag's value.
  for (const a of args) {
    const name = /^--([^=]+)/.exec(a)?.[1].replace(/_/g, '-');
    const bad = name && name !== 'context' && name in DENIED_FLAGS ? checkFlag({ name, long: true, raw: a }, verb) : null;
    if (bad) return bad;
  }
  const leadingEnd = verbIndex ?? args.length;
  const leading = scan(args.slice(0, leadingEnd), null).flags;
  const misplaced = leading.find((f) => !LEADING_OK.has(f.name));
  if (misplaced) {
    return refuse('bad-argument', `Refused: put ${flagText(misplaced)} after the command, e.g. kubectl get pods ${flagText(misplaced)} …`);
  }
  if (verb === null) return { ok: true, mutating: false, longRunning: false }; // kubectl prints its help
  if (verb in DENIED_VERBS) return refuse('not-allowed', `Refused: "kubectl ${verb}" is not available in the lab; ${DENIED_VERBS[verb]}.`);
  if (!VERBS.has(verb)) {
    return refuse('not-allowed', `Refused: ${show(verb)} is not a kubectl command the lab runs (kubectl would look for a plugin named kubectl-${verb}).${PLUGIN_HINTS[verb] ?? ''}`);
  }
  const has = (...names: string[]) => flags.some((f) => names.includes(f.name));
  const sub = pos[1];
  let mutating = WRITE_VERBS.includes(verb);
  if (verb === 'config') {
    const bad = checkConfig(pos.slice(1), has);
    if (bad) return bad;
  }
  if (verb === 'rollout') {
    if (!['status', 'history', 'restart', 'undo', 'pause', 'resume'].includes(sub ?? '')) {
      return refuse('not-allowed', 'Refused: the lab runs kubectl rollout status|history|restart|undo|pause|resume.');
    }
    mutating = !['status', 'history'].includes(sub);
  }
  if (verb === 'run') {
    const interactive = flags.find((f) => ['i', 't', 'stdin', 'tty', 'attach'].includes(f.name));
    if (interactive) return refuse('not-allowed', `Refused: ${flagText(interactive)} makes kubectl run interactive, which the lab does not support.`);
    if (!flags.some((f) => f.long && f.name === 'image' && f.value)) {
      return refuse('bad-argument', 'Refused: kubectl run needs --image=<image>, for example: kubectl run nginx --image=nginx');
    }
  }
  const longRunning =
    verb === 'wait' ||
    (verb === 'rollout' && sub === 'status') ||
    has('w', 'watch', 'watch-only') ||
    (verb === 'logs' && has('f', 'follow'));
  return { ok: true, mutating, longRunning };
}

function checkConfig(pos: string[], has: (...n: string[]) => boolean): Refusal | null {
  const usage = 'Refused: the lab runs kubectl config current-context, get-contexts, use-context kind-<name> and view --minify.';
  const [sub, arg, extra] = pos;
  if (sub === 'current-context' || sub === 'get-contexts') return pos.length <= 2 ? null : refuse('bad-argument', usage);
  if (sub === 'use-context') {
    if (extra !== undefined || !arg?.startsWith('kind-') || !CLUSTER_NAME.test(arg.slice(5))) return refuse('bad-argument', usage);
    return null;
  }
  if (sub === 'view') {
    if (has('raw', 'flatten')) return refuse('not-allowed', 'Refused: kubectl config view --raw/--flatten would print credentials.');
    return has('minify') && pos.length === 1 ? null : refuse('bad-argument', usage);
  }
  return refuse('not-allowed', usage);
}
