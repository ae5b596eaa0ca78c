// docker rules: read-only views of the kind node containers. `docker exec` runs only a fixed set
// of inspection commands inside a kind node (CNI config and binaries, containers on the node).
import type { Refusal } from './types';
import { refuse, show, type CheckResult } from './allowlist-common';

export const KIND_NODE = /^[a-z0-9-]+-(control-plane|worker\d*)$/;
const CNI_CONF_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;
const PS_FILTER = /^(label|name|status|id|ancestor|network)=[A-Za-z0-9._:/=-]{1,200}$/;
// `{{.Field}}` / `{{json .Field}}` placeholders joined by plain text, or the json/table presets.
const PS_FORMAT = /^(json|table|(table )?([ A-Za-z0-9:,|\\/-]*\{\{ ?(json )?\.[A-Za-z]+ ?\}\})+[ A-Za-z0-9:,|\\/-]*)$/;
const OK = { ok: true, mutating: false, longRunning: false } as const;

const usage = 'Refused: the lab runs docker ps, docker version, docker info and docker exec <kind node> with a few inspection commands.';

export function checkDocker(args: string[]): CheckResult {
  const [verb, ...rest] = args;
  if (verb === 'version' || verb === 'info') {
    return rest.length === 0 ? OK : refuse('bad-argument', `Refused: the lab runs "docker ${verb}" without options.`);
  }
  if (verb === 'ps') return checkPs(rest);
  if (verb === 'exec') return checkExec(rest);
  if (verb === undefined) return refuse('bad-argument', usage);
  return refuse('not-allowed', verb.startsWith('-') ? `Refused: docker options such as ${show(verb)} are not allowed in the lab.` : usage);
}

function checkPs(args: string[]): CheckResult {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (['-a', '--all', '-q', '--quiet', '--no-trunc', '-l', '--latest', '-s', '--size', '-aq', '-qa'].includes(a)) continue;
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (name === '--filter' || name === '-f' || name === '--format') {
      const value = inline ?? args[++i];
      if (value === undefined) return refuse('bad-argument', `Refused: ${name} needs a value.`);
      const okValue = name === '--format' ? PS_FORMAT.test(value) : PS_FILTER.test(value);
      if (!okValue) {
        return refuse('bad-argument', name === '--format'
          ? `Refused: --format accepts json, table or placeholders like "{{.Names}} {{.Status}}", not ${show(value)}.`
          : `Refused: --filter accepts label=…, name=…, status=…, not ${show(value)}.`);
      }
      continue;
    }
    return refuse('not-allowed', `Refused: ${show(a)} is not allowed for docker ps here. Allowed: -a, -q, --filter, --format, --no-trunc.`);
  }
  return OK;
}

function checkExec(args: string[]): CheckResult {
  const [node, cmd, ...rest] = args;
  if (node === undefined || node.startsWith('-')) {
    return refuse('not-allowed', 'Refused: docker exec options (-it, -e, -u, --privileged…) are not allowed; use: docker exec <node> <command>.');
  }
  if (!KIND_NODE.test(node)) {
    return refuse('bad-argument', `Refused: ${show(node)} is not a kind node name (such as test-control-plane or test-worker2).`);
  }
  const bad = checkInner(cmd, rest);
  return bad ?? OK;
}

const LS_DIRS = new Set(['/etc/cni/net.d', '/etc/cni/net.d/', '/opt/cni/bin', '/opt/cni/bin/', '/etc/kubernetes/manifests', '/etc/kubernetes/manifests/']);
const INNER_USAGE =
  'Refused: inside a node the lab runs only: ls [-l|-la] /etc/cni/net.d|/opt/cni/bin|/etc/kubernetes/manifests, cat /etc/cni/net.d/<file>, cat /kind/manifests/default-cni.yaml, crictl ps [-a], crictl pods, crictl images, crictl info, ip addr, ip route.';

function checkInner(cmd: string | undefined, rest: string[]): Refusal | null {
  const ok =
    (cmd === 'ls' && lsOk(rest)) ||
    (cmd === 'cat' && rest.length === 1 && catOk(rest[0])) ||
    (cmd === 'crictl' && (eq(rest, ['ps']) || eq(rest, ['ps', '-a']) || eq(rest, ['pods']) || eq(rest, ['images']) || eq(rest, ['info']))) ||
    (cmd === 'ip' && rest.length === 1 && ['addr', 'a', 'route', 'r'].includes(rest[0]));
  return ok ? null : refuse('not-allowed', INNER_USAGE);
}

function lsOk(rest: string[]): boolean {
  const opts = rest.filter((a) => a.startsWith('-'));
  const dirs = rest.filter((a) => !a.startsWith('-'));
  return opts.every((o) => ['-l', '-la', '-al', '-a', '-1'].includes(o)) && dirs.length === 1 && LS_DIRS.has(dirs[0]);
}

function catOk(path: string): boolean {
  if (path === '/kind/manifests/default-cni.yaml') return true;
  const prefix = '/etc/cni/net.d/';
  return path.startsWith(prefix) && CNI_CONF_FILE.test(path.slice(prefix.length)) && !path.includes('..');
}

const eq = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
