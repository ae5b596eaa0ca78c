// Annotation matcher throughput: 10 MB of mixed real output (article transcripts, every catalogue
// example and counterexample, kind spinner lines with ANSI, healthy kubectl listings), fed in 64 KiB chunks.
import { readFileSync } from 'node:fs';
import { CATALOGUE } from '@/lib/annotations/catalogue.generated';
import { createLineMatcher } from '@/lib/annotations/matcher';
import { ARTICLE_FILE, sharedFile } from '@/lib/annotations/testing/shared';

const TARGET_BYTES = 10 * 1024 * 1024;

function mixedOutput(): string {
  const file = sharedFile(ARTICLE_FILE);
  const article = file ? readFileSync(file, 'utf8') : ''; // without shared/, the catalogue samples are real output too
  const samples = CATALOGUE.flatMap((t) => [...t.examples, ...t.counterexamples].map((e) => e.text));
  const healthy = [
    'kube-system          kube-proxy-7g666                             1/1     Running   0          12m',
    'kube-system          etcd-test-control-plane                      1/1     Running   0          12m',
    'test-worker2         Ready    <none>          12m   v1.36.1   172.18.0.4    <none>        Debian GNU/Linux 13 (trixie)   6.18.44   containerd://2.3.1',
    '  Normal  Scheduled  10s   default-scheduler  Successfully assigned default/nginx to test-worker2',
    '  Ready            True    Fri, 27 Nov 2026 05:50:12 +0000   Fri, 27 Nov 2026 05:50:12 +0000   KubeletReady                 kubelet is posting ready status',
    '\x1b[32m ✓\x1b[0m Preparing nodes 📦 📦 📦 📦 \r ✓ Preparing nodes 📦 📦 📦 📦',
    'I1127 05:46:39.123456       1 controller.go:231] "Starting controller" name="node-lifecycle"',
    '10.244.1.3 - - [27/Nov/2026:05:51:02 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"',
  ];
  // Roughly one failure line in six, like a learner's session on a broken cluster.
  const block = `${article}\n${samples.join('\n')}\n${Array.from({ length: 12 }, () => healthy.join('\n')).join('\n')}\n`;
  return block.repeat(Math.ceil(TARGET_BYTES / Buffer.byteLength(block))).slice(0, TARGET_BYTES);
}

export async function annotateBench(): Promise<{ mbPerSec: number; ms: number; matches: number; lines: number }> {
  const text = mixedOutput();
  const mb = Buffer.byteLength(text) / (1024 * 1024);
  const chunk = 64 * 1024;
  createLineMatcher().push(text.slice(0, 200_000)); // warm up the regexes and the JIT
  const t0 = performance.now();
  const m = createLineMatcher();
  let matches = 0;
  for (let i = 0; i < text.length; i += chunk) matches += m.push(text.slice(i, i + chunk)).length;
  matches += m.end().length;
  const ms = performance.now() - t0;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return { mbPerSec: mb / (ms / 1000), ms, matches, lines };
}

if (process.argv[1]?.endsWith('bench/annotate.ts')) {
  annotateBench().then((r) => console.log(`annotate: ${r.ms.toFixed(0)} ms for 10 MB (${r.mbPerSec.toFixed(1)} MB/s), ${r.lines} lines, ${r.matches} matches`));
}
