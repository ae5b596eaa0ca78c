// Deployment → ReplicaSet → Pod controllers (status fields `kubectl rollout status` reads).
import { jsonClone } from '@/lib/sim/store/json-values';
import { createHash } from 'node:crypto';
import type { Store } from '@/lib/sim/store/types';
import { R, type Any } from '../gvr';
import { refOf } from '../events';
import type { ClusterRuntime, Controller } from '../runtime';
import { isTerminal, matchLabelSelector } from './match';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
const rfc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function randomSuffix(n = 5): string {
  return Array.from({ length: n }, () => SAFE[Math.floor(Math.random() * SAFE.length)]).join('');
}

/** controller.ComputeHash-like: a short safe-encoded hash of the pod template. */
export function templateHash(template: unknown): string {
  const h = createHash('sha256').update(JSON.stringify(template)).digest();
  let out = '';
  for (let i = 0; out.length < 10; i++) out += SAFE[h[i] % SAFE.length];
  return out;
}

function withoutHash(t: Any): string {
  const c = jsonClone(t ?? {});
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return JSON.stringify(c);
}

const owned = (o: Any, uid: string) => (o.metadata.ownerReferences ?? []).some((r: Any) => r.uid === uid && r.controller);

export const podReady = (p: Any) => p.status?.phase === 'Running' && (p.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');

export function newReplicaSet(d: Any, hash: string): Any {
  const template = jsonClone(d.spec.template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1), 'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + 1), 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: d.spec.replicas ?? 1,
      selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash } },
      template,
    },
  };
}

export class DeploymentController implements Controller {
  readonly name = 'deployment';
  readonly watches = [R.deployments, R.replicasets];
  readonly periodMs = 30_000;
  constructor(private readonly rt: ClusterRuntime) {}

