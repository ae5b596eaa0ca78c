'use client';
// The effective colour theme ('light' | 'dark'): the explicit choice on <html data-theme>, else the OS setting.
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'auto' | 'light' | 'dark';
export const THEME_KEY = 'cnilab:theme';

function effective(): 'light' | 'dark' {
  const t = document.documentElement.dataset.theme;
  if (t === 'light' || t === 'dark') return t;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function subscribe(cb: () => void): () => void {
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  const mo = new MutationObserver(cb);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  mq.addEventListener('change', cb);
  return () => {
    mo.disconnect();
    mq.removeEventListener('change', cb);
  };
}

export function useEffectiveTheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, effective, () => 'light');
}

function choice(): ThemeChoice {
  const t = document.documentElement.dataset.theme;
  return t === 'light' || t === 'dark' ? t : 'auto';
}

export function useThemeChoice(): [ThemeChoice, (c: ThemeChoice) => void] {
  const value = useSyncExternalStore(subscribe, choice, () => 'auto' as ThemeChoice);
  const set = (c: ThemeChoice) => {
    if (c === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = c;
    try {
      if (c === 'auto') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, c);
    } catch {
      // storage disabled: the choice lasts for this page
    }
  };
  return [value, set];
}
