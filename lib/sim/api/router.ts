// URL → route. Resource paths: /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{sub}]] and /apis/{g}/{v}/…
import type { ResourceInfo } from '../store/types';

export type Route =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'openapiV3Index' }
  | { kind: 'openapiV3'; path: string }
  | { kind: 'openapiV2' }
  | { kind: 'resource'; info: ResourceInfo; namespace?: string; name?: string; sub?: string; watch: boolean }
  | { kind: 'notFound' };

export function route(pathname: string, lookup: (group: string, version: string, resource: string) => ResourceInfo | undefined): Route {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/version') return { kind: 'version' };
  if (/^\/(healthz|readyz|livez)(\/.*)?$/.test(p)) return { kind: 'health' };
  if (p === '/api') return { kind: 'api' };
  if (p === '/apis') return { kind: 'apis' };
  if (p === '/openapi/v3') return { kind: 'openapiV3Index' };
  if (p.startsWith('/openapi/v3/')) return { kind: 'openapiV3', path: p.slice('/openapi/v3/'.length) };
  if (p === '/openapi/v2') return { kind: 'openapiV2' };
  let segs: string[];
  try {
    segs = p.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return { kind: 'notFound' };
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length < 2) return { kind: 'notFound' };
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis') {
    if (segs.length === 2) return { kind: 'group', group: segs[1] };
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return { kind: 'notFound' };
  if (!rest.length) return { kind: 'groupVersion', group, version };
  let watch = false;
  if (rest[0] === 'watch') {
    watch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status' && rest[2] !== 'finalize') {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3 || rest.some((s) => s === '')) return { kind: 'notFound' };
  const info = lookup(group, version, rest[0]);
  if (!info) return { kind: 'notFound' };
  if (namespace !== undefined && !info.namespaced) return { kind: 'notFound' };
  const sub = rest[2];
  if (sub !== undefined && !info.subresources.includes(sub)) return { kind: 'notFound' };
  return { kind: 'resource', info, namespace, name: rest[1], sub, watch };
}
