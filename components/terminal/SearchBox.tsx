'use client';
// Find in the terminal output: Enter = next, Shift+Enter = previous, Escape closes.
import { useEffect, useRef, useState } from 'react';
import type { Translate } from '@/lib/i18n/messages';

const btn = 'h-6 rounded border border-line px-1.5 text-xs hover:bg-panel-2';

export function SearchBox({ t, onFind, onClose }: { t: Translate; onFind: (q: string, previous: boolean) => boolean; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [miss, setMiss] = useState(false);
  useEffect(() => input.current?.focus(), []);
  const find = (prev: boolean) => setMiss(q !== '' && !onFind(q, prev));
  return (
    <div role="search" className="flex items-center gap-1 border-b border-line bg-panel px-2 py-1">
      <input
        ref={input}
        type="search"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setMiss(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
        aria-label={t('terminal.search')}
        placeholder={t('terminal.searchPlaceholder')}
        className={`h-6 min-w-0 flex-1 rounded border bg-bg px-1.5 font-mono text-xs ${miss ? 'border-bad' : 'border-line'}`}
      />
      <button type="button" className={btn} onClick={() => find(true)} aria-label={t('terminal.searchPrev')} title={t('terminal.searchPrev')}>
        ↑
      </button>
      <button type="button" className={btn} onClick={() => find(false)} aria-label={t('terminal.searchNext')} title={t('terminal.searchNext')}>
        ↓
      </button>
      <button type="button" className={btn} onClick={onClose} aria-label={t('terminal.searchClose')} title={t('terminal.searchClose')}>
        ✕
      </button>
    </div>
  );
}
