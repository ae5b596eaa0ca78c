// Pod status as the kubelet writes it, per phase, with the conditions each version reports.
import { createHash, randomBytes } from 'node:crypto';
import type { Any } from './gvr';
import type { EmulatedVersion } from './versions';

export const hex64 = () => randomBytes(32).toString('hex');
const rfc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Stable image digest per image name, so imageID repeats like a real registry's. */
export function imageId(image: string): string {
  const digest = createHash('sha256').update(`cni-lab:${image}`).digest('hex');
  const repo = image.split('@')[0].replace(/:[^/:]+$/, '');
  const full = repo.includes('/') ? (repo.split('/')[0].includes('.') ? repo : `docker.io/${repo}`) : `docker.io/library/${repo}`;
  return `${full}@sha256:${digest}`;
}

/** Image as containerd reports it (fully qualified). */
export function fullImage(image: string): string {
  if (image.includes('@')) return image;
  const hasTag = /:[^/]+$/.test(image);
  const withTag = hasTag ? image : `${image}:latest`;
  const first = withTag.split('/')[0];
  if (withTag.includes('/') && (first.includes('.') || first.includes(':'))) return withTag;
  return withTag.includes('/') ? `docker.io/${withTag}` : `docker.io/library/${withTag}`;
}

function cond(type: string, status: string, t: string, extra: Record<string, string> = {}) {
  return { type, status, lastProbeTime: null, lastTransitionTime: t, ...extra };
}

/** Scheduled but not started (ContainerCreating). */
export function creatingStatus(pod: Any, hostIP: string, v: EmulatedVersion, now: Date, prev?: Any): Any {
  const t = rfc(now);
  const names = (pod.spec?.containers ?? []).map((c: Any) => c.name).join(' ');
  const ready = { reason: 'ContainersNotReady', message: `containers with unready status: [${names}]` };
  const conditions = [
    ...(v.minor >= 29 ? [cond('PodReadyToStartContainers', 'False', t)] : []),
    cond('Initialized', 'True', t),
    cond('Ready', 'False', t, ready),
    cond('ContainersReady', 'False', t, ready),
    cond('PodScheduled', 'True', prev?.conditions?.find((c: Any) => c.type === 'PodScheduled')?.lastTransitionTime ?? t),
  ];
  return {
    phase: 'Pending',
    conditions,
    hostIP,
    ...(v.minor >= 28 ? { hostIPs: [{ ip: hostIP }] } : {}),
    startTime: prev?.startTime ?? t,
    containerStatuses: (pod.spec?.containers ?? []).map((c: Any) => ({
      name: c.name,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: c.image,
      imageID: '',
      started: false,
    })),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
}

export function runningStatus(pod: Any, hostIP: string, podIP: string, v: EmulatedVersion, now: Date, startedAt?: Date): Any {
  const t = rfc(now);
  const started = rfc(startedAt ?? now);
  const prevStart = pod.status?.startTime;
  return {
    phase: 'Running',
    conditions: [
      ...(v.minor >= 29 ? [cond('PodReadyToStartContainers', 'True', t)] : []),
      cond('Initialized', 'True', prevStart ?? t),
      cond('Ready', 'True', t),
      cond('ContainersReady', 'True', t),
      cond('PodScheduled', 'True', pod.status?.conditions?.find((c: Any) => c.type === 'PodScheduled')?.lastTransitionTime ?? prevStart ?? t),
    ],
    hostIP,
    ...(v.minor >= 28 ? { hostIPs: [{ ip: hostIP }] } : {}),
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: prevStart ?? t,
    containerStatuses: (pod.spec?.containers ?? []).map((c: Any) => ({
      name: c.name,
      state: { running: { startedAt: started } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: fullImage(c.image),
      imageID: imageId(c.image),
      containerID: `containerd://${hex64()}`,
      started: true,
    })),
    ...((pod.spec?.initContainers ?? []).length
      ? {
          initContainerStatuses: pod.spec.initContainers.map((c: Any) => ({
            name: c.name,
            state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started, containerID: `containerd://${hex64()}` } },
            lastState: {},
            ready: true,
            restartCount: 0,
            image: fullImage(c.image),
            imageID: imageId(c.image),
            containerID: `containerd://${hex64()}`,
          })),
        }
      : {}),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
}
