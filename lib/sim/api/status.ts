// metav1.Status errors worded like the real apiserver (k8s.io/apimachinery/pkg/api/errors).
import { ApiError, type ResourceInfo } from '../store/types';

type Res = Pick<ResourceInfo, 'group' | 'resource'>;
type KindRes = Pick<ResourceInfo, 'group' | 'kind'>;

export function qualifiedResource(info: Res): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

function details(info: Res, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const d: Record<string, unknown> = { name };
  if (info.group) d.group = info.group;
  d.kind = info.resource;
  return { ...d, ...extra };
}

export const errors = {
  notFound: (info: Res, name: string) => new ApiError(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`, details(info, name)),
  namespaceNotFound: (ns: string) => new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' }),
  alreadyExists: (info: Res, name: string) => new ApiError(409, 'AlreadyExists', `${qualifiedResource(info)} "${name}" already exists`, details(info, name)),
  conflict: (info: Res, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": ${why}`, details(info, name)),
  invalid: (info: KindRes, name: string, causes: Array<{ field: string; type: string; detail: string }>) => {
    const qk = info.group ? `${info.kind}.${info.group}` : info.kind;
    const msgs = causes.map((c) => `${c.field}: ${c.detail}`);
    const msg = `${qk} "${name}" is invalid: ${msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`}`;
    const d: Record<string, unknown> = { name };
    if (info.group) d.group = info.group;
    d.kind = info.kind;
    d.causes = causes.map((c) => ({ reason: c.type, message: c.detail.replace(/^[^:]*: /, ''), field: c.field }));
    return new ApiError(422, 'Invalid', msg, d);
  },
  forbidden: (info: Res, name: string, why: string) =>
    new ApiError(403, 'Forbidden', `${qualifiedResource(info)} "${name}" is forbidden: ${why}`, details(info, name)),
  badRequest: (msg: string) => new ApiError(400, 'BadRequest', msg),
  genericNotFound: () => new ApiError(404, 'NotFound', 'the server could not find the requested resource'),
  methodNotAllowed: () => new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
  unsupportedMediaType: (ct: string, accepted: string[]) =>
    new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`, {}),
  tooLarge: (limit: number) => new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  internal: (msg: string) => new ApiError(500, 'InternalError', `Internal error occurred: ${msg}`, { causes: [{ message: msg }] }),
  expired: (msg: string) => new ApiError(410, 'Expired', msg),
};

export function statusBody(e: ApiError): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.message,
    reason: e.reason,
  };
  if (e.details && Object.keys(e.details).length) body.details = e.details;
  body.code = e.code;
  return body;
}

export function successStatus(info: Res, name: string, uid?: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: details(info, name, uid ? { uid } : {}) };
}
