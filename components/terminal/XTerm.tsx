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
import { annotateModel, type Annotation } from '@/lib/client/annotations';
import type { AnnotationStore } from '@/lib/client/annotations-store';
import '../annotations/annotations.css';

export interface XTermHandle {
  find(query: string, previous: boolean): boolean;
  clearSearch(): void;
  selection(): string;
  focus(): void;
  model: TerminalModel;
}

const MIRROR_MAX_CHARS = 200_000;
/** Mirror line pieces kept findable for annotations (older ones are gone from the mirror anyway). */
const MIRROR_MAX_LINES = 5000;
const ANN_COLOR = '#d97706'; // amber: readable on the light and the dark terminal theme

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
  annotations,
  explainLabel,
}: {
  controller: JobController;
  theme: 'light' | 'dark';
  /** Hidden <pre> that mirrors the plain text, for screen readers and tests. */
  mirror: React.RefObject<HTMLPreElement | null>;
  confirmLink: (url: string) => boolean;
  onReady: (h: XTermHandle | null) => void;
  onSearchShortcut: () => void;
  label: string;
  /** Where annotated lines go (shared with the explanation panel). */
  annotations?: AnnotationStore;
  /** "Explain: <title>" for a topic, in the current language. */
  explainLabel: (topic: string) => string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  // Callbacks change with the language; the terminal lives on, so read them through refs.
  const cbs = useRef({ confirmLink, onSearchShortcut, onReady, explainLabel });
  useEffect(() => {
    cbs.current = { confirmLink, onSearchShortcut, onReady, explainLabel };
  });
  const marked = useRef(new Set<HTMLElement>());

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
    // [annotations] mirror spans per terminal line, so an annotated line can be marked where it stands.
    const mirrorLines = new Map<string, HTMLSpanElement[]>();
    const appendMirror = (w: TermWrite, place: { job: number; line: number } | null) => {
      if (!pre) return;
      const span = document.createElement('span');
      span.dataset.kind = w.kind;
      if (w.seq !== undefined) span.dataset.seq = String(w.seq);
      const text = plainWrite(w, stripAnsi);
      if (place && text) {
        let line = place.line;
        for (const piece of text.split(/(?<=\n)/)) {
          const child = document.createElement('span');
          child.textContent = piece;
          span.appendChild(child);
          const k = `${place.job}:${line}`;
          const list = mirrorLines.get(k);
          if (list) list.push(child);
          else mirrorLines.set(k, [child]);
          if (piece.endsWith('\n')) line++;
        }
        while (mirrorLines.size > MIRROR_MAX_LINES) mirrorLines.delete(mirrorLines.keys().next().value!);
      } else span.textContent = text;
      pre.appendChild(span);
      mirrorChars += text.length;
      while (mirrorChars > MIRROR_MAX_CHARS && pre.firstChild) {
        mirrorChars -= pre.firstChild.textContent?.length ?? 0;
        pre.removeChild(pre.firstChild);
      }
    };

    // [annotations] tag recognised failure lines: a tint and a clickable badge in xterm, a button in the mirror.
    const store = annotations;
    store?.reset(); // the replay below rebuilds them
    marked.current.clear();
    const decorated = new Set<number>();
    const onAnnotated = (found: Annotation[]) => {
      for (const a of found) {
        const open = () => store?.openAnnotation(a.key);
        if (!decorated.has(a.lineId)) {
          decorated.add(a.lineId);
          // The matcher lists the most specific topic of a line first: the badge opens that one.
          model.decorateLine(a.lineId, { className: 'ann-line', rulerColor: ANN_COLOR });
          model.decorateLine(a.lineId, {
            className: 'ann-badge',
            layer: 'top',
            width: 2,
            anchor: 'right',
            x: 1, // clear of the scrollbar edge; a 0 offset would put it at the left
            onClick: open,
            get title() {
              return cbs.current.explainLabel(a.topic);
            },
          });
        }
        for (const el of mirrorLines.get(`${a.job}:${a.line}`) ?? []) {
          if (el.dataset.topic) continue;
          el.dataset.topic = a.topic;
          el.dataset.annotation = a.key;
          el.className = 'ann-mirror';
          el.setAttribute('role', 'button');
          el.tabIndex = -1; // reachable by screen readers; the visible list is the keyboard path
          el.setAttribute('aria-label', cbs.current.explainLabel(a.topic));
          el.onclick = open;
          el.onkeydown = (ev) => {
            if (ev.key === 'Enter' || ev.key === ' ') {
              ev.preventDefault();
              open();
            }
          };
          marked.current.add(el);
        }
      }
      store?.add(found);
    };
    let ann = annotateModel(model, onAnnotated);
    const detach = controller.attachView({
      write(w) {
        // The annotator ends a partial line before own lines and writes to the model (one write path).
        const place = ann.write({ kind: w.kind, text: renderWrite(w), seq: w.seq });
        appendMirror(w, w.kind === 'out' || w.kind === 'err' ? place : null);
      },
      clear() {
        term.clear();
        model.reset();
        if (pre) pre.textContent = '';
        mirrorChars = 0;
        // Line counting starts afresh with what comes next.
        ann.dispose();
        ann = annotateModel(model, onAnnotated);
        mirrorLines.clear();
        decorated.clear();
        marked.current.clear();
        store?.reset();
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
      ann.dispose();
      hardening.dispose();
      term.dispose();
      termRef.current = null;
      if (pre) pre.textContent = '';
    };
    // The terminal is created once per controller; theme changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, mirror, annotations]);

  // [annotations] the mirror's button labels follow the language.
  useEffect(() => {
    for (const el of marked.current) if (el.isConnected && el.dataset.topic) el.setAttribute('aria-label', explainLabel(el.dataset.topic));
  }, [explainLabel]);

  useEffect(() => {
    const t: ITheme = theme === 'dark' ? darkTheme : lightTheme;
    if (termRef.current) termRef.current.options.theme = t;
  }, [theme]);

  return <div ref={host} data-testid="xterm-host" title={label} className="term-host h-full w-full bg-term-bg" />;
}
