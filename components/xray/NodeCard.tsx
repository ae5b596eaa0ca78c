'use client';
// A node: roles, Ready badge with reason and the (long) condition message, taints as chips, the pod
// network's state and the pods bound to it.
import type { NodeView, PodView } from '@/lib/cluster/types';
import { taintString } from '@/lib/cluster/explain';
import type { Translate } from '@/lib/i18n/messages';
import { PodRow } from './PodRow';
import { cniLabel, readyLabel } from './status';

export function NodeCard({ node, pods, t }: { node: NodeView; pods: PodView[]; t: Translate }) {
  const ready = node.ready === 'True';
  const headingId = `xray-node-${node.name}`;
  return (
    <li className="rounded-md border border-line bg-panel p-2" data-testid="xray-node" data-node={node.name} data-ready={node.ready} aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center gap-2">
        <h4 id={headingId} className="font-mono text-sm font-semibold">
          {node.name}
        </h4>
        <span className="text-xs text-muted">{node.roles.length ? node.roles.join(', ') : t('xray.roleNone')}</span>
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-semibold ${ready ? 'bg-panel-2 text-ok' : 'bg-bad-bg text-bad'}`}
          data-testid="xray-ready"
        >
          {readyLabel(node, t)}
          {node.readyReason && <span className="font-normal"> {node.readyReason}</span>}
        </span>
      </div>
      {!ready && node.readyMessage && (
        <p className="mt-1 break-words font-mono text-[11px] leading-snug text-muted" aria-label={t('xray.conditionMessage')}>
          {node.readyMessage}
        </p>
      )}
      <div className="mt-1 flex flex-wrap items-center gap-1 text-xs">
        <span className="sr-only">{t('xray.taints')}:</span>
        {node.taints.length === 0 && <span className="text-muted">{t('xray.noTaints')}</span>}
        {node.taints.map((tn) => (
          <code key={taintString(tn)} className="break-all rounded border border-line bg-warn-bg px-1 text-[11px]" data-testid="xray-taint">
            {taintString(tn)}
          </code>
        ))}
      </div>
      <p className="mt-1 text-xs">
        <span className="text-muted">{t('xray.cni.label')}: </span>
        <span className={node.cni.state === 'ready' ? 'text-ok' : node.cni.state === 'missing' ? 'text-bad' : 'text-warn'} data-testid="xray-cni" data-state={node.cni.state}>
          {cniLabel(node, t)}
        </span>
      </p>
      <details className="mt-1" open>
        <summary className="cursor-pointer text-xs text-muted">{t('xray.podsOnNode', { n: pods.length })}</summary>
        {pods.length === 0 ? (
          <p className="text-xs text-muted">{t('xray.noPods')}</p>
        ) : (
          <ul className="mt-1 border-l border-line pl-2">
            {pods.map((p) => (
              <PodRow key={p.uid || `${p.namespace}/${p.name}`} pod={p} t={t} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}
