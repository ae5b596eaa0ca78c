import { describe, expect, it } from 'vitest';
import { stripAnsi } from './ansi';
import { tokenFromHash } from './session';

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
