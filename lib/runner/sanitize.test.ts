import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSanitizer, sanitize } from './sanitize';

describe('sanitize', () => {
  it('keeps SGR colours, newline, tab and carriage return', () => {
    const kind = ' \x1b[32m✓\x1b[0m Ensuring node image (kindest/node:v1.36.1) 🖼\n\r ⠈⠁ Preparing nodes 📦 \tx';
    expect(sanitize(kind)).toBe(kind);
    expect(sanitize('\x1b[1;38;5;196mred\x1b[m')).toBe('\x1b[1;38;5;196mred\x1b[m');
  });

  it('drops OSC 52 clipboard, OSC 8 links, titles, DCS, APC, PM, SOS (F1, F2, F3, F5)', () => {
    expect(sanitize('a\x1b]52;c;Y3VybCBldmlsfHNo\x07b')).toBe('ab');
    expect(sanitize('a\x1b]52;c;?\x07b')).toBe('ab');
    expect(sanitize('\x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\')).toBe('click');
    expect(sanitize('\x1b]0;Hacked\x07title')).toBe('title');
    expect(sanitize('x\x1bP$qm\x1b\\y\x1b_apc\x1b\\z\x1b^pm\x1b\\w\x1bXsos\x1b\\v')).toBe('xyzwv');
    expect(sanitize('a\x9d0;t\x9cb')).toBe('ab'); // 8-bit OSC … ST
  });

  it('drops queries and cursor/screen control (F4, F5)', () => {
    for (const q of ['\x1b[c', '\x1b[>c', '\x1b[6n', '\x1b[21t', '\x1b[2J', '\x1b[H', '\x1b[?1049h', '\x1b[1A', '\x1b[K', '\x1b[>4;2m', '\x1b7', '\x1bc', '\x1b(B']) {
      expect(sanitize(`a${q}b`), JSON.stringify(q)).toBe('ab');
    }
    expect(sanitize('\x1b[2J\x1b[H$ fake prompt')).toBe('$ fake prompt');
  });

  it('shows other controls, C1 and bidi characters visibly (F6)', () => {
    expect(sanitize('bell\x07 nul\x00 del\x7f bs\x08')).toBe('bell␇ nul␀ del␡ bs␈');
    expect(sanitize('a\x9b31mb')).toBe('a<U+009B>31mb');
    expect(sanitize('pod-\u202eexe.yaml \u2066x\u2069')).toBe('pod-<U+202E>exe.yaml <U+2066>x<U+2069>');
    expect(sanitize('lone\x1b\nesc')).toBe('lone␛\nesc');
  });

  it('is streaming-safe: sequences split across chunks', () => {
    const s = createSanitizer();
    const parts = ['ok \x1b', '[3', '2mgreen\x1b[0', 'm \x1b]', '52;c;QQ', '==\x1b', '\\done \x1b[', '2', 'J.'];
    expect(parts.map((p) => s.push(p)).join('') + s.end()).toBe('ok \x1b[32mgreen\x1b[0m done .');
  });

  it('does not let an unterminated OSC swallow everything', () => {
    const out = sanitize(`\x1b]0;${'x'.repeat(70_000)}visible`);
    expect(out.endsWith('visible')).toBe(true);
    expect(out.length).toBeLessThan(10_000);
  });

  it('property: chunking never changes the result; no ESC survives except SGR', () => {
    const unit = fc.constantFrom('a', ' ', '\n', '\r', '\x1b', '[', ']', '3', '1', ';', 'm', 'H', '?', '\x07', '\\', 'P', '\x9b', '\x9d', '\u202e', '✓');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 20 }), (text, cuts) => {
        const whole = sanitize(text);
        const s = createSanitizer();
        let at = 0;
        let out = '';
        for (const n of cuts) {
          out += s.push(text.slice(at, at + n));
          at += n;
        }
        out += s.push(text.slice(at)) + s.end();
        const withoutSgr = whole.replace(/\x1b\[[0-9;:]*m/g, '');
        return out === whole && !/[\x1b\x9b\x9d\u202e\x07]/.test(withoutSgr);
      }),
      { numRuns: 2000 },
    );
  });
});
