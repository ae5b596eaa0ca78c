import { describe, expect, it } from 'vitest';
import { RunHistory } from './run-history';
import { statusLine } from './status-line';
import { capWrites, loadTerminal } from './transcript';
import { stripAnsi } from './ansi';
import { tokenFromHash } from './session';

const d = (o: object) => ({ exitCode: 0, signal: null, timedOut: false, cancelled: false, truncated: false, elapsedMs: 300, ...o });

describe('statusLine', () => {
  it('formats exit, cancel, timeout and truncation', () => {
    expect(statusLine(d({}))).toBe('[exit 0 · 0.3s]');
    expect(statusLine(d({ exitCode: 1, elapsedMs: 1250 }))).toBe('[exit 1 · 1.3s]');
    expect(statusLine(d({ cancelled: true, exitCode: null, signal: 'SIGTERM', elapsedMs: 4000 }))).toBe('[cancelled · 4.0s]');
    expect(statusLine(d({ timedOut: true, exitCode: null, elapsedMs: 30000 }))).toBe('[timed out · 30.0s]');
    expect(statusLine(d({ truncated: true, elapsedMs: 125_000 }))).toBe('[exit 0 · 2m05s · output truncated]');
  });
});

describe('RunHistory', () => {
  it('walks back and forth and keeps the draft', () => {
    const h = new RunHistory(['a', 'b']);
    h.push('c');
    h.push('c');
    expect(h.entries).toEqual(['a', 'b', 'c']);
    expect(h.up('dra')).toBe('c');
    expect(h.up('c')).toBe('b');
    expect(h.up('b')).toBe('a');
    expect(h.up('a')).toBeNull();
    expect(h.down()).toBe('b');
    expect(h.down()).toBe('c');
    expect(h.down()).toBe('dra');
    expect(h.down()).toBeNull();
  });
  it('keeps at most max entries', () => {
    const h = new RunHistory([], 2);
    ['1', '2', '3'].forEach((x) => h.push(x));
    expect(h.entries).toEqual(['2', '3']);
  });
});

describe('transcript', () => {
  it('caps by characters, dropping the oldest writes', () => {
    const w = (text: string) => ({ kind: 'out' as const, text });
    expect(capWrites([w('aaaa'), w('bb'), w('cc')], 5).map((x) => x.text)).toEqual(['bb', 'cc']);
  });
  it('ignores corrupt storage', () => {
    const s = { getItem: () => '{"v":1,"writes":[{"kind":"evil","text":1},{"kind":"out","text":"ok"}],"job":{"jobId":3}}', setItem() {}, removeItem() {} };
    expect(loadTerminal(s, 'k')).toEqual({ v: 1, job: null, writes: [{ kind: 'out', text: 'ok' }] });
    expect(loadTerminal({ ...s, getItem: () => 'nope' }, 'k').writes).toEqual([]);
  });
});

describe('stripAnsi / tokenFromHash', () => {
  it('removes colours, OSC and cursor sequences', () => {
    expect(stripAnsi('\x1b[1;31mred\x1b[0m \x1b]0;title\x07x\x1b[2K')).toBe('red x');
  });
  it('takes the token out of the fragment and keeps the rest', () => {
    expect(tokenFromHash('#k=abcdefghijklmnopq&step=3')).toEqual({ token: 'abcdefghijklmnopq', rest: '#step=3' });
    expect(tokenFromHash('#k=short')).toEqual({ token: null, rest: '' });
    expect(tokenFromHash('')).toEqual({ token: null, rest: '' });
  });
});

import { loadProgress, visit } from './lesson-progress';

describe('lesson progress', () => {
  const ids = ['a', 'b', 'c'];
  const store = (v: string | null) => ({ getItem: () => v });
  it('restores a known step and drops unknown ones', () => {
    expect(loadProgress(store('{"current":"b","visited":["a","zz"]}'), 'l', ids)).toEqual({ current: 'b', visited: ['a', 'b'] });
    expect(loadProgress(store('{"current":"gone","visited":[]}'), 'l', ids)).toBeNull();
    expect(loadProgress(store('garbage'), 'l', ids)).toBeNull();
    expect(loadProgress(store(null), 'l', ids)).toBeNull();
  });
  it('visit marks once', () => {
    expect(visit(visit({ current: 'a', visited: ['a'] }, 'b'), 'a')).toEqual({ current: 'a', visited: ['a', 'b'] });
  });
});

import { inert, renderWrite } from './render-write';

describe('renderWrite', () => {
  it('makes control characters in the terminal’s own lines visible and inert', () => {
    expect(inert('a\x1b[31mb\x07\x7f')).toBe('a␛[31mb␇␡');
    expect(renderWrite({ kind: 'cmd', text: 'echo \x1b]52;c;?\x07' })).not.toContain('\x1b]52');
    expect(renderWrite({ kind: 'notice', text: 'no\x1b[2Jpe', tone: 'warn' })).toBe('\x1b[33mno␛[2Jpe\x1b[39m\n\n');
  });
  it('passes process output through and ends own lines', () => {
    expect(renderWrite({ kind: 'out', text: '\x1b[32mok' })).toBe('\x1b[32mok');
    expect(renderWrite({ kind: 'status', text: '[exit 0 · 0.1s]', tone: 'ok' })).toBe('\x1b[90m[exit 0 · 0.1s]\x1b[39m\n\n');
  });
});
