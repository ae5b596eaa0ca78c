// The annotator against the real xterm buffer and the real terminal model: a matcher line must land on
// the buffer row where that line starts, whatever the wrapping and the chunking.
import { describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/xterm';
import { matchLine } from '@/lib/annotations';
import { TerminalModel } from './terminal-model';
import { renderWrite } from './render-write';
import type { TermWrite } from './transcript';
import { annotateModel, AnnotationTracker, type Annotation } from './annotations';

const settle = (term: Terminal) => new Promise<void>((r) => term.write('', r));

const READY =
  '  Ready            False   Mon, 01 Jan 2024 00:00:00 +0000   Mon, 01 Jan 2024 00:00:00 +0000   KubeletNotReady              container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized\n';
const GENERATOR = 'error: unknown flag: --generator\n';

function setup(cols = 40) {
  const term = new Terminal({ allowProposedApi: true, convertEol: true, cols, rows: 10, scrollback: 1000 });
  const model = new TerminalModel(term);
  const found: Annotation[] = [];
  const ann = annotateModel(model, (a) => found.push(...a));
  const write = (w: TermWrite) => ann.write({ kind: w.kind, text: renderWrite(w), seq: w.seq });
  const row = (a: Annotation) => model.getLine(a.lineId)!.marker.line;
  const rowText = (r: number) => term.buffer.active.getLine(r)!.translateToString(true);
  return { term, model, found, write, row, rowText };
}

/** One job as the controller emits it: cmd, output chunks, status. */
function job(raw: string, chunks: Array<[kind: 'out' | 'err', text: string]>, firstSeq = 0): TermWrite[] {
  let seq = firstSeq;
  return [
    { kind: 'cmd', text: raw, seq: seq++ },
    ...chunks.map(([kind, text]) => ({ kind, text, seq: seq++ })),
    { kind: 'status', text: 'exit 0', tone: 'ok', seq: seq++ },
  ];
}

describe('annotateModel', () => {
  it('puts each annotation on the first buffer row of its line, across wrapped lines and split chunks', async () => {
    const { term, found, write, row, rowText } = setup(40);
    // Job 1: a long wrapped line first, then the Ready line split mid-word over three chunks.
    const cut1 = 30;
    const cut2 = 120;
    for (const w of job('kubectl describe node test-control-plane', [
      ['out', 'Name:               test-control-plane\n' + 'x'.repeat(130) + '\nConditions:\n'],
      ['out', READY.slice(0, cut1)],
      ['out', READY.slice(cut1, cut2)],
      ['out', READY.slice(cut2) + 'Addresses:\n'],
    ]))
      write(w);
    // Job 2: line counting restarts; the error arrives on stderr after a partial stdout line.
    for (const w of job('kubectl run nginx --image=nginx --generator=run-pod/v1', [
      ['out', 'partial-without-newline'],
      ['err', GENERATOR],
    ]))
      write(w);
    await settle(term);

    expect(found.map((a) => [a.job, a.line, a.topic])).toEqual([
      [1, 4, 'network-plugin-not-ready'],
      [1, 4, 'node-not-ready'],
      [2, 1, 'unknown-flag-generator'],
    ]);
    // Ready line: after the cmd row (2 rows at 40 cols), Name (1), the 130-char line (4 rows), Conditions (1).
    expect(row(found[0])).toBe(8);
    expect(rowText(8)).toBe(READY.slice(0, 40));
    expect(term.buffer.active.getLine(9)!.isWrapped).toBe(true);
    // "partial-without-newline" and the error share one terminal line: the error is tagged there.
    expect(row(found[1])).toBe(8);
    expect(rowText(row(found[2]))).toBe('partial-without-newlineerror: unknown fl');
    term.dispose();
  });

  it('never tags a healthy line', async () => {
    const { term, found, write } = setup(80);
    const healthy = ['NAME                 STATUS   ROLES           AGE   VERSION\n', 'test-control-plane   Ready    control-plane   1m    v1.33.1\n', '  Ready            True    Mon   KubeletReady  kubelet is posting ready status\n'];
    for (const l of healthy) expect(matchLine(l)).toEqual([]);
    for (const w of job('kubectl get nodes', healthy.map((t) => ['out', t] as ['out', string]))) write(w);
    await settle(term);
    expect(found).toEqual([]);
    term.dispose();
  });

  it('ends a partial line at the status line, as the terminal does', async () => {
    const { term, found, write, row, rowText } = setup(80);
    for (const w of job('kubectl run x --generator=y', [['err', 'error: unknown flag: --generator']])) write(w);
    await settle(term);
    expect(found.map((a) => a.topic)).toEqual(['unknown-flag-generator']);
    expect(rowText(row(found[0]))).toBe('error: unknown flag: --generator');
    term.dispose();
  });

  it('annotates a replayed transcript exactly once, and ignores an event seen again', async () => {
    const writes = [...job('kubectl describe node', [['out', READY]]), ...job('kubectl run', [['err', GENERATOR]])];
    const first = setup(60);
    for (const w of writes) first.write(w);
    await settle(first.term);
    // After a reload the controller replays the saved writes into a fresh terminal.
    const again = setup(60);
    for (const w of writes) again.write(w);
    await settle(again.term);
    expect(again.found.map((a) => a.key)).toEqual(first.found.map((a) => a.key));
    expect(again.found).toHaveLength(3);

    // The stream resumes and the server sends the last out event again (same seq): no second annotation,
    // and later lines still map to the right row.
    const extra = setup(60);
    extra.write({ kind: 'cmd', text: 'kubectl describe node', seq: 0 });
    extra.write({ kind: 'out', text: READY, seq: 1 });
    extra.write({ kind: 'out', text: READY, seq: 1 });
    extra.write({ kind: 'err', text: GENERATOR, seq: 2 });
    await settle(extra.term);
    expect(extra.found.map((a) => [a.line, a.topic])).toEqual([
      [1, 'network-plugin-not-ready'],
      [1, 'node-not-ready'],
      [3, 'unknown-flag-generator'],
    ]);
    expect(extra.rowText(extra.row(extra.found[2]))).toBe('error: unknown flag: --generator');
    first.term.dispose();
    again.term.dispose();
    extra.term.dispose();
  });
});

describe('AnnotationTracker', () => {
  it('tags nothing when a record does not carry the matched text (counts out of step)', () => {
    const t = new AnnotationTracker();
    t.write({ kind: 'cmd', text: '$ x\n', seq: 0 });
    t.write({ kind: 'err', text: GENERATOR, seq: 1 });
    expect(t.record({ id: 1, text: '$ x', meta: { kind: 'cmd' } })).toEqual([]);
    expect(t.record({ id: 2, text: 'something else', meta: { kind: 'err' } })).toEqual([]);
  });

  it('reports where each out/err write starts (job, line) for the mirror', () => {
    const t = new AnnotationTracker();
    expect(t.write({ kind: 'cmd', text: '$ a\n', seq: 0 })).toEqual({ job: 1, line: 1 });
    expect(t.write({ kind: 'out', text: 'a\nb', seq: 1 })).toEqual({ job: 1, line: 1 });
    expect(t.write({ kind: 'out', text: 'c\n', seq: 2 })).toEqual({ job: 1, line: 2 });
    expect(t.write({ kind: 'out', text: 'tail', seq: 3 })).toEqual({ job: 1, line: 3 });
    t.write({ kind: 'notice', text: 'note\n' });
    expect(t.write({ kind: 'out', text: 'd\n', seq: 4 })).toEqual({ job: 1, line: 4 });
    t.write({ kind: 'cmd', text: '$ b\n', seq: 0 });
    expect(t.write({ kind: 'out', text: 'e\n', seq: 1 })).toEqual({ job: 2, line: 1 });
  });
});
