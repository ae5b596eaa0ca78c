// Colour classes and small text helpers shared by the X-ray components (no React).
import type { ClusterSnapshot, EventView, NodeView, PodView } from '@/lib/cluster/types';
import type { Translate } from '@/lib/i18n/messages';

/** kubectl STATUS → colour: running is fine, waiting states are amber, failures red. */
export function statusClass(status: string): string {
  if (status === 'Running' || status === 'Completed' || status === 'Succeeded') return 'text-ok';
  if (/Err|BackOff|Failed|Error|OOM|Unknown|Evicted|Invalid/.test(status)) return 'text-bad';
  return 'text-warn';
}

export function readyLabel(n: NodeView, t: Translate): string {
  return n.ready === 'True' ? t('xray.ready') : n.ready === 'False' ? t('xray.notReady') : t('xray.unknown');
}

export function cniLabel(n: NodeView, t: Translate): string {
  const plugin = n.cni.plugin ?? 'CNI';
  switch (n.cni.state) {
    case 'missing':
      return t('xray.cni.missing');
    case 'agent-starting':
      return t('xray.cni.agent-starting', { plugin });
    case 'agent-running':
      return t('xray.cni.agent-running', { plugin });
    case 'ready':
      return n.cni.plugin ? t('xray.cni.readyWith', { plugin }) : t('xray.cni.ready');
    default:
      return t('xray.cni.unknown');
  }
}

/** The scheduler's last word on a pod: the PodScheduled=False message, else its newest FailedScheduling event. */
export function schedulerMessage(p: PodView, events: EventView[]): string | undefined {
  if (p.scheduled?.status === 'False' && p.scheduled.message) return p.scheduled.message;
  return events.find((e) => e.reason === 'FailedScheduling' && e.involved.name === p.name && (e.involved.namespace ?? e.namespace) === p.namespace)?.message;
}

/** "x3" style repeat count, the way kubectl describe shows repeated events. */
export const countLabel = (n: number) => (n > 1 ? `(x${n})` : '');

export function summary(s: ClusterSnapshot): { ready: number; nodes: number; unscheduled: number; running: number; pods: number } {
  return {
    ready: s.nodes.filter((n) => n.ready === 'True').length,
    nodes: s.nodes.length,
    unscheduled: s.pods.filter((p) => !p.nodeName).length,
    running: s.pods.filter((p) => p.status === 'Running').length,
    pods: s.pods.length,
  };
}
