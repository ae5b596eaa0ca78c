'use client';
// Recent events, newest first: type, reason, object, source, message and the repeat count.
import type { EventView } from '@/lib/cluster/types';
import type { Translate } from '@/lib/i18n/messages';
import { countLabel } from './status';

const SHOWN = 40;

function clock(iso?: string): string {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? '' : new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function EventTimeline({ events, t }: { events: EventView[]; t: Translate }) {
  if (events.length === 0) return <p className="text-xs text-muted">{t('xray.noEvents')}</p>;
  return (
    <>
      <ol className="space-y-1" data-testid="xray-events">
        {events.slice(0, SHOWN).map((e) => (
          <li key={e.uid || `${e.namespace}/${e.name}`} className="border-l-2 pl-2 text-[11px] leading-snug" style={{ borderColor: e.type === 'Warning' ? 'var(--bad)' : 'var(--line)' }} data-testid="xray-event" data-reason={e.reason}>
            <div className="flex flex-wrap gap-x-2">
              <time className="text-muted" dateTime={e.lastTime}>
                {clock(e.lastTime)}
              </time>
              <span className={e.type === 'Warning' ? 'font-semibold text-bad' : 'text-muted'}>{e.type}</span>
              <span className="font-semibold">{e.reason}</span>
              <span className="font-mono">
                {e.involved.kind.toLowerCase()}/{e.involved.name}
              </span>
              {e.count > 1 && <span className="text-muted">{countLabel(e.count)}</span>}
              {e.source && <span className="text-muted">{e.source}</span>}
            </div>
            <p className="break-words font-mono">{e.message}</p>
          </li>
        ))}
      </ol>
      {events.length > SHOWN && <p className="mt-1 text-[11px] text-muted">{t('xray.more', { n: events.length - SHOWN })}</p>}
    </>
  );
}
