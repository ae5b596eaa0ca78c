'use client';
// The cluster X-ray: nodes (Ready, taints, CNI, pods), unscheduled pods with the taints that keep them
// off each node, and recent events — fed by the page's shared /api/cluster/stream EventSource.
import { useSyncExternalStore } from 'react';
import { sharedSnapshotFeed, type FeedState } from '@/lib/checks/snapshot-feed';
import type { ClusterSnapshot, PodView } from '@/lib/cluster/types';
import type { Translate } from '@/lib/i18n/messages';
import { EventTimeline } from './EventTimeline';
import { NodeCard } from './NodeCard';
import { UnscheduledPods } from './UnscheduledPods';
import { summary } from './status';
import { useLab } from '../LabProvider';

const SERVER_STATE: FeedState = { snapshot: null, connected: false };
const subscribe = (cb: () => void) => sharedSnapshotFeed().subscribe(cb);
const getState = () => sharedSnapshotFeed().current;
const getServerState = () => SERVER_STATE;
const noSubscribe = () => () => {};

function Section({ id, title, children, open = true }: { id: string; title: string; children: React.ReactNode; open?: boolean }) {
  return (
    <details open={open} className="group" aria-labelledby={id}>
      <summary className="cursor-pointer select-none py-1">
        <h3 id={id} className="inline text-xs font-semibold uppercase tracking-wide text-muted">
          {title}
        </h3>
      </summary>
      <div className="pb-2">{children}</div>
    </details>
  );
}

function Body({ s, t }: { s: ClusterSnapshot; t: Translate }) {
  const byNode = new Map<string, PodView[]>();
  const unscheduled: PodView[] = [];
  for (const p of s.pods) {
    if (!p.nodeName) unscheduled.push(p);
    else byNode.set(p.nodeName, [...(byNode.get(p.nodeName) ?? []), p]);
  }
  return (
    <>
      <Section id="xray-nodes-h" title={t('xray.nodes', { n: s.nodes.length })}>
        <ul className="space-y-2">
          {s.nodes.map((n) => (
            <NodeCard key={n.uid || n.name} node={n} pods={byNode.get(n.name) ?? []} t={t} />
          ))}
        </ul>
      </Section>
      <Section id="xray-unscheduled-h" title={t('xray.unscheduled', { n: unscheduled.length })}>
        <UnscheduledPods pods={unscheduled} nodes={s.nodes} events={s.events} t={t} />
      </Section>
      <Section id="xray-events-h" title={t('xray.events', { n: s.events.length })} open={false}>
        <EventTimeline events={s.events} t={t} />
      </Section>
    </>
  );
}

export function XrayPanel({ t }: { t: Translate }) {
  // Open the stream only once the session cookie exists: an EventSource refused with 401 never retries.
  const authed = useLab().session.status === 'ok';
  const { snapshot: s, connected } = useSyncExternalStore(authed ? subscribe : noSubscribe, authed ? getState : getServerState, getServerState);
  const sum = s?.reachable ? summary(s) : undefined;
  return (
    <section aria-labelledby="xray-heading" className="flex min-h-0 flex-col text-sm" data-testid="xray-panel">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="xray-heading" className="font-semibold">
          {t('xray.heading')}
        </h2>
        {s && (
          <span className={`rounded px-1.5 py-0.5 text-xs ${s.mode === 'sim' ? 'bg-sim-bg text-sim' : 'bg-live-bg text-live'}`} data-testid="xray-mode">
            {s.mode === 'sim' ? t('xray.sim') : t('xray.live')}
          </span>
        )}
        {s?.context && <span className="font-mono text-xs text-muted">{s.context}</span>}
        {s?.serverVersion && <span className="font-mono text-xs text-muted">{s.serverVersion}</span>}
      </div>
      <p className="text-xs text-muted">{t('xray.explain')}</p>
      {/* One short line for screen readers; the full panel is not re-read on every change. */}
      <p aria-live="polite" className="font-mono text-xs" data-testid="xray-summary">
        {sum && t('xray.summary', { ...sum })}
      </p>
      {!s && <p className="text-xs text-muted">{t('xray.connecting')}</p>}
      {s && !connected && (
        <p role="status" className="text-xs text-warn">
          {t('xray.streamLost')}
        </p>
      )}
      {s && !s.reachable && (
        <div role="status" className="mt-1 rounded-md border border-line bg-warn-bg p-2 text-xs" data-testid="xray-banner" data-code={s.errorCode ?? 'unreachable'}>
          <p className="font-semibold">{t(`xray.unreachable.${s.errorCode ?? 'unreachable'}`)}</p>
          {s.error && <p className="mt-1 break-words font-mono text-[11px] text-muted">{s.error}</p>}
        </div>
      )}
      {s?.reachable && (
        <div className="mt-1 min-h-0">
          <Body s={s} t={t} />
        </div>
      )}
    </section>
  );
}
