// Minimal OpenAPI documents: enough for kubectl's fieldValidation probe (v3) and its eager v2 fetch (1.27/1.28).
// PATCH operations carry the `fieldValidation` query parameter and no requestBody, so kubectl apply falls back
// to its compiled-in types for strategic merge patches (see the emulator brief §5).
import { createHash } from 'node:crypto';
import type { ResourceInfo } from '../store/types';
import { groupsOf } from './discovery';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

export function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function openapiV3Doc(resources: ResourceInfo[], group: string, version: string, serverVersion: string): AnyObj | undefined {
  const list = resources.filter((r) => r.group === group && r.version === version);
  if (!list.length) return undefined;
  const paths: AnyObj = {};
  const param = [{ name: 'fieldValidation', in: 'query', description: 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.', schema: { type: 'string', uniqueItems: true } }];
  for (const r of list) {
    const base = `/${gvPath(group, version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}/{name}`;
    const gvk = { group, version, kind: r.kind };
    paths[base] = {
      patch: { description: `partially update the specified ${r.kind}`, operationId: `patch${r.kind}`, parameters: param, 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': gvk },
    };
    for (const s of r.subresources.filter((x) => x === 'status' || x === 'scale')) {
      paths[`${base}/${s}`] = {
        patch: { description: `partially update ${s} of the specified ${r.kind}`, operationId: `patch${r.kind}${s[0].toUpperCase()}${s.slice(1)}`, parameters: param, 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': s === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : gvk },
      };
    }
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: serverVersion }, paths, components: {} };
}

export interface OpenAPIV3Cache {
  index: AnyObj;
  docs: Map<string, { body: string; hash: string }>;
}

export function buildOpenAPIV3(resources: ResourceInfo[], serverVersion: string): OpenAPIV3Cache {
  const docs = new Map<string, { body: string; hash: string }>();
  const paths: AnyObj = {};
  for (const g of groupsOf(resources)) {
    for (const v of g.versions) {
      const doc = openapiV3Doc(resources, g.group, v, serverVersion);
      if (!doc) continue;
      const body = JSON.stringify(doc);
      const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
      const p = gvPath(g.group, v);
      docs.set(p, { body, hash });
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
    }
  }
  return { index: { paths }, docs };
}

/** gnostic protobuf Document{swagger:"2.0", info{title:"Kubernetes", version}, paths{}}. */
export function openapiV2Proto(serverVersion: string): Buffer {
  const str = (field: number, s: string) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([(field << 3) | 2, b.length]), b]);
  };
  const info = Buffer.concat([str(1, 'Kubernetes'), str(2, serverVersion)]);
  return Buffer.concat([str(1, '2.0'), Buffer.from([(2 << 3) | 2, info.length]), info, Buffer.from([(8 << 3) | 2, 0])]);
}

export const OPENAPI_V2_CT = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
