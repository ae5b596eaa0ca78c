'use client';
// The command line under the terminal: a plain <input> (xterm's input mode is never used), with ↑/↓ history.
import { useEffect, useRef, useState } from 'react';
import { RunHistory, loadHistory, saveHistory } from '@/lib/client/run-history';
import type { Translate } from '@/lib/i18n/messages';

export function PromptLine({ t, disabled, busy, onRun }: { t: Translate; disabled: boolean; busy: boolean; onRun: (line: string) => void }) {
  const [value, setValue] = useState('');
  const history = useRef<RunHistory | null>(null);
  useEffect(() => {
    history.current = new RunHistory(loadHistory(window.localStorage));
  }, []);

  const submit = () => {
    const line = value.trim();
    if (!line || disabled) return;
    history.current?.push(line);
    if (history.current) saveHistory(window.localStorage, history.current.entries);
    setValue('');
    onRun(line);
  };

  return (
    <form
      className="flex items-center gap-2 border-t border-line bg-panel px-2 py-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <span aria-hidden className="pl-1 font-mono text-sm font-bold text-ok">
        $
      </span>
      <input
        type="text"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp') {
            const prev = history.current?.up(value);
            if (prev != null) {
              e.preventDefault();
              setValue(prev);
            }
          } else if (e.key === 'ArrowDown') {
            const next = history.current?.down();
            if (next != null) {
              e.preventDefault();
              setValue(next);
            }
          }
        }}
        disabled={disabled}
        aria-label={t('terminal.prompt')}
        aria-describedby="prompt-hint"
        placeholder={t('terminal.placeholder')}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        maxLength={4096}
        data-testid="prompt-input"
        className="h-8 min-w-0 flex-1 rounded-md border border-line bg-bg px-2 font-mono text-sm disabled:opacity-60"
      />
      <span id="prompt-hint" className="sr-only">
        {t('terminal.history')}
      </span>
      <button
        type="submit"
        disabled={disabled || !value.trim()}
        aria-busy={busy}
        className="h-8 rounded-md bg-accent px-3 text-sm font-medium text-accent-fg disabled:opacity-50"
      >
        {t('terminal.run')}
      </button>
    </form>
  );
}
