'use client';
// The terminal pane: toolbar (search, copy, clear), kind progress bar, xterm output, running status with
// Cancel and elapsed time, and the prompt line where the learner types commands.
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { JobController } from '@/lib/client/job-controller';
import { formatElapsed } from '@/lib/client/status-line';
import type { Translate } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locale';
import { explain } from '@/lib/annotations';
import { annotationStoreFor } from '@/lib/client/annotations-store';
import { useEffectiveTheme } from '../useTheme';
import type { XTermHandle } from './XTerm';
import { PromptLine } from './PromptLine';
import { SearchBox } from './SearchBox';
import { ClearIcon, CopyIcon, SearchIcon } from './icons';

const XTerm = dynamic(() => import('./XTerm'), { ssr: false, loading: () => <div className="h-full w-full bg-term-bg" /> });

function useTicker(active: boolean, ms = 200): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return now;
}

const btn =
  'inline-flex h-7 items-center gap-1 rounded-md border border-line px-2 text-xs hover:bg-panel-2 disabled:opacity-50 disabled:hover:bg-transparent';

export function TerminalPane({
  controller,
  t,
  canRun,
  locale = 'en',
}: {
  controller: JobController;
  t: Translate;
  canRun: boolean;
  locale?: Locale;
}) {
  const annotations = annotationStoreFor(controller);
  const explainLabel = useCallback(
    (topic: string) => t('ann.explain', { title: explain(topic, locale)?.title ?? topic }),
    [t, locale],
  );
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const theme = useEffectiveTheme();
  const mirror = useRef<HTMLPreElement>(null);
  const handle = useRef<XTermHandle | null>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const running = state.phase !== 'idle';
  const now = useTicker(running);
  const startedAt = state.job?.startedAt;
  const elapsed = running && startedAt ? formatElapsed(now - startedAt) : null;

  const onReady = useCallback((h: XTermHandle | null) => {
    handle.current = h;
  }, []);
  const confirmLink = useCallback((url: string) => window.confirm(t('terminal.linkConfirm', { url })), [t]);
  const openSearch = useCallback(() => setSearchOpen(true), []);

  const copy = async () => {
    const text = handle.current?.selection() ?? '';
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // clipboard permission refused: nothing to do
    }
  };

  const p = state.progress;
  return (
    <section aria-label={t('terminal.label')} className="flex h-full min-h-0 flex-col overflow-hidden rounded-lg border border-line bg-term-bg">
      <div className="flex items-center gap-1.5 border-b border-line bg-panel px-2 py-1.5">
        <h2 className="px-1 text-sm font-semibold">{t('terminal.label')}</h2>
        {state.job?.mode && (
          <span className={`rounded px-1.5 text-[11px] font-semibold ${state.job.mode === 'sim' ? 'bg-sim-bg text-sim' : 'bg-live-bg text-live'}`}>
            {state.job.mode}
          </span>
        )}
        <div className="ml-auto flex items-center gap-1">
          <button type="button" className={btn} onClick={() => setSearchOpen((v) => !v)} aria-expanded={searchOpen} aria-label={t('terminal.search')} title={t('terminal.search')}>
            <SearchIcon />
          </button>
          <button type="button" className={btn} onClick={() => void copy()} aria-label={t('terminal.copy')} title={t('terminal.copy')}>
            <CopyIcon />
            {copied && <span>{t('terminal.copied')}</span>}
          </button>
          <button type="button" className={btn} onClick={() => controller.clear()} aria-label={t('terminal.clear')} title={t('terminal.clear')}>
            <ClearIcon />
          </button>
        </div>
      </div>
      {searchOpen && (
        <SearchBox
          t={t}
          onFind={(q, prev) => handle.current?.find(q, prev) ?? false}
          onClose={() => {
            handle.current?.clearSearch();
            setSearchOpen(false);
            handle.current?.focus();
          }}
        />
      )}
      {p && (
        <div data-testid="job-progress" className="border-b border-line bg-panel px-3 py-1.5 text-xs">
          <div className="flex justify-between gap-2">
            <span className="truncate">{p.step}</span>
            <span className="shrink-0 tabular-nums text-muted">
              {p.index}/{p.total}
            </span>
          </div>
          <div
            role="progressbar"
            aria-label={`${p.step} — ${p.index}/${p.total}`}
            aria-valuemin={0}
            aria-valuemax={p.total}
            aria-valuenow={p.index}
            className="mt-1 h-1.5 overflow-hidden rounded bg-panel-2"
          >
            <div
              className={`h-full transition-[width] ${p.state === 'failed' ? 'bg-bad' : 'bg-accent'}`}
              style={{ width: `${Math.min(100, Math.max(0, (p.index / Math.max(1, p.total)) * 100))}%` }}
            />
          </div>
        </div>
      )}
      <div className="relative min-h-0 flex-1">
        <XTerm
          controller={controller}
          theme={theme}
          mirror={mirror}
          confirmLink={confirmLink}
          onReady={onReady}
          onSearchShortcut={openSearch}
          label={t('terminal.output')}
          annotations={annotations}
          explainLabel={explainLabel}
        />
      </div>
      <pre data-testid="terminal-text" aria-label={t('terminal.output')} className="sr-only" ref={mirror} />
      {running && (
        <div className="flex items-center gap-2 border-t border-line bg-panel px-3 py-1 text-xs" data-testid="job-running">
          <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-accent" aria-hidden />
          <span className="min-w-0 truncate font-mono">{state.job?.raw}</span>
          <span className="shrink-0 tabular-nums text-muted">{t('terminal.running', { elapsed: elapsed ?? '…' })}</span>
          {state.connection === 'reconnecting' && <span className="text-warn">{t('terminal.streamLost')}</span>}
          <button
            type="button"
            onClick={() => void controller.cancel()}
            disabled={!state.job || state.job.done}
            className="ml-auto shrink-0 whitespace-nowrap rounded-md border border-bad px-2 py-0.5 font-medium text-bad hover:bg-bad-bg disabled:opacity-50"
          >
            {t('terminal.cancel')}
          </button>
        </div>
      )}
      <PromptLine t={t} disabled={!canRun} busy={running} onRun={(line) => void controller.run(line)} />
      <div aria-live="polite" role="status" className="sr-only" data-testid="announcer">
        {state.announcement.text}
      </div>
    </section>
  );
}
