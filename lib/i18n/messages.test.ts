import { describe, expect, it } from 'vitest';
import { messages, t } from './messages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has the same keys in English and Japanese', () => {
    expect(Object.keys(messages.ja).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('has no empty strings and the same placeholders in both languages', () => {
    for (const key of Object.keys(messages.en) as Array<keyof typeof messages.en>) {
      expect(messages.en[key].trim(), key).not.toBe('');
      expect(messages.ja[key].trim(), key).not.toBe('');
      expect(placeholders(messages.ja[key]), key).toEqual(placeholders(messages.en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'lesson.stepOf', { n: 2, total: 9 })).toBe('Step 2 of 9');
    expect(t('ja', 'lesson.stepOf', { n: 2, total: 9 })).toBe('ステップ 2 / 9');
    expect(t('en', 'lesson.stepOf', { n: 2 })).toBe('Step 2 of {total}');
  });
});
