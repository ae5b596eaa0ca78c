'use client';
// The xterm.js leaf: the only module that imports @xterm/*. Loaded with next/dynamic({ ssr: false }) by
// TerminalPane. Created in an effect and disposed in its cleanup (Strict Mode mounts twice in dev).
import { useEffect, useRef } from 'react';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { JobController } from '@/lib/client/job-controller';
import { hardenTerminal, safeHttpUrl } from '@/lib/client/terminal-hardening';
import { TerminalModel } from '@/lib/client/terminal-model';
import { darkTheme, lightTheme } from '@/lib/client/terminal-themes';
import { plainWrite, renderWrite } from '@/lib/client/render-write';
import { stripAnsi } from '@/lib/client/ansi';
import type { TermWrite } from '@/lib/client/transcript';

export interface XTermHandle {
  find(query: string, previous: boolean): boolean;
  clearSearch(): void;
  selection(): string;
  focus(): void;
  model: TerminalModel;
}

const MIRROR_MAX_CHARS = 200_000;

const SEARCH_DECORATIONS = {
  matchBackground: '#9a6700',
  matchBorder: '#9a6700',
  matchOverviewRuler: '#d4a72c',
  activeMatchBackground: '#bf3989',
  activeMatchBorder: '#bf3989',
  activeMatchColorOverviewRuler: '#bf3989',
};

export default function XTerm({
  controller,
  theme,
  mirror,
  confirmLink,
  onReady,
  onSearchShortcut,
  label,
}: {
  controller: JobController;
  theme: 'light' | 'dark';
  /** Hidden <pre> that mirrors the plain text, for screen readers and tests. */
  mirror: React.RefObject<HTMLPreElement | null>;
  confirmLink: (url: string) => boolean;
  onReady: (h: XTermHandle | null) => void;
  onSearchShortcut: () => void;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  // Callbacks change with the language; the terminal lives on, so read them through refs.
  const cbs = useRef({ confirmLink, onSearchShortcut, onReady });
  useEffect(() => {
    cbs.current = { confirmLink, onSearchShortcut, onReady };
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const openLink = (_ev: MouseEvent, uri: string) => {
      const url = safeHttpUrl(uri);
      if (url && cbs.current.confirmLink(url)) window.open(url, '_blank', 'noopener,noreferrer');
    };
    const term = new Terminal({
      convertEol: true,
      allowProposedApi: true, // markers and decorations (terminal-model.ts), search highlights
      disableStdin: true, // input goes through the prompt <input>, never the terminal
      cursorBlink: false,
      cursorInactiveStyle: 'none',
      scrollback: 5000,
      fontSize: 13,
      lineHeight: 1.2,
      fontFamily: "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans Mono CJK JP', monospace",
      theme: theme === 'dark' ? darkTheme : lightTheme,
      overviewRuler: { width: 8 },
      linkHandler: { activate: openLink, allowNonHttpProtocols: false },
      screenReaderMode: false,
    });
    termRef.current = term;
    const hardening = hardenTerminal(term);
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon(openLink, { urlRegex: /https?:\/\/[^\s"'<>`]+[^\s"'<>`.,;:!?)\]]/ }));
    term.open(el);
    term.attachCustomKeyEventHandler((ev) => {
      if (ev.type === 'keydown' && (ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'f') {
        ev.preventDefault();
        cbs.current.onSearchShortcut();
        return false;
      }
      return true;
    });

    const pre = mirror.current;
    const model = new TerminalModel(term);
    let mirrorChars = 0;
    const appendMirror = (w: TermWrite) => {
      if (!pre) return;
      const span = document.createElement('span');
      span.dataset.kind = w.kind;
      if (w.seq !== undefined) span.dataset.seq = String(w.seq);
      span.textContent = plainWrite(w, stripAnsi);
      pre.appendChild(span);
      mirrorChars += span.textContent.length;
      while (mirrorChars > MIRROR_MAX_CHARS && pre.firstChild) {
        mirrorChars -= pre.firstChild.textContent?.length ?? 0;
        pre.removeChild(pre.firstChild);
      }
    };
    const detach = controller.attachView({
      write(w) {
        if (w.kind !== 'out' && w.kind !== 'err') model.endLine();
        model.write(renderWrite(w), { kind: w.kind, seq: w.seq });
        appendMirror(w);
      },
      clear() {
        term.clear();
        model.reset();
        if (pre) pre.textContent = '';
        mirrorChars = 0;
      },
    });

    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
      });
    };
    refit();
    const ro = new ResizeObserver(refit);
    ro.observe(el);

    cbs.current.onReady({
      find: (q, previous) =>
        q ? (previous ? search.findPrevious(q, { decorations: SEARCH_DECORATIONS }) : search.findNext(q, { decorations: SEARCH_DECORATIONS })) : false,
      clearSearch: () => search.clearDecorations(),
      selection: () => term.getSelection(),
      focus: () => term.focus(),
      model,
    });

    return () => {
      cbs.current.onReady(null);
      cancelAnimationFrame(frame);
      ro.disconnect();
      detach();
      hardening.dispose();
      term.dispose();
      termRef.current = null;
      if (pre) pre.textContent = '';
    };
    // The terminal is created once per controller; theme changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, mirror]);

  useEffect(() => {
    const t: ITheme = theme === 'dark' ? darkTheme : lightTheme;
    if (termRef.current) termRef.current.options.theme = t;
  }, [theme]);

  return <div ref={host} data-testid="xterm-host" title={label} className="term-host h-full w-full bg-term-bg" />;
}
