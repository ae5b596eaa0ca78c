import { describe, expect, it } from 'vitest';
import { ANSI_KEYS, contrast, darkTheme, lightTheme } from './terminal-themes';

describe('terminal themes', () => {
  it('computes WCAG contrast', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 1);
  });

  for (const [name, theme] of [['dark', darkTheme], ['light', lightTheme]] as const) {
    it(`${name}: foreground and all 16 ANSI colours reach 4.5:1 on the background`, () => {
      const bg = theme.background!;
      const low = [...ANSI_KEYS, 'foreground' as const]
        .map((k) => [k, contrast(theme[k]!, bg)] as const)
        .filter(([, c]) => c < 4.5);
      expect(low).toEqual([]);
    });
  }
});
