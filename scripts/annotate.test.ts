// The annotate CLI as a real child process: stdin in, JSON lines or a readable list out, exit codes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotateText } from '@/lib/annotations/matcher';
import { ARTICLE_FILE, requireSharedFile } from '@/lib/annotations/testing/shared';

const ROOT = path.resolve(import.meta.dirname, '..');
const ARTICLE = readFileSync(requireSharedFile(ARTICLE_FILE), 'utf8');

function run(cmd: string, args: string[], input: string | Array<string | Buffer>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: ROOT, shell: false, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
    (async () => {
      for (const part of Array.isArray(input) ? input : [input])
        if (!p.stdin.write(part)) await new Promise((r) => p.stdin.once('drain', r));
      p.stdin.end();
    })().catch(reject);
  });
}
const annotate = (args: string[], input: string) => run('npx', ['tsx', 'scripts/annotate.ts', ...args], input);

describe('scripts/annotate.ts', () => {
  it('--json prints one object per tagged line and topic, the same as the in-process matcher', async () => {
    const r = await annotate(['--json'], ARTICLE);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const rows = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows).toEqual(annotateText(ARTICLE));
    expect(rows).toHaveLength(14);
    expect(rows[0]).toEqual({ line: 105, topic: 'pod-pending', text: 'nginx   0/1     Pending   0          7s' });
    expect(Object.keys(rows[0])).toEqual(['line', 'topic', 'text']);
  });

  it('prints nothing for input with no failure lines', async () => {
    const r = await annotate(['--json'], 'pod/nginx created\nnginx   1/1     Running   0          45s\n');
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });

  it('without --json prints line number, topic id and title; --lang ja gives Japanese titles', async () => {
    const text = 'Creating cluster "test" ...\nerror: unknown flag: --generator\n';
    const en = await annotate([], text);
    expect(en.code).toBe(0);
    expect(en.out).toBe('     2  unknown-flag-generator  kubectl run --generator no longer exists\n');
    const ja = await annotate(['--lang', 'ja'], text);
    expect(ja.out).toBe('     2  unknown-flag-generator  kubectl run の --generator はもうない\n');
  });

  it('unknown flags and stray arguments exit 2 with a clear message; --help exits 0', async () => {
    const bad = await annotate(['--jsn'], '');
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('annotate: unknown flag: --jsn');
    const stray = await annotate(['output.txt'], '');
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('unexpected argument');
    const lang = await annotate(['--lang', 'fr'], '');
    expect(lang.code).toBe(2);
    const help = await annotate(['--help'], '');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run --silent annotate -- \[--json\]/);
  });

  it('streams a large input written in small pieces, multi-byte characters split included', async () => {
    const block = `${ARTICLE}\n`;
    const bytes = Buffer.from(block.repeat(40)); // ~0.9 MB
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 4093) pieces.push(bytes.subarray(i, i + 4093)); // odd size: splits UTF-8
    const r = await run('npx', ['tsx', 'scripts/annotate.ts', '--json'], pieces);
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows).toEqual(annotateText(block.repeat(40)));
    expect(rows).toHaveLength(14 * 40);
  });

  it('works through npm run --silent annotate', async () => {
    const r = await run('npm', ['run', '--silent', 'annotate', '--', '--json'], 'The connection to the server 127.0.0.1:45678 was refused - did you specify the right host or port?\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ line: 1, topic: 'apiserver-unreachable', text: 'The connection to the server 127.0.0.1:45678 was refused - did you specify the right host or port?' });
  });
});
