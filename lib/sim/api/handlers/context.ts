// What every resource handler receives.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterHooks, KObject, ResourceInfo } from '../../store/types';
import type { SimStore } from '../../store/store';
import { errors } from '../status';
import { decodeKubernetesProtobuf, ProtoError } from '../proto/decode';
import { parseMediaTypes } from '../content-type';

export const PROTOBUF_CT = 'application/vnd.kubernetes.protobuf';

function isProtobuf(ctx: Ctx): boolean {
  return parseMediaTypes(ctx.req.headers['content-type'])[0]?.type === PROTOBUF_CT;
}

/** A protobuf body as JSON, or undefined when the request is not protobuf. */
export function protobufBody(ctx: Ctx): Record<string, unknown> | undefined {
  if (!isProtobuf(ctx)) return undefined;
  try {
    return decodeKubernetesProtobuf(ctx.body);
  } catch (e) {
    if (e instanceof ProtoError) throw errors.badRequest(`unable to decode protobuf request body: ${e.message}`);
    throw e;
  }
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  store: SimStore;
  query: URLSearchParams;
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  sub?: string;
  watch: boolean;
  body: Buffer;
  hooks?: ClusterHooks;
  bookmarkIntervalMs?: number;
}

/** Parses a JSON request body into an object (apiserver-style 400 on failure). */
export function jsonBody(ctx: Ctx): Record<string, unknown> {
  const pb = protobufBody(ctx);
  if (pb) return pb;
  const text = ctx.body.toString('utf8');
  if (!text.trim()) throw errors.badRequest("couldn't get version/kind; json parse error: unexpected end of JSON input");
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw errors.badRequest(`couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  return v as Record<string, unknown>;
}

/** Body as a Kubernetes object of the route's kind, namespace taken from the URL. */
export function objectBody(ctx: Ctx): KObject {
  const o = jsonBody(ctx) as KObject;
  if (o.kind !== undefined && o.kind !== ctx.info.kind && ctx.info.kind !== undefined) {
    throw errors.badRequest(`${String(o.kind)} in version "${ctx.info.version}" cannot be handled as a ${ctx.info.kind}: the object provided is unrecognized (must be of type ${ctx.info.kind})`);
  }
  if (!o.metadata || typeof o.metadata !== 'object' || Array.isArray(o.metadata)) o.metadata = {};
  if (ctx.info.namespaced) {
    if (o.metadata.namespace && ctx.namespace && o.metadata.namespace !== ctx.namespace)
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    o.metadata.namespace = ctx.namespace ?? o.metadata.namespace;
  }
  return o;
}

export const isDryRun = (ctx: Ctx) => ctx.query.getAll('dryRun').includes('All');

export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
