// The streaming matcher on real text: the article's transcripts, the facts file's snippets, terminal
// mechanics (ANSI, CR/LF, spinner rewrites, chunk boundaries) and the healthy lines it must leave alone.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotateText, createLineMatcher, matchLine, plainLine, type Match } from './matcher';
import { ARTICLE_FILE, FACTS_FILE, requireSharedFile } from './testing/shared';

const ARTICLE = readFileSync(requireSharedFile(ARTICLE_FILE), 'utf8');
const FACTS = readFileSync(requireSharedFile(FACTS_FILE), 'utf8');
const pairs = (ms: Match[]) => ms.map((m) => `${m.line} ${m.topic}`);

describe('the article (source: article)', () => {
  const matches = annotateText(ARTICLE);
  const lines = ARTICLE.split('\n');

  it('tags exactly the failure lines of its transcripts', () => {
    expect(pairs(matches)).toEqual([
      '105 pod-pending', // nginx   0/1     Pending
      '116 untolerated-taint-control-plane', // FailedScheduling: master taint …
      '116 untolerated-taint-not-ready', // … and not-ready taint
      '124 node-not-ready', // get nodes -o wide: four NotReady rows
      '125 node-not-ready',
      '126 node-not-ready',
      '127 node-not-ready',
      '158 untolerated-taint-not-ready', // Taints: … node.kubernetes.io/not-ready:NoSchedule
      '171 node-not-ready', // Ready False … KubeletNotReady
      '172 network-plugin-not-ready', // its wrapped Message: runtime network not ready: …
      '232 network-plugin-not-ready', // the warning quoted on its own
      '347 coredns-pending',
      '348 coredns-pending',
      '349 pod-pending', // local-path-provisioner
    ]);
    // Line numbers point at the right text.
    expect(lines[104]).toContain('nginx   0/1     Pending');
    expect(lines[171]).toContain('runtime network not ready:');
    expect(matches.every((m) => lines[m.line - 1].trim() === m.text.trim())).toBe(true);
  });

  it('leaves the healthy transcript lines untagged', () => {
    const tagged = new Set(matches.map((m) => m.line));
    const healthy = [
      ' ✓ Starting control-plane 🕹️',
      'Set kubectl context to "kind-test"',
      'Switched to context "kind-test".',
      'Kubernetes master is running at https://127.0.0.1:44495',
      'pod/nginx created',
      'NAME    READY   STATUS    RESTARTS   AGE',
      'Taints:             node-role.kubernetes.io/master:NoSchedule',
      '  MemoryPressure   False',
      '  Normal  Starting                 39m                kubelet, kind-control-plane     Starting kubelet.',
      'Unschedulable:      false',
      'default              Active   49m',
    ];
    for (const h of healthy) {
      const i = lines.findIndex((l) => l.startsWith(h));
      expect(i, h).toBeGreaterThanOrEqual(0);
      expect(tagged.has(i + 1), h).toBe(false);
    }
  });
});

describe('real snippets quoted in the facts file (sources: URLs given there)', () => {
  const snippet = (needle: string) => {
    const line = FACTS.split('\n').find((l) => l.includes(needle));
    if (!line) throw new Error(`not in facts file: ${needle}`);
    const inner = /`([^`]+)`/.exec(line);
    return inner && line.trim().startsWith('`') ? inner[1] : line; // strip the markdown quoting
  };
  it.each([
    // §2.1, https://github.com/kubernetes-sigs/kind/issues/4012
    ['container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', ['network-plugin-not-ready']],
    // §2.2, a public notes file (kind, containerd 2)
    ['west-worker          NotReady   <none>', ['node-not-ready']],
    // §2.3, https://github.com/kubernetes-sigs/kind/issues/3603
    ['Taints:             node.kubernetes.io/not-ready:NoSchedule', ['untolerated-taint-not-ready']],
    // §2.5 #1, https://github.com/kata-containers/kata-containers/issues/5731
    ['Warning  FailedScheduling        2m10s', ['untolerated-taint-not-ready']],
    // §2.5 #2, https://github.com/kubernetes/kubernetes/issues/116133
    ['Warning  FailedScheduling  61s (x2 over 6m23s)', ['untolerated-taint-control-plane']],
    // §2.5 #3, https://github.com/kubernetes-sigs/kubespray/issues/9989
    ['`0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }`', ['untolerated-taint-not-ready']],
    // §2.5 #6, https://github.com/fujitatomoya/ros_k8s/issues/22
    ['kubelet.go:2373] "Container runtime network not ready"', ['network-plugin-not-ready']],
    // §2.5 #7, https://github.com/kubernetes-sigs/kind/issues/979
    ['level=error msg="Failed to load cni configuration"', ['cni-config-missing']],
    // §2.5 #8, https://github.com/ViktorUJ/cks/issues/139
    ['ip-10-2-19-15   NotReady', ['node-not-ready']],
    // §2.5 #9, public test fixture (1.34+ DRA wording)
    ['no new claims to deallocate, preemption: 0/6', ['untolerated-taint-generic']],
    // §2.5 #10, public alert fixture
    ['`network is not ready: container runtime', ['network-not-ready-pod']],
    // §6, https://github.com/ko-build/ko/issues/747
    ['error: unknown flag: --generator', ['unknown-flag-generator']],
  ])('%s', (needle, topics) => {
    expect(matchLine(snippet(needle))).toEqual(topics);
  });

  it('orders a line with several topics by specificity', () => {
    // CRI-O's NetworkReady text (§2.1): the config-missing explanation is the more specific one.
    expect(matchLine(snippet('* CRI-O: '))).toEqual(['cni-config-missing', 'network-plugin-not-ready']);
    // describe node on 1.21+: the Ready row carries its message on the same line.
    expect(matchLine('  Ready            False   Fri, 27 Nov 2026 05:46:41 +0000   Fri, 27 Nov 2026 05:46:41 +0000   KubeletNotReady              container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'))
      .toEqual(['network-plugin-not-ready', 'node-not-ready']);
  });
});

