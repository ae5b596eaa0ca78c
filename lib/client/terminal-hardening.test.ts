// Uses the real @xterm/xterm (its parser runs without a DOM) so the test sees what xterm would send.
import { describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/xterm';
import { hardenTerminal, safeHttpUrl } from './terminal-hardening';

const QUERIES = [
  '\x1b[c',
  '\x1b[0c',
  '\x1b[>c',
  '\x1b[=c',
  '\x1b[5n',
  '\x1b[6n',
  '\x1b[?6n',
  '\x1b[4$p',
  '\x1b[?1$p',
  '\x1b[14t',
  '\x1b[18t',
  '\x1b[21t',
  '\x1b[>q',
  '\x1b[?u',
  '\x1bP$qm\x1b\\',
  '\x1bP$q"p\x1b\\',
  '\x1bP+q544e\x1b\\',
  '\x1b]4;1;?\x07',
  '\x1b]10;?\x07',
  '\x1b]11;?\x07',
  '\x1b]12;?\x1b\\',
  '\x1b]52;c;?\x07',
];

function replies(term: Terminal, input: string): Promise<string[]> {
  const sent: string[] = [];
  const sub = term.onData((d) => sent.push(d));
  return new Promise((resolve) =>
    term.write(input, () => {
      sub.dispose();
      resolve(sent);
    }),
  );
}

describe('hardenTerminal', () => {
  it('an unhardened xterm answers these queries (control)', async () => {
    const term = new Terminal({ allowProposedApi: true });
    const sent = await replies(term, QUERIES.join(''));
    expect(sent.join('').length).toBeGreaterThan(0);
    term.dispose();
  });

  it('swallows every query: nothing reaches onData', async () => {
    const term = new Terminal({ allowProposedApi: true });
    hardenTerminal(term);
    for (const q of QUERIES) expect(await replies(term, q), JSON.stringify(q)).toEqual([]);
    term.dispose();
  });

  it('ignores titles and clipboard writes, and still prints text and colours', async () => {
    const term = new Terminal({ allowProposedApi: true, convertEol: true, cols: 40 });
    hardenTerminal(term);
    const titles: string[] = [];
    term.onTitleChange((t) => titles.push(t));
    await replies(term, '\x1b]0;Hacked\x07\x1b]2;x\x07\x1b]52;c;Y3VybCBldmlsfHNo\x07\x1b[31mred\x1b[0m ok\n');
    expect(titles).toEqual([]);
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe('red ok');
    expect(term.buffer.active.getLine(0)?.getCell(0)?.getFgColor()).toBe(1);
    term.dispose();
  });
});

describe('safeHttpUrl', () => {
  it('allows http and https only', () => {
    expect(safeHttpUrl('https://kind.sigs.k8s.io/')).toBe('https://kind.sigs.k8s.io/');
    expect(safeHttpUrl('http://127.0.0.1:3000/x')).toBe('http://127.0.0.1:3000/x');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('file:///etc/passwd')).toBeNull();
    expect(safeHttpUrl('data:text/html,hi')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });
});
