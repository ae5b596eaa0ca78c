// Terminal-output sanitiser applied to everything a process prints before it reaches xterm.js.
// Keeps SGR colours, \n, \t and \r (kind's spinner); drops OSC/DCS/APC/PM/SOS strings (titles,
// clipboard, hyperlinks) and non-SGR CSI (queries, cursor and screen control); shows other
// control characters and bidi overrides visibly. Stateful so sequences split across chunks work.

const MAX_CSI = 64; // longer "CSI" runs are garbage: dropped
const MAX_STRING = 65_536; // an unterminated OSC/DCS stops swallowing output after this

type State = 'ground' | 'esc' | 'csi' | 'string' | 'stringEsc';

const visibleC0 = (code: number) => String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
const visibleCode = (code: number) => `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
const isBidi = (code: number) => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c;

export interface Sanitizer {
  push(chunk: string): string;
  /** Flushes: an unfinished sequence at the very end is dropped. */
  end(): string;
}

export function createSanitizer(): Sanitizer {
  let state: State = 'ground';
  let seq = ''; // CSI collected so far
  let stringLen = 0;

  const ground = (c: string, code: number): string => {
    if (code === 0x1b) {
      state = 'esc';
      return '';
    }
    if (code === 0x0a || code === 0x09 || code === 0x0d) return c;
    if (code < 0x20 || code === 0x7f) return visibleC0(code);
    if (code >= 0x80 && code <= 0x9f) {
      // 8-bit C1: xterm.js would treat U+009B as CSI and U+009D as OSC.
      if (code === 0x9d || code === 0x90 || code === 0x9e || code === 0x9f || code === 0x98) {
        state = 'string';
        stringLen = 0;
        return '';
      }
      return visibleCode(code);
    }
    if (isBidi(code)) return visibleCode(code);
    return c;
  };

  let out = '';
  const step = (c: string): void => {
    const code = c.codePointAt(0)!;
    switch (state) {
      case 'ground':
        out += ground(c, code);
        break;
      case 'esc':
        if (c === '[') {
          state = 'csi';
          seq = '';
        } else if (c === ']' || c === 'P' || c === '_' || c === '^' || c === 'X') {
          state = 'string';
          stringLen = 0;
        } else if (code >= 0x20 && code <= 0x2f) {
          // intermediate of an nF escape (charset designation…): keep consuming
        } else if (code >= 0x30 && code <= 0x7e) {
          state = 'ground'; // two-byte escape such as ESC 7, ESC c: dropped
        } else {
          state = 'ground';
          out += '\u241B' + ground(c, code); // lone ESC: shown
        }
        break;
      case 'csi':
        if (code >= 0x40 && code <= 0x7e) {
          state = 'ground';
          if (c === 'm' && /^[0-9;:]*$/.test(seq)) out += `\x1b[${seq}m`;
        } else if (code >= 0x20 && code <= 0x3f && seq.length < MAX_CSI) {
          seq += c;
        } else {
          state = 'ground';
          out += ground(c, code);
        }
        break;
      case 'string':
        if (code === 0x07 || code === 0x9c) state = 'ground';
        else if (code === 0x1b) state = 'stringEsc';
        else if (code === 0x18 || code === 0x1a || ++stringLen > MAX_STRING) state = 'ground'; // CAN/SUB abort
        break;
      case 'stringEsc':
        // ST ends the string; any other ESC starts a new sequence, as in xterm.js.
        state = 'esc';
        if (c !== '\\') step(c);
        else state = 'ground';
        break;
    }
  };
  const push = (chunk: string): string => {
    out = '';
    for (const c of chunk) step(c);
    return out;
  };

  return {
    push,
    end() {
      const out = state === 'esc' ? '\u241B' : '';
      state = 'ground';
      return out;
    },
  };
}

/** One-shot form for whole strings. */
export function sanitize(text: string): string {
  const s = createSanitizer();
  return s.push(text) + s.end();
}