  reconcile() {
    const { store } = this.rt;
    const rss = store.list(R.replicasets, undefined).items as Any[];
    for (const d of store.list(R.deployments, undefined).items as Any[]) {
      if (d.metadata.deletionTimestamp) continue;
      const mine = rss.filter((rs) => rs.metadata.namespace === d.metadata.namespace && owned(rs, d.metadata.uid));
      const want = withoutHash(d.spec.template);
      let current = mine.find((rs) => withoutHash(rs.spec.template) === want);
      const replicas = d.spec.replicas ?? 1;
      if (!current) {
        const hash = templateHash(d.spec.template);
        try {
          current = store.create(R.replicasets, newReplicaSet(d, hash)) as Any;
          const rev = Math.max(0, ...mine.map((r) => Number(r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0))) + 1;
          store.mutate(R.replicasets, current.metadata.namespace, current.metadata.name, (r: Any) => {
            r.metadata.annotations['deployment.kubernetes.io/revision'] = String(rev);
          });
          this.rt.events.legacy(refOf(d), 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${current.metadata.name} to ${replicas}`, { component: 'deployment-controller' });
        } catch {
          continue;
        }
      } else if ((current.spec.replicas ?? 0) !== replicas) {
        const dir = (current.spec.replicas ?? 0) < replicas ? 'up' : 'down';
        store.mutate(R.replicasets, current.metadata.namespace, current.metadata.name, (r: Any) => {
          r.spec.replicas = replicas;
        });
        this.rt.events.legacy(refOf(d), 'Normal', 'ScalingReplicaSet', `Scaled ${dir} replica set ${current.metadata.name} to ${replicas}`, { component: 'deployment-controller' });
      }
      // Old ReplicaSets go to zero at once (Recreate-like; rolling surges are not simulated).
      for (const old of mine) {
        if (old.metadata.uid === current!.metadata.uid || (old.spec.replicas ?? 0) === 0) continue;
        store.mutate(R.replicasets, old.metadata.namespace, old.metadata.name, (r: Any) => {
          r.spec.replicas = 0;
        });
        this.rt.events.legacy(refOf(d), 'Normal', 'ScalingReplicaSet', `Scaled down replica set ${old.metadata.name} to 0 from ${old.spec.replicas}`, { component: 'deployment-controller' });
      }
      this.status(d, current!, mine);
    }
  }

  private status(d: Any, cur: Any, all: Any[]) {
    const now = rfc(this.rt.clock.now());
    const sum = (f: (r: Any) => number) => all.reduce((a, r) => a + f(r), 0) || f(cur);
    const replicas = sum((r) => r.status?.replicas ?? 0);
    const ready = sum((r) => r.status?.readyReplicas ?? 0);
    const available = sum((r) => r.status?.availableReplicas ?? 0);
    const updated = cur.status?.replicas ?? 0;
    const want = d.spec.replicas ?? 1;
    const maxUnavailable = 0.25;
    const minAvailable = want - Math.floor(want * maxUnavailable);
    this.rt.store.mutate(R.deployments, d.metadata.namespace, d.metadata.name, (o: Any) => {
      const st = (o.status ??= {});
      const prev: Any[] = st.conditions ?? [];
      const cond = (type: string, status: string, reason: string, message: string) => {
        const p = prev.find((c) => c.type === type);
        const same = p && p.status === status && p.reason === reason;
        return { type, status, lastUpdateTime: same && p.message === message ? p.lastUpdateTime : now, lastTransitionTime: p && p.status === status ? p.lastTransitionTime : now, reason, message };
      };
      const avail = available >= minAvailable ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.') : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');
      const done = updated === want && available >= want;
      const prevProg = prev.find((c) => c.type === 'Progressing');
      const deadline = (o.spec.progressDeadlineSeconds ?? 600) * 1000;
      const stuck = !done && prevProg && prevProg.status === 'True' && prevProg.reason !== 'NewReplicaSetAvailable' && this.rt.clock.now().getTime() - new Date(prevProg.lastUpdateTime).getTime() > deadline;
      const timedOut = !done && (stuck || prevProg?.reason === 'ProgressDeadlineExceeded');
      const prog = done
        ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${cur.metadata.name}" has successfully progressed.`)
        : timedOut
          ? cond('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${cur.metadata.name}" has timed out progressing.`)
          : cond('Progressing', 'True', prev.some((c) => c.type === 'Progressing') ? 'ReplicaSetUpdated' : 'NewReplicaSetCreated', prev.some((c) => c.type === 'Progressing') ? `ReplicaSet "${cur.metadata.name}" is progressing.` : `Created new replica set "${cur.metadata.name}"`);
      o.status = {
        observedGeneration: o.metadata.generation ?? 1,
        replicas,
        updatedReplicas: updated,
        readyReplicas: ready,
        availableReplicas: available,
        ...(replicas - available > 0 ? { unavailableReplicas: replicas - available } : {}),
        conditions: [avail, prog],
      };
      if (!ready) delete o.status.readyReplicas;
      if (!available) delete o.status.availableReplicas;
      if (!updated) delete o.status.updatedReplicas;
      if (!replicas) delete o.status.replicas;
    });
  }
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset';
  readonly watches = [R.replicasets, R.pods];
  constructor(private readonly rt: ClusterRuntime) {}

  reconcile() {
    const { store } = this.rt;
    const pods = store.list(R.pods, undefined).items as Any[];
    for (const rs of store.list(R.replicasets, undefined).items as Any[]) {
      if (rs.metadata.deletionTimestamp) continue;
      const mine = pods.filter((p) => p.metadata.namespace === rs.metadata.namespace && owned(p, rs.metadata.uid) && !isTerminal(p));
      const active = mine.filter((p) => !p.metadata.deletionTimestamp);
      const want = rs.spec.replicas ?? 1;
      for (let i = active.length; i < want; i++) {
        const pod = podFromTemplate(rs, 'ReplicaSet');
        try {
          const created = store.create(R.pods, pod);
          active.push(created);
          this.rt.events.legacySimilar(refOf(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, { component: 'replicaset-controller' });
        } catch {
          break;
        }
      }
      // Scale down: unscheduled and not-ready pods first.
      const rank = (p: Any) => (p.spec?.nodeName ? 1 : 0) + (podReady(p) ? 2 : 0);
      const extra = [...active].sort((a, b) => rank(a) - rank(b)).slice(0, Math.max(0, active.length - want));
      for (const p of extra) {
        deletePod(store, p);
        this.rt.events.legacySimilar(refOf(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, { component: 'replicaset-controller' });
      }
      const live = active.filter((p) => !extra.includes(p));
      const ready = live.filter(podReady).length;
      const labelled = live.filter((p) => matchLabelSelector(rs.spec.selector, p.metadata.labels)).length;
      store.mutate(R.replicasets, rs.metadata.namespace, rs.metadata.name, (o: Any) => {
        o.status = { replicas: live.length, fullyLabeledReplicas: labelled, readyReplicas: ready, availableReplicas: ready, observedGeneration: o.metadata.generation ?? 1 };
        if (!ready) {
          delete o.status.readyReplicas;
          delete o.status.availableReplicas;
        }
        if (!labelled) delete o.status.fullyLabeledReplicas;
      });
    }
  }
}

/** Graceful delete through the store's apiserver semantics when available, else immediate. */
export function deletePod(store: Store, p: Any) {
  const s = store as Store & { delete?: (g: Any, ns: string, n: string, o?: Any) => unknown };
  try {
    if (s.delete) s.delete(R.pods, p.metadata.namespace, p.metadata.name, {});
    else store.remove(R.pods, p.metadata.namespace, p.metadata.name);
  } catch {
    // already gone
  }
}

export function podFromTemplate(owner: Any, kind: string, extra: { nodeName?: string; labels?: Record<string, string>; affinity?: Any; tolerations?: Any[] } = {}): Any {
  const t = jsonClone(owner.spec.template ?? {});
  const spec = t.spec ?? {};
  if (extra.affinity) spec.affinity = { ...(spec.affinity ?? {}), ...extra.affinity };
  if (extra.tolerations) spec.tolerations = [...(spec.tolerations ?? []), ...extra.tolerations];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${owner.metadata.name}-${randomSuffix()}`,
      namespace: owner.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...(extra.labels ?? {}) },
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  };
}
