import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { FilterChain, createFilter } from './filters';
import { parseFilter } from './parse';
import type { FilterSpec } from './types';

const PODS = readFileSync(path.join(__dirname, 'testdata', 'get-pods-A.txt'), 'utf8');
const FIXTURES: Record<string, string> = {
  pods: PODS,
  crlf: PODS.replace(/\n/g, '\r\n'),
  'no final newline': PODS.trimEnd(),
  empty: '',
  blank: '\n\n\nx\n\n',
  unicode: 'Ensuring node image 🖼\n ✓ Preparing nodes 📦 📦\nÄrger ärger\nstraße\n',
  'one line no newline': 'Pending',
};

/** The real GNU tool, run with argv (no shell), C.UTF-8 locale. */
function gnu(argv: string[], input: string): string {
  const r = spawnSync(argv[0], argv.slice(1), { input, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' } as unknown as NodeJS.ProcessEnv });
  // head -n 0 may exit before reading its input: EPIPE on our side is expected then.
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'EPIPE') throw r.error;
  return r.stdout;
}
function spec(argv: string[]): FilterSpec {
  const f = parseFilter(argv);
  if ('ok' in f) throw new Error(f.message);
  return f;
}
function ours(argvs: string[][], input: string, chunks: number[] = [input.length]): string {
  const chain = new FilterChain(argvs.map(spec));
  let out = '';
  let at = 0;
  for (const n of chunks) {
    out += chain.write(input.slice(at, at + n));
    at += n;
  }
  return out + chain.write(input.slice(at)) + chain.end();
}

const SINGLE = [
  ['grep', 'Pending'], ['grep', '-v', 'Running'], ['grep', '-i', 'pending'], ['grep', '-E', 'coredns|etcd'],
  ['grep', '^kube'], ['grep', 'm$'], ['grep', '[[:digit:]]/1'], ['grep', 'proxy-[a-z0-9]\\{5\\}'], ['grep', '-E', 'proxy-[a-z0-9]{5} '],
  ['grep', ''], ['grep', 'a.e'], ['grep', '\\<kube'], ['grep', 'x*'], ['grep', '-E', '(Pending|Running) +0'], ['grep', 'te\\(st\\)-w'],
  ['grep', '-E', '\\.'], ['grep', '[^a-z -]'], ['grep', '-vi', 'KUBE'], ['grep', 'a+b'], ['grep', '-E', 'a{'], ['grep', '[]x]'],
  ['grep', '-i', 'ärger'], ['grep', 'stra.e'], ['grep', '-E', '^$'], ['grep', '*Pending'], ['grep', '-E', 'a|'],
  ['head', '-n', '0'], ['head', '-n', '1'], ['head', '-3'], ['head', '-n', '100'], ['head'],
  ['tail', '-n', '0'], ['tail', '-n', '1'], ['tail', '-3'], ['tail', '-n', '100'], ['tail'],
  ['wc', '-l'],
];

describe('filters match GNU grep/head/tail/wc byte for byte', () => {
  for (const [name, input] of Object.entries(FIXTURES)) {
    it(`on fixture "${name}"`, () => {
      for (const argv of SINGLE) {
        const expected = gnu(argv, input);
        expect(ours([argv], input), `${argv.join(' ')}`).toBe(expected);
        // The same bytes in 1-character chunks: lines split across chunks.
        expect(ours([argv], input, Array(input.length).fill(1)), `${argv.join(' ')} (1-char chunks)`).toBe(expected);
      }
    });
  }

  it('the article sample: kubectl get pods -A | grep Pending', () => {
    const out = ours([['grep', 'Pending']], PODS);
    expect(out).toBe(gnu(['grep', 'Pending'], PODS));
    expect(out.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[1])).toEqual([
      'coredns-f9fd979d6-4fjkn', 'coredns-f9fd979d6-b46cm', 'local-path-provisioner-78776bfc44-rtrxf',
    ]);
  });

  it('chains like a shell pipeline', () => {
    const chains = [[['grep', 'kube'], ['head', '-n', '2']], [['grep', '-v', 'Pending'], ['tail', '-n', '2'], ['wc', '-l']], [['head', '-n', '5'], ['grep', 'core']]];
    for (const chain of chains) {
      const expected = chain.reduce((input, argv) => gnu(argv, input), PODS);
      expect(ours(chain, PODS, [7, 100, 3, 250]), JSON.stringify(chain)).toBe(expected);
    }
  });

  it('property: random chunking never changes the output', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 40 }), fc.constantFrom(...SINGLE), (chunks, argv) => {
        return ours([argv], PODS, chunks) === ours([argv], PODS);
      }),
      { numRuns: 300 },
    );
  });
});

describe('filter behaviour beyond GNU comparison', () => {
  it('grep matches text with colours stripped and keeps the colours in its output', () => {
    const g = createFilter(spec(['grep', 'Pending$']));
    expect(g.write('a \x1b[33mPending\x1b[0m\nb Running\n')).toBe('a \x1b[33mPending\x1b[0m\n');
    expect(g.exitCode()).toBe(0);
  });

  it('grep exits 1 when nothing is selected; head says when it has its lines', () => {
    const g = createFilter(spec(['grep', 'nothing']));
    g.write(PODS);
    g.end();
    expect(g.exitCode()).toBe(1);
    const h = createFilter(spec(['head', '-n', '2']));
    expect(h.satisfied).toBe(false);
    expect(h.write('1\n2')).toBe('1\n2');
    expect(h.satisfied).toBe(false);
    expect(h.write('\n3\n')).toBe('\n');
    expect(h.satisfied).toBe(true);
  });
});