describe('healthy lines are never tagged', () => {
  it.each([
    'test-worker          Ready    <none>          5m    v1.36.1',
    'nginx   1/1     Running   0          45s',
    '  Ready            True    Fri, 27 Nov 2026 05:50:12 +0000   Fri, 27 Nov 2026 05:50:12 +0000   KubeletReady                 kubelet is posting ready status',
    '  Normal  Scheduled  10s   default-scheduler  Successfully assigned default/nginx to test-worker2',
    '  Normal  Pulling    9s    kubelet            Pulling image "nginx"',
    '  Normal  Created    3s    kubelet            Created container: nginx',
    '  Normal  Started    3s    kubelet            Started container nginx',
    '  Normal  NodeReady  1s    kubelet            Node test-worker status is now: NodeReady',
    'node/test-worker condition met',
    ' ✓ Waiting ≤ 1m0s for control-plane = Ready ⏳',
    'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
    '                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    'kubectl get pods -A | grep Pending',
    'Deleted nodes: ["test-worker2" "test-control-plane" "test-worker" "test-worker3"]',
    'Have a nice day! 👋',
    'kind v0.32.0 go1.26.3 linux/amd64',
  ])('%s', (line) => {
    expect(matchLine(line)).toEqual([]);
  });
});

describe('terminal mechanics', () => {
  it('strips ANSI colours for matching and reports the plain text', () => {
    const raw = '\x1b[31mERROR: failed to create cluster: node(s) already exist for a cluster with the name "test"\x1b[0m\n';
    expect(annotateText(raw)).toEqual([{ line: 1, topic: 'kind-cluster-exists', text: 'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "test"' }]);
  });

  it('counts only the final text of a spinner line rewritten with \\r', () => {
    // kind on a TTY: spinner frames, then the ✗ result, each after a carriage return (kind issue #2880 shape).
    const raw = ' • Starting control-plane 🕹️  ...\r⠈⠑ Starting control-plane 🕹️ \r\x1b[2K \x1b[31m✗\x1b[0m Starting control-plane 🕹️\n ✓ Preparing nodes 📦\r\n';
    expect(annotateText(raw)).toEqual([{ line: 1, topic: 'kind-create-failed', text: ' ✗ Starting control-plane 🕹️' }]);
    // A ✗ overwritten by a ✓ is not a failure.
    expect(annotateText(' ✗ Starting control-plane 🕹️\r ✓ Starting control-plane 🕹️\n')).toEqual([]);
  });

  it('handles CRLF, a last line without newline, and lines split across chunks', () => {
    const m = createLineMatcher();
    const got: Match[] = [];
    got.push(...m.push('pod/nginx created\r'));
    got.push(...m.push('\nnginx   0/1     Pend'));
    expect(got).toEqual([]);
    got.push(...m.push('ing   0          7s\r\nerror: unknown fl'));
    got.push(...m.push('ag: --generator'));
    expect(got.map((x) => x.line)).toEqual([2]);
    got.push(...m.end());
    expect(got).toEqual([
      { line: 2, topic: 'pod-pending', text: 'nginx   0/1     Pending   0          7s' },
      { line: 3, topic: 'unknown-flag-generator', text: 'error: unknown flag: --generator' },
    ]);
    expect(m.end()).toEqual([]);
  });

  it('plainLine drops other control characters and keeps tabs', () => {
    expect(plainLine('a\x07b\tc\x1b]0;title\x07d\r')).toBe('ab\tcd');
  });

  it('bounds a line that never ends', () => {
    const m = createLineMatcher();
    for (let i = 0; i < 2000; i++) m.push('x'.repeat(1000));
    const out = [...m.push(' error: unknown flag: --generator\n'), ...m.end()];
    expect(out).toEqual([]); // the tail beyond the cap is not kept
    const m2 = createLineMatcher();
    for (let i = 0; i < 2000; i++) m2.push(`${'x'.repeat(1000)}\r`);
    expect(m2.push('error: unknown flag: --generator\n').map((x) => x.topic)).toEqual(['unknown-flag-generator']);
  });

  it('gives the same matches however the bytes are split (every byte offset of a sample, and random splits)', () => {
    const sample = ARTICLE.split('\n').slice(100, 130).join('\r\n') + '\n\x1b[32m ✓\x1b[0m Preparing nodes 📦 📦\r ✗ Writing configuration 📜\nERROR: failed to create cluster: boom';
    const bytes = new TextEncoder().encode(sample);
    const whole = annotateText(sample);
    expect(whole.length).toBeGreaterThan(5);
    const viaBytes = (cuts: number[]) => {
      const dec = new TextDecoder('utf-8');
      const m = createLineMatcher();
      const out: Match[] = [];
      let prev = 0;
      for (const c of [...cuts, bytes.length]) {
        out.push(...m.push(dec.decode(bytes.subarray(prev, c), { stream: true })));
        prev = c;
      }
      out.push(...m.push(dec.decode()), ...m.end());
      return out;
    };
    for (let i = 0; i <= bytes.length; i++) expect(viaBytes([i])).toEqual(whole);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        expect(viaBytes(cuts.sort((a, b) => a - b))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
