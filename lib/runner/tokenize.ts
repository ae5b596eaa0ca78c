// Strict shell-words tokenizer for lab command lines. There is no shell behind it: quotes group
// words, `|` splits a pipeline, and everything a shell would expand or redirect is refused so
// learners are never surprised by a "shell" that silently behaves differently.
import type { Refusal } from './types';

export type Token = { kind: 'word'; value: string } | { kind: 'pipe' };

export type TokenizeResult =
  /** `text`: the line after control characters were removed (safe to echo). */
  | { ok: true; tokens: Token[]; text: string; notice?: string }
  | Refusal;

export const MAX_LINE_BYTES = 4096;
export const MAX_TOKENS = 64;

const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });

// Characters a shell would treat as operators or expansions; quoted or not we never emulate them.
const UNQUOTED_METAS: Record<string, string> = {
  ';': 'Refused: ";" (several commands on one line) is not supported. Run one command at a time.',
  '&': 'Refused: "&" and "&&" are not supported. Run one command at a time.',
  $: 'Refused: "$" (variables and $(…)) is not supported. Type the value itself.',
  '`': 'Refused: backquotes (command substitution) are not supported.',
  '>': 'Refused: redirection (">") is not supported. Output is shown in the terminal.',
  '<': 'Refused: redirection ("<") is not supported.',
  '(': 'Refused: "(" and ")" are not supported here. Quote the text if it is part of a value.',
  ')': 'Refused: "(" and ")" are not supported here. Quote the text if it is part of a value.',
  '{': 'Refused: "{" and "}" are not supported here. Quote the text if it is part of a value.',
  '}': 'Refused: "{" and "}" are not supported here. Quote the text if it is part of a value.',
  '\\': 'Refused: backslash escapes are not supported outside double quotes.',
  '*': 'Refused: wildcards ("*") are not expanded here. Quote the text if it is part of a value.',
  '?': 'Refused: wildcards ("?") are not expanded here. Quote the text if it is part of a value.',
  '~': 'Refused: "~" (home directory) is not expanded here.',
  '#': 'Refused: comments ("#") are not supported. Leave out the # and what follows.',
};

// Unicode dashes that word processors and blogs substitute for "-".
const LOOKALIKE_DASH = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const SMART_QUOTE = /[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u2032\u2033\uFF02\uFF07]/;
// Invisible or direction-changing characters: refused so what runs is what the learner sees.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

// ESC-introduced sequences (CSI, OSC/DCS/APC/PM/SOS strings, two-byte escapes) and 8-bit C1 forms.
const ESC_SEQUENCE =
  /\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[\x20-\x2f]*[\x30-\x7e]?|\x9b[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|[\x90\x9d\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g;
// Remaining C0 (except tab, newline and NUL, handled separately), DEL and C1 controls.
const OTHER_CONTROLS = /[\x01-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Removes terminal escape sequences and stray control characters (pasted text, xterm replies),
 * turns tabs into spaces and drops one trailing line ending. NUL and inner newlines are kept so
 * the tokenizer can refuse them.
 */
export function stripControls(input: string): { text: string; hadEscapes: boolean; hadControls: boolean } {
  let text = input.replace(/\r?\n$/, '');
  const noEsc = text.replace(ESC_SEQUENCE, '');
  const hadEscapes = noEsc !== text;
  text = noEsc.replace(/\t/g, ' ');
  const noCtl = text.replace(OTHER_CONTROLS, '');
  return { text: noCtl, hadEscapes, hadControls: noCtl !== text };
}

export function tokenize(input: string): TokenizeResult {
  if (new TextEncoder().encode(input).length > MAX_LINE_BYTES) {
    return refuse('too-long', `Refused: the command line is longer than ${MAX_LINE_BYTES} bytes.`);
  }
  const { text, hadEscapes } = stripControls(input.normalize('NFC'));
  if (text.includes('\n') || text.includes('\r')) {
    return refuse('parse', 'Refused: the command contains a line break. Enter one command on one line.');
  }
  if (text.includes('\0')) return refuse('parse', 'Refused: the command contains a NUL character.');
  if (INVISIBLE.test(text)) {
    return refuse('parse', 'Refused: the command contains an invisible or text-direction character. Retype it by hand.');
  }

  const tokens: Token[] = [];
  let word: string | null = null;
  const push = () => {
    if (word !== null) tokens.push({ kind: 'word', value: word });
    word = null;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ') {
      push();
    } else if (c === '|') {
      push();
      tokens.push({ kind: 'pipe' });
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return refuse('parse', 'Refused: a single quote (\') is not closed.');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        const d = text[j];
        if (d === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1])) {
          value += text[++j];
        } else if (d === '$' || d === '`') {
          return refuse('parse', `Refused: "${d}" inside double quotes would be expanded by a shell; use single quotes for literal text.`);
        } else {
          value += d;
        }
      }
      if (j >= text.length) return refuse('parse', 'Refused: a double quote (") is not closed.');
      word = (word ?? '') + value;
      i = j;
    } else if ((c === '~' || c === '#') && word !== null) {
      word += c; // only special at the start of a word
    } else if (c in UNQUOTED_METAS) {
      if (c === '$' && tokens.length === 0 && word === null) {
        return refuse('parse', 'Refused: leave out the leading "$" prompt and type only the command.');
      }
      return refuse('parse', UNQUOTED_METAS[c]);
    } else {
      if (word === null && LOOKALIKE_DASH.test(c)) {
        return refuse('parse', `Refused: "${c}" is not an ASCII hyphen; options need the ASCII "-" (use ASCII -).`);
      }
      if (SMART_QUOTE.test(c)) {
        return refuse('parse', `Refused: "${c}" is a typographic quote; use ASCII quotes (' or ").`);
      }
      word = (word ?? '') + c;
    }
  }
  push();
  const words = tokens.filter((t) => t.kind === 'word').length;
  if (words > MAX_TOKENS) return refuse('too-long', `Refused: the command has more than ${MAX_TOKENS} words.`);
  if (words === 0) return refuse('parse', 'Type a command, for example: kubectl get nodes');
  return hadEscapes
    ? { ok: true, tokens, text, notice: 'Terminal escape sequences were removed from the input.' }
    : { ok: true, tokens, text };
}
