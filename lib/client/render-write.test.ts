import { describe, expect, it } from 'vitest';
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
