'use client';
// Pods without a node: the scheduler's last message and, per node, the first taint the pod does not
// tolerate (the article's picture: which taint keeps which pod off which node).
import type { EventView, NodeView, PodView } from '@/lib/cluster/types';
import { explainScheduling, taintString } from '@/lib/cluster/explain';
import type { Translate } from '@/lib/i18n/messages';
import { schedulerMessage, statusClass } from './status';

function WhyNot({ pod, nodes, t }: { pod: PodView; nodes: NodeView[]; t: Translate }) {
  const e = explainScheduling(pod, nodes);
  if (e.kind !== 'pending' || e.perNode.length === 0) return null;
  return (
    <div className="mt-1">
      <p className="text-[11px] font-semibold text-muted">{t('xray.whyNot')}</p>
      <ul className="text-[11px]" data-testid="xray-why">
        {e.perNode.map((v) => (
          <li key={v.node} className="break-words" data-node={v.node} data-taint={v.taint ? taintString(v.taint) : ''}>
            <span className="font-mono">{v.node}</span>:{' '}
            {v.taint ? (
              <span className="text-bad">{t('xray.blockedBy', { taint: taintString(v.taint) })}</span>
            ) : v.unschedulable ? (
              <span className="text-bad">{t('xray.cordoned')}</span>
            ) : (
              <span className="text-ok">{t('xray.fits')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UnscheduledPods({ pods, nodes, events, t }: { pods: PodView[]; nodes: NodeView[]; events: EventView[]; t: Translate }) {
  if (pods.length === 0) return <p className="text-xs text-muted">{t('xray.noUnscheduled')}</p>;
  return (
    <ul className="space-y-2" data-testid="xray-unscheduled">
      {pods.map((p) => {
        const msg = schedulerMessage(p, events);
        return (
          <li key={p.uid || `${p.namespace}/${p.name}`} className="rounded-md border border-line bg-panel p-2" data-testid="xray-pending-pod" data-pod={`${p.namespace}/${p.name}`}>
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="break-all font-mono text-xs">
                <span className="text-muted">{p.namespace}/</span>
                {p.name}
              </span>
              <span className={`font-mono text-xs font-semibold ${statusClass(p.status)}`}>{p.status}</span>
              {p.scheduled?.reason && <span className="text-[11px] text-muted">{p.scheduled.reason}</span>}
            </div>
            {msg && (
              <p className="mt-1 break-words text-[11px]">
                <span className="text-muted">{t('xray.schedulerSays')} </span>
                <span className="font-mono">{msg}</span>
              </p>
            )}
            <WhyNot pod={p} nodes={nodes} t={t} />
          </li>
        );
      })}
    </ul>
  );
}
