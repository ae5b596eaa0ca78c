import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, resolveLocale } from './locale';

describe('resolveLocale', () => {
  it('prefers the query, then the cookie, then Accept-Language', () => {
    expect(resolveLocale({ query: 'ja', cookie: 'en', acceptLanguage: 'en' })).toBe('ja');
    expect(resolveLocale({ query: 'xx', cookie: 'ja', acceptLanguage: 'en' })).toBe('ja');
    expect(resolveLocale({ query: ['en', 'ja'], cookie: 'ja' })).toBe('en');
    expect(resolveLocale({ cookie: 'fr', acceptLanguage: 'ja-JP,ja;q=0.9' })).toBe('ja');
    expect(resolveLocale({})).toBe('en');
  });

  it('ranks Accept-Language by q-value', () => {
    expect(fromAcceptLanguage('fr-FR, en;q=0.5, ja;q=0.8')).toBe('ja');
    expect(fromAcceptLanguage('ja;q=0, en-GB;q=0.3')).toBe('en');
    expect(fromAcceptLanguage('de, fr')).toBeNull();
    expect(fromAcceptLanguage('EN-us')).toBe('en');
    expect(fromAcceptLanguage('')).toBeNull();
  });
});
