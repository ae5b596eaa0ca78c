// Decides which kind/kubectl/docker invocations the lab may start. Dangerous flags (connection,
// identity, local files) are refused everywhere; unknown but harmless flags are passed on so the
// learner sees the real tool's own error (e.g. kubectl's `unknown flag: --generator`).
import type { CommandSpec, Refusal } from './types';
import { checkKubectl } from './allowlist-kubectl';
import { checkDocker } from './allowlist-docker';
import { checkClusterName, LESSON_FILE, refuse, show, type CheckResult } from './allowlist-common';

export { CLUSTER_NAME, LESSON_FILE, checkClusterName, type CheckResult } from './allowlist-common';

export function checkCommand(spec: CommandSpec): CheckResult {
  switch (spec.program) {
    case 'kind':
      return checkKind(spec.args);
    case 'kubectl':
      return checkKubectl(spec.args);
    case 'docker':
      return checkDocker(spec.args);
    default:
      return refuse('not-allowed', `Refused: ${show(String(spec.program))} is not a lab command. The lab runs kind, kubectl and docker only.`);
  }
}

const KIND_IMAGE = /^kindest\/node:v\d{1,3}\.\d{1,3}\.\d{1,3}(-[a-z0-9.]{1,20})?(@sha256:[a-f0-9]{64})?$/;
const GO_DURATION = /^(\d{1,6}(ms|s|m|h))+$/;

type FlagRule = (value: string) => Refusal | null;

const KIND_FLAGS: Record<string, Record<string, FlagRule | 'bool'>> = {
  'create cluster': {
    name: (v) => checkClusterName(v),
    config: (v) =>
      LESSON_FILE.test(v) ? null : refuse('bad-argument', `Refused: --config takes a lesson file name such as kind-config.yaml, not ${show(v)}.`),
    image: (v) =>
      KIND_IMAGE.test(v) ? null : refuse('bad-argument', `Refused: --image must be a kindest/node image such as kindest/node:v1.36.1, not ${show(v)}.`),
    wait: (v) => (GO_DURATION.test(v) ? null : refuse('bad-argument', `Refused: --wait takes a duration such as 60s or 2m, not ${show(v)}.`)),
  },
  'delete cluster': { name: (v) => checkClusterName(v) },
  'get clusters': {},
  'get nodes': { name: (v) => checkClusterName(v) },
  'get kubeconfig': { name: (v) => checkClusterName(v), internal: 'bool' },
  version: {},
};
const KIND_GLOBAL: Record<string, FlagRule | 'bool'> = {
  quiet: 'bool',
  q: 'bool',
  help: 'bool',
  h: 'bool',
  verbosity: (v) => (/^\d$/.test(v) ? null : refuse('bad-argument', 'Refused: --verbosity takes a number from 0 to 9.')),
  v: (v) => (/^\d$/.test(v) ? null : refuse('bad-argument', 'Refused: -v takes a number from 0 to 9.')),
};
const KIND_MUTATING = new Set(['create cluster', 'delete cluster']);

function checkKind(args: string[]): CheckResult {
  const words = args.filter((a) => !a.startsWith('-'));
  const quick = { ok: true, mutating: false, longRunning: false } as const;
  if (args.length === 1 && (args[0] === '--version' || args[0] === '--help' || args[0] === '-h')) return quick;
  if (args.length === 0) return quick; // kind prints its help
  const cmd = args[0] === 'version' ? 'version' : `${args[0]} ${args[1] ?? ''}`.trim();
  const flags = KIND_FLAGS[cmd];
  if (!flags || args[0].startsWith('-')) {
    return refuse(
      'not-allowed',
      `Refused: "kind ${words.slice(0, 2).join(' ')}" is not available in the lab. It runs kind create cluster, delete cluster, get clusters|nodes|kubeconfig and version.`,
    );
  }
  const rest = args.slice(cmd.split(' ').length);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('-') || a === '-' || a === '--') {
      return refuse('bad-argument', `Refused: "kind ${cmd}" takes no argument ${show(a)}; use flags such as --name.`);
    }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const rule = flags[name] ?? KIND_GLOBAL[name];
    if (!rule || (a.startsWith('--') ? name.length < 2 : name.length !== 1)) {
      const allowed = Object.keys(flags).map((f) => `--${f}`).join(', ');
      return refuse('not-allowed', `Refused: ${show(`--${name}`.replace(/^--(.)$/, '-$1'))} is not allowed for "kind ${cmd}"${allowed ? `. Allowed: ${allowed}` : ''}.`);
    }
    if (rule === 'bool') {
      if (eq >= 0) return refuse('bad-argument', `Refused: ${a} takes no value.`);
      continue;
    }
    const value: string | undefined = eq >= 0 ? body.slice(eq + 1) : rest[++i];
    if (value === undefined) return refuse('bad-argument', `Refused: ${a} needs a value.`);
    const bad = rule(value);
    if (bad) return bad;
  }
  const mutating = KIND_MUTATING.has(cmd);
  return { ok: true, mutating, longRunning: mutating };
}
