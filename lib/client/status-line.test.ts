import { describe, expect, it } from 'vitest';
import { statusLine } from './status-line';

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
