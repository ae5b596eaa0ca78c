// Create-only "review" APIs kubectl uses for `auth can-i` / `auth whoami`. Nothing is stored; the simulated
// admin (kind's kubeconfig user) is a cluster admin, so every access review is allowed.
import type { TLSSocket } from 'node:tls';
import { sendJSON } from '../respond';
import { jsonBody, type Ctx } from './context';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

function user(ctx: Ctx): { username: string; groups: string[] } {
  const sock = ctx.req.socket as TLSSocket;
  const subject = sock.authorized ? sock.getPeerCertificate?.()?.subject : undefined;
  if (subject?.CN) {
    const o = subject.O;
    const orgs = Array.isArray(o) ? o : o ? [o] : [];
    return { username: Array.isArray(subject.CN) ? subject.CN[0] : subject.CN, groups: [...orgs, 'system:authenticated'] };
  }
  return { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] };
}

/** Returns true when the request was a review and has been answered. */
export function handleReview(ctx: Ctx): boolean {
  const { info } = ctx;
  if (ctx.name !== undefined) return false;
  const u = user(ctx);
  const via = u.groups[0] === 'system:masters' ? '' : `RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "${u.groups[0]}"`;
  if (info.group === 'authentication.k8s.io' && info.resource === 'selfsubjectreviews') {
    sendJSON(ctx.res, 201, { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: u } });
    return true;
  }
  if (info.group === 'authorization.k8s.io' && info.resource === 'selfsubjectaccessreviews') {
    const body = jsonBody(ctx) as AnyObj;
    const status: AnyObj = { allowed: true };
    if (via) status.reason = via;
    sendJSON(ctx.res, 201, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: body?.spec ?? {}, status });
    return true;
  }
  if (info.group === 'authorization.k8s.io' && info.resource === 'selfsubjectrulesreviews') {
    const body = jsonBody(ctx) as AnyObj;
    sendJSON(ctx.res, 201, {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: body?.spec ?? {},
      status: {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      },
    });
    return true;
  }
  return false;
}
