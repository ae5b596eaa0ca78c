// Makes xterm.js inert to hostile output (security brief §3.6): every sequence that would make the
// terminal answer (device attributes, status/cursor reports, mode and setting queries, window reports,
// colour queries) is swallowed, as are clipboard (OSC 52), colour changes and window titles. Handlers
// registered later run first, and returning true stops xterm's own handling.
import type { IDisposable, Terminal } from '@xterm/xterm';

type Parser = Terminal['parser'];

const CSI_QUERIES: Array<Parameters<Parser['registerCsiHandler']>[0]> = [
  { final: 'c' }, // DA1
  { prefix: '>', final: 'c' }, // DA2
  { prefix: '=', final: 'c' }, // DA3
  { final: 'n' }, // DSR 5n / 6n
  { prefix: '?', final: 'n' }, // DECDSR
  { intermediates: '$', final: 'p' }, // DECRQM (ANSI)
  { prefix: '?', intermediates: '$', final: 'p' }, // DECRQM (DEC)
  { final: 't' }, // window ops and reports
  { prefix: '>', final: 'q' }, // XTVERSION
  { prefix: '?', final: 'u' }, // kitty keyboard query
  { prefix: '?', final: 'S' }, // XTSMGRAPHICS
];

const DCS_QUERIES: Array<Parameters<Parser['registerDcsHandler']>[0]> = [
  { intermediates: '$', final: 'q' }, // DECRQSS
  { intermediates: '+', final: 'q' }, // XTGETTCAP
];

// 0-2 titles, 4/10-19 and their resets colour changes and queries, 52 clipboard.
const OSC_SWALLOWED = [0, 1, 2, 4, 5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 52, 104, 105, 110, 111, 112, 117, 119];

export function hardenTerminal(term: Pick<Terminal, 'parser'>): IDisposable {
  const ds: IDisposable[] = [
    ...CSI_QUERIES.map((id) => term.parser.registerCsiHandler(id, () => true)),
    ...DCS_QUERIES.map((id) => term.parser.registerDcsHandler(id, () => true)),
    ...OSC_SWALLOWED.map((n) => term.parser.registerOscHandler(n, () => true)),
  ];
  return { dispose: () => ds.forEach((d) => d.dispose()) };
}

/** Only http(s) URLs may be opened from terminal output; everything else (javascript:, file:, data:) is inert. */
export function safeHttpUrl(text: string): string | null {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
