// fast-check generators for command lines: lab-shaped words mixed with shell syntax, terminal
// escapes, C0/C1 bytes, look-alike Unicode, denied kubectl flags in every spelling, and sheer size.
import fc from 'fast-check';

const PROGRAMS = ['kubectl', 'kind', 'docker', 'grep', 'sh', 'bash', 'kubectl-foo', 'sudo', './kubectl', '/usr/bin/kubectl', 'KUBECTL'];
const VERBS = ['get', 'describe', 'logs', 'apply', 'create', 'delete', 'run', 'exec', 'proxy', 'config', 'cluster-info', 'rollout', 'wait', 'version', 'plugin', 'ctx', 'ps', 'cluster', 'clusters', 'nodes', 'pods', 'kubeconfig', 'use-context', 'view', 'status', 'info', 'test-control-plane', 'cat', 'ls'];
const WORDS = ['pods', 'nodes', '-A', '-n', 'kube-system', 'default', '-o', 'wide', 'yaml', 'json', 'jsonpath={.items}', '-l', 'app=x', '-w', '--watch', '-f', 'pod.yaml', 'kind-1m3w-nocni.yaml', '-', '--name', 'test', '--config', '--image=nginx', '--', 'x', 'kind-test', '--minify', '-v', '4', '9', '--tail=5', '-c', '/etc/cni/net.d', '/etc/passwd', 'deployment/x', '--dry-run=client'];
const DENIED = [
  '--kubeconfig=/tmp/k', '--kubeconfig', '/tmp/k', '--server=http://evil', '--server', '-s', 'https://evil', '-shttps://evil', '-s=https://evil', '-As', '-Ans',
  '--token=t', '--token', '--as=admin', '--as', 'admin', '--as-group=system:masters', '--as_group=g', '--as-uid=1', '--user=u', '--cluster=c',
  '--client-key=/k', '--client_key=/k', '--client-certificate=/c', '--certificate-authority=/ca', '--certificate_authority=/ca', '--insecure-skip-tls-verify',
  '--insecure_skip_tls_verify=true', '--tls-server-name=x', '--cache-dir=/tmp', '--cache_dir=/tmp', '--kuberc=/x', '-k', '.', '-k.', '--kustomize=.', '--context=other',
  '-o', 'go-template-file=/etc/passwd', '-ojsonpath-file=/x', '--output=template={{.}}', '--template=x', '--v=9', '-v=9', '-v9', '--vmodule=*=9',
  '-f', 'https://evil/x.yaml', '-f/etc/passwd', '-f=../x.yaml', '--filename=/etc/passwd', '-Rf', 'x/y.yaml', '-f', '..', '--filename', '~/.kube/config',
  '--username=u', '--password=p', '--profile=cpu', '--log-file=/tmp/x', '--from-file=/etc/passwd',
];
const META = [';', '|', '||', '&', '&&', '$(id)', '`id`', '$HOME', '${X}', '>', '>>', '<', '2>&1', '(', ')', '{', '}', '\\', '*', '?', '~', '#', '!', "'", '"', "'$(id)'", '"$(id)"', '"`id`"', "';'", '";"', "'a b'", '"a\\"b"', '\\n', '\n', '\r', '\r\n'];
const CONTROLS = ['\x1b[A', '\x1b[?1;2c', '\x1b[200~', '\x1b[201~', '\x1b]52;c;Y3VybCBldmlsfHNo\x07', '\x1b]0;t\x1b\\', '\x1bP$qm\x1b\\', '\x1b', '\x9b31m', '\x9d0;x\x9c', '\x90x\x9c', '\x00', '\x07', '\x08', '\x7f', '\x85', '\x9f', '\t', '\x0b', '\x0c', '\x1bc', '\x1b(B'];
const UNICODE = ['\u2013', '\u2014', '\u2212', '\u2010', '\uFF0D', '\u2018', '\u2019', '\u201C', '\u201D', '\uFF02', '\u202E', '\u202D', '\u2066', '\u2069', '\u200B', '\u200D', '\uFEFF', '\u00A0', '\u3000', 'е', 'ｋｕｂｅｃｔｌ', 'ﬁ', 'e\u0301', '\uD83D\uDE00', '\uD800', '\u0085', '\u2028'];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...DENIED) },
  { weight: 2, arbitrary: fc.constantFrom(...VERBS) },
  { weight: 2, arbitrary: fc.constantFrom(...META) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROLS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
const sep = fc.constantFrom(' ', ' ', ' ', '', '  ', '\t', '=', "'", '"', ' | ', '|');

/** A lab-shaped command line: a program, a verb, then pieces joined by random separators. */
export const commandLine: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PROGRAMS), fc.constantFrom(...VERBS), fc.array(fc.tuple(sep, piece), { maxLength: 14 }), fc.constantFrom('', '\n', '\r\n', ' '))
  .map(([p, v, rest, end]) => `${p} ${v}${rest.map(([s, w]) => s + w).join('')}${end}`);

const GOOD_KUBECTL = ['get pods', 'get nodes -o wide', 'get pods -A', 'describe node x', 'logs x', 'apply', 'delete pod x', 'run x --image=nginx', 'config view --minify', 'wait', 'create', 'rollout status deployment/x', 'get', 'logs -f x'];

/** Mostly-valid kubectl lines with a few extra words: the shape most likely to be accepted while carrying a denied flag. */
export const plausibleKubectl: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...GOOD_KUBECTL), fc.array(fc.tuple(fc.constantFrom(' ', ' ', ' ', '=', ''), fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...DENIED), fc.constantFrom("'", '"', '\x1b[A', '\u2013', '_', '-', '--'))), { maxLength: 6 }))
  .map(([head, rest]) => `kubectl ${head}${rest.map(([s, w]) => (s === '' || s === '=' ? s + w : ` ${w}`)).join('')}`);

/** Everything the parser may be fed, from plausible to hostile. */
export const anyCommandInput: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: commandLine },
  { weight: 4, arbitrary: plausibleKubectl },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...META, ...CONTROLS, ...UNICODE), { maxLength: 40 }).map((a) => `kubectl get pods ${a.join('')}`) },
  // Size limits: long lines, many tokens, many pipes, long quoted words (ReDoS-shaped grep patterns too).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'x ', '-', '"', "'", '|', 'é', '(a+)+', '\x1b['), fc.integer({ min: 1, max: 5000 })).map(([s, n]) => `kubectl get pods ${s.repeat(n)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 200 }).map((n) => `kubectl get ${'pods '.repeat(n)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => `kubectl get pods${' | grep x'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('(a+)+$', '(a|a)*b', '(.*a){20}', '([a-z]+)*!', 'a{1,100000}', '\\', '[', '(?<x>a)\\k<x>', '(?=a)'), fc.string({ maxLength: 30 })).map(([p, s]) => `kubectl get pods | grep -E '${p}${s.replace(/'/g, '')}'`) },
);
