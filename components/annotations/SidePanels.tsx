'use client';
// Below the terminal: a small tab switcher, "Explanations" | "Cluster X-ray", so neither panel takes
// height from the terminal. The X-ray panel (components/xray) is passed in untouched and stays mounted
// (hidden) so its live feed keeps running. Opening an explanation switches to its tab.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { JobController } from '@/lib/client/job-controller';
import { annotationStoreFor, type OpenExplanation } from '@/lib/client/annotations-store';
import type { Locale } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/messages';
import { AnnotationList } from './AnnotationList';
import { ExplanationPanel } from './ExplanationPanel';

type Tab = 'explain' | 'xray';
const ANNOUNCE_DELAY_MS = 1200; // one announcement per burst of output, not one per line

export function SidePanels({ controller, t, locale, xray }: { controller: JobController; t: Translate; locale: Locale; xray: React.ReactNode }) {
  const store = annotationStoreFor(controller);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  // The learner's tab choice, made while `open` was the open explanation: a newly opened one shows its tab.
  const [choice, setChoice] = useState<{ tab: Tab; open: OpenExplanation | null }>({ tab: 'xray', open: null });
  const tab: Tab = state.open && state.open !== choice.open ? 'explain' : choice.tab;
  const setTab = (next: Tab) => setChoice({ tab: next, open: state.open });
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(state.added);
  const tabsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.added === announced.current) return;
    const id = setTimeout(() => {
      const n = state.added - announced.current;
      announced.current = state.added;
      if (n > 0) setAnnouncement(n === 1 ? t('ann.available.one') : t('ann.available.many', { n }));
    }, ANNOUNCE_DELAY_MS);
    return () => clearTimeout(id);
  }, [state.added, t]);

  const close = () => {
    const key = state.open?.annotationKey;
    setChoice({ tab: 'explain', open: null });
    store.close();
    // Back to where the learner came from: the list entry of that line, else the tab.
    requestAnimationFrame(() => {
      const el = key ? document.querySelector<HTMLElement>(`[data-testid="annotation-list"] button[data-annotation="${CSS.escape(key)}"]`) : null;
      (el ?? tabsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]'))?.focus();
    });
  };

  const n = state.annotations.length;
  const tabs: Array<[Tab, string]> = [
    ['explain', n ? t('ann.tabCount', { n }) : t('ann.tab')],
    ['xray', t('xray.heading')],
  ];
  const tabClass = (on: boolean) =>
    `rounded-t-md border-b-2 px-2.5 py-1 text-xs font-semibold ${on ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'}`;

  return (
    <section aria-label={t('ann.panels')} className="flex h-full min-h-0 flex-col rounded-lg border border-line bg-panel" data-testid="side-panels">
      <div
        role="tablist"
        ref={tabsRef}
        className="flex shrink-0 gap-1 border-b border-line px-2 pt-1"
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          const next: Tab = tab === 'explain' ? 'xray' : 'explain';
          setTab(next);
          e.currentTarget.querySelector<HTMLElement>(`#side-tab-${next}`)?.focus();
        }}
      >
        {tabs.map(([id, label]) => (
          <button
            key={id}
            id={`side-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`side-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={tabClass(tab === id)}
            onClick={() => setTab(id)}
            data-testid={`side-tab-${id}`}
          >
            {id === 'explain' && n > 0 && <span className="mr-1 inline-block h-2 w-2 rounded-full bg-[#d97706]" aria-hidden />}
            {label}
          </button>
        ))}
      </div>
      <div
        id="side-panel-explain"
        role="tabpanel"
        aria-labelledby="side-tab-explain"
        hidden={tab !== 'explain'}
        className="min-h-0 flex-1 overflow-y-auto px-3 py-2"
      >
        {state.open ? (
          <ExplanationPanel
            open={state.open}
            canGoBack={state.trail.length > 0}
            locale={locale}
            t={t}
            onBack={() => store.back()}
            onClose={close}
            onRelated={(topic) => store.openRelated(topic)}
          />
        ) : (
          <AnnotationList annotations={state.annotations} locale={locale} t={t} onOpen={(key) => store.openAnnotation(key)} />
        )}
      </div>
      <div id="side-panel-xray" role="tabpanel" aria-labelledby="side-tab-xray" hidden={tab !== 'xray'} className="min-h-0 flex-1 overflow-y-auto px-3 py-2">
        {xray}
      </div>
      <div aria-live="polite" role="status" className="sr-only" data-testid="annotation-announcer">
        {announcement}
      </div>
    </section>
  );
}
