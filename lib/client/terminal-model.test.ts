// Real @xterm/xterm without a DOM: markers and buffer rows behave as in the browser.
import { describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/xterm';
import { TerminalModel, type LineRecord } from './terminal-model';

const settle = (term: Terminal) => new Promise<void>((r) => term.write('', r));

describe('TerminalModel', () => {
  it('records each complete line with the buffer row it starts on, across chunks and wraps', async () => {
    const term = new Terminal({ allowProposedApi: true, convertEol: true, cols: 10, rows: 5, scrollback: 100 });
    const model = new TerminalModel(term);
    const seen: LineRecord[] = [];
    model.onLine((l) => seen.push(l));
    model.write('$ kubectl get po\n', { kind: 'cmd' });
    model.write('NAME   READY\nng', { kind: 'out', seq: 2 });
    model.write('inx  0/1 \x1b[33mPending\x1b[0m\n', { kind: 'out', seq: 3 });
    model.write('tail', { kind: 'out', seq: 4 });
    await settle(term);
    expect(seen.map((l) => [l.text, l.marker.line, l.meta.kind, l.meta.seq])).toEqual([
      ['$ kubectl get po', 0, 'cmd', undefined], // 16 chars: rows 0-1
      ['NAME   READY', 2, 'out', 2], // rows 2-3
      ['nginx  0/1 Pending', 4, 'out', 2], // starts in the chunk of seq 2
    ]);
    for (const l of seen) {
      expect(term.buffer.active.getLine(l.marker.line)?.translateToString(true)).toBe(l.text.slice(0, 10));
    }
    model.endLine();
    await settle(term);
    expect(seen.at(-1)?.text).toBe('tail');
    expect(seen.at(-1)?.marker.line).toBe(6);
    term.dispose();
  });

  it('keeps rows right after the buffer scrolls, and decorates a recorded line', async () => {
    const term = new Terminal({ allowProposedApi: true, convertEol: true, cols: 20, rows: 3, scrollback: 50 });
    const model = new TerminalModel(term);
    for (let i = 1; i <= 10; i++) model.write(`line ${i}\n`, { kind: 'out', seq: i });
    await settle(term);
    const l7 = model.allLines().find((l) => l.text === 'line 7')!;
    expect(term.buffer.active.getLine(l7.marker.line)?.translateToString(true)).toBe('line 7');
    expect(model.decorateLine(l7.id, { className: 'note', title: 'why' })).toBeDefined();
    expect(model.decorateLine(9999, {})).toBeUndefined();
    model.reset();
    expect(model.allLines()).toEqual([]);
    term.dispose();
  });

  it('forgets lines that fall out of the scrollback', async () => {
    const term = new Terminal({ allowProposedApi: true, convertEol: true, cols: 20, rows: 2, scrollback: 3 });
    const model = new TerminalModel(term);
    for (let i = 1; i <= 20; i++) model.write(`l${i}\n`, { kind: 'out' });
    await settle(term);
    const texts = model.allLines().map((l) => l.text);
    expect(texts).not.toContain('l1');
    expect(texts).toContain('l20');
    term.dispose();
  });
});
