'use client';
// One pod line: namespace/name, kubectl STATUS in colour, IP, and the static/hostNetwork marks.
import type { PodView } from '@/lib/cluster/types';
import type { Translate } from '@/lib/i18n/messages';
import { statusClass } from './status';

export function PodRow({ pod, t }: { pod: PodView; t: Translate }) {
  return (
    <li className="py-0.5" data-testid="xray-pod" data-pod={`${pod.namespace}/${pod.name}`} data-status={pod.status}>
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="break-all font-mono text-xs">
          <span className="text-muted">{pod.namespace}/</span>
          {pod.name}
        </span>
        <span className={`font-mono text-xs font-semibold ${statusClass(pod.status)}`}>{pod.status}</span>
        {pod.podIP && <span className="font-mono text-[11px] text-muted">{pod.podIP}</span>}
        {pod.hostNetwork && <span className="rounded bg-panel-2 px-1 text-[11px] text-muted">{t('xray.hostNetwork')}</span>}
      </div>
      {pod.static && (
        <p className="text-[11px] text-muted" data-testid="xray-static">
          {t('xray.static')}
        </p>
      )}
    </li>
  );
}
