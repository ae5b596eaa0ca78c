// How each kind of terminal write looks: process output goes through unchanged (the server already
// filtered it); the terminal's own lines (command echo, notices, exit status) get colours and are made
// inert first, since a refused command line is echoed exactly as the learner typed it.
import { sgr } from './ansi';
import type { TermWrite } from './transcript';

/** Shows control characters as Unicode control pictures (␛ for ESC) instead of interpreting them. */
export function inert(text: string): string {
    return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\x7f' ? '␡' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}

/** ANSI text for the terminal. Own lines always end with a newline. */
export function renderWrite(w: TermWrite): string {
  switch (w.kind) {
    case 'out':
    case 'err':
      return w.text;
    case 'cmd': {
      const tag = w.mode ? `\x1b[90m[${w.mode}]\x1b[39m ` : '';
      return `${tag}${sgr.green(sgr.bold('$'))} ${sgr.bold(inert(w.text))}\n`;
    }
    case 'notice': {
      const color = w.tone === 'error' ? sgr.red : w.tone === 'warn' ? sgr.yellow : sgr.cyan;
      // A warning (a refusal, busy) closes the command it answers: leave a blank line like the status line.
      return `${color(inert(w.text))}\n${w.tone === 'warn' ? '\n' : ''}`;
    }
    case 'status':
      return `${w.tone === 'error' ? sgr.red(w.text) : `\x1b[90m${w.text}\x1b[39m`}\n\n`;
  }
}

/** Plain text of a write for the accessible mirror. */
export function plainWrite(w: TermWrite, strip: (s: string) => string): string {
  switch (w.kind) {
    case 'out':
    case 'err':
      return strip(w.text);
    case 'cmd':
      return `${w.mode ? `[${w.mode}] ` : ''}$ ${w.text}\n`;
    case 'notice':
      return `${w.text}\n`;
    case 'status':
      return `${w.text}\n\n`;
  }
}
