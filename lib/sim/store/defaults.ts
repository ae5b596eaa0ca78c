// apiserver defaulting + the admission plugins whose effects learners see (ServiceAccount token volume,
// DefaultTolerationSeconds, Priority, NamespaceLifecycle labels). Create-time only, idempotent.
import type { KObject } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

const GEN = 'bcdfghjklmnpqrstvwxz2456789';
const rnd = (n: number) => Array.from({ length: n }, () => GEN[Math.floor(Math.random() * GEN.length)]).join('');
const SA_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

function setIfMissing(o: AnyObj, k: string, v: unknown) {
  if (o[k] === undefined) o[k] = v;
}

function pullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.split(':').pop() : '';
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function containerDefaults(c: AnyObj) {
  if (!c || typeof c !== 'object') return;
  if (typeof c.image === 'string') setIfMissing(c, 'imagePullPolicy', pullPolicy(c.image));
  setIfMissing(c, 'resources', {});
  setIfMissing(c, 'terminationMessagePath', '/dev/termination-log');
  setIfMissing(c, 'terminationMessagePolicy', 'File');
  for (const p of Array.isArray(c.ports) ? c.ports : []) if (p && typeof p === 'object') setIfMissing(p, 'protocol', 'TCP');
}

export function podSpecDefaults(spec: AnyObj) {
  if (!spec || typeof spec !== 'object') return;
  setIfMissing(spec, 'restartPolicy', 'Always');
  setIfMissing(spec, 'terminationGracePeriodSeconds', 30);
  setIfMissing(spec, 'dnsPolicy', 'ClusterFirst');
  setIfMissing(spec, 'securityContext', {});
  setIfMissing(spec, 'schedulerName', 'default-scheduler');
  for (const list of [spec.containers, spec.initContainers]) if (Array.isArray(list)) list.forEach(containerDefaults);
}

function qosClass(spec: AnyObj): string {
  const cs: AnyObj[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = { ...(c?.resources?.limits ?? {}), ...(c?.resources?.requests ?? {}) };
    const lim = c?.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || String(req[r]) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function podDefaults(pod: AnyObj) {
  const spec = (pod.spec ??= {});
  podSpecDefaults(spec);
  setIfMissing(spec, 'serviceAccountName', spec.serviceAccount ?? 'default');
  setIfMissing(spec, 'serviceAccount', spec.serviceAccountName);
  setIfMissing(spec, 'enableServiceLinks', true);
  setIfMissing(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  setIfMissing(spec, 'priority', 0);
  // DefaultTolerationSeconds admission.
  const tols: AnyObj[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tols.some((t) => (t?.key === key || (!t?.key && t?.operator === 'Exists')) && (!t?.effect || t.effect === 'NoExecute'));
    if (!has) tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tols;
  // ServiceAccount admission: projected token volume mounted in every container.
  if (spec.automountServiceAccountToken !== false && Array.isArray(spec.containers)) {
    const vols: AnyObj[] = Array.isArray(spec.volumes) ? spec.volumes : [];
    const all: AnyObj[] = [...spec.containers, ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
    const mounted = all.some((c) => (c?.volumeMounts ?? []).some((m: AnyObj) => m?.mountPath === SA_PATH));
    if (!mounted) {
      const name = `kube-api-access-${rnd(5)}`;
      vols.push({
        name,
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
          defaultMode: 420,
        },
      });
      spec.volumes = vols;
      for (const c of all) if (c && typeof c === 'object') (c.volumeMounts ??= []).push({ name, readOnly: true, mountPath: SA_PATH });
    }
  }
  const status = (pod.status ??= {});
  setIfMissing(status, 'phase', 'Pending');
  setIfMissing(status, 'qosClass', qosClass(spec));
}

function templateDefaults(o: AnyObj) {
  podSpecDefaults(o?.spec?.template?.spec);
}

let nodePortSeq = 0;

function serviceDefaults(svc: AnyObj) {
  const spec = (svc.spec ??= {});
  setIfMissing(spec, 'type', 'ClusterIP');
  setIfMissing(spec, 'sessionAffinity', 'None');
  if (spec.type !== 'ExternalName') {
    if (!spec.clusterIP) {
      let ip: string;
      do ip = `10.96.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
      while (ip === '10.96.0.1' || ip === '10.96.0.10');
      spec.clusterIP = ip;
    }
    setIfMissing(spec, 'clusterIPs', [spec.clusterIP]);
    setIfMissing(spec, 'ipFamilies', ['IPv4']);
    setIfMissing(spec, 'ipFamilyPolicy', 'SingleStack');
    setIfMissing(spec, 'internalTrafficPolicy', 'Cluster');
  }
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!p || typeof p !== 'object') continue;
    setIfMissing(p, 'protocol', 'TCP');
    setIfMissing(p, 'targetPort', p.port);
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !p.nodePort) p.nodePort = 30000 + ((nodePortSeq++ * 7919 + Math.floor(Math.random() * 2768)) % 2768);
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setIfMissing(spec, 'externalTrafficPolicy', 'Cluster');
  svc.status = { loadBalancer: {}, ...(svc.status ?? {}) };
}

export function applyDefaults(key: string, obj: KObject): void {
  const o = obj as AnyObj;
  switch (key) {
    case '/pods':
      podDefaults(o);
      break;
    case '/namespaces':
      o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
      o.spec = { finalizers: ['kubernetes'], ...(o.spec ?? {}) };
      o.status = { phase: 'Active', ...(o.status ?? {}) };
      break;
    case '/services':
      serviceDefaults(o);
      break;
    case 'apps/deployments':
      o.spec ??= {};
      setIfMissing(o.spec, 'replicas', 1);
      setIfMissing(o.spec, 'revisionHistoryLimit', 10);
      setIfMissing(o.spec, 'progressDeadlineSeconds', 600);
      if (!o.spec.strategy?.type) o.spec.strategy = { type: 'RollingUpdate', ...(o.spec.strategy ?? {}) };
      if (o.spec.strategy.type === 'RollingUpdate') o.spec.strategy.rollingUpdate = { maxUnavailable: '25%', maxSurge: '25%', ...(o.spec.strategy.rollingUpdate ?? {}) };
      templateDefaults(o);
      break;
    case 'apps/replicasets':
    case 'apps/statefulsets':
    case '/replicationcontrollers':
      o.spec ??= {};
      setIfMissing(o.spec, 'replicas', 1);
      templateDefaults(o);
      break;
    case 'apps/daemonsets':
      o.spec ??= {};
      setIfMissing(o.spec, 'revisionHistoryLimit', 10);
      if (!o.spec.updateStrategy?.type) o.spec.updateStrategy = { type: 'RollingUpdate', ...(o.spec.updateStrategy ?? {}) };
      if (o.spec.updateStrategy.type === 'RollingUpdate') o.spec.updateStrategy.rollingUpdate = { maxUnavailable: 1, maxSurge: 0, ...(o.spec.updateStrategy.rollingUpdate ?? {}) };
      templateDefaults(o);
      break;
    case 'batch/jobs':
      o.spec ??= {};
      setIfMissing(o.spec, 'backoffLimit', 6);
      setIfMissing(o.spec, 'completions', 1);
      setIfMissing(o.spec, 'parallelism', 1);
      setIfMissing(o.spec, 'completionMode', 'NonIndexed');
      setIfMissing(o.spec, 'suspend', false);
      templateDefaults(o);
      break;
  }
}
