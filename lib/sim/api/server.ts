// The simulated cluster's kube-apiserver: HTTPS on 127.0.0.1, client-cert or bearer-token auth,
// discovery + OpenAPI + generic REST over the store. Every failure becomes a metav1.Status; it never crashes.
import https from 'node:https';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ApiError, type ClusterHooks, type PersistentStore, type ServerVersion } from '../store/types';
import type { SimStore } from '../store/store';
import { aggregatedDiscovery, legacyApiVersions, legacyGroup, legacyGroupList, legacyResourceList } from './discovery';
import { discoveryContentType, discoveryFormat } from './content-type';
import { buildOpenAPIV3, openapiV2Proto, OPENAPI_V2_CT, type OpenAPIV3Cache } from './openapi';
import { route } from './router';
import { sendError, sendJSON, sendText } from './respond';
import { errors } from './status';
import type { Ctx } from './handlers/context';
import { handleGet } from './handlers/read';
import { handlePost, handlePut } from './handlers/write';
import { handlePatch } from './handlers/patch';
import { handleDelete } from './handlers/delete';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface ApiServerOptions {
  /** A store from createStore()/loadStore() (possibly wrapped in a forwarding Proxy). */
  store: PersistentStore;
  version: ServerVersion;
  tls: { key: string; cert: string; caCert: string };
  host?: '127.0.0.1';
  port?: number;
  hooks?: ClusterHooks;
  clientAuth: { bearerToken?: string; clientCaCert?: string };
  log?: (line: string) => void;
  /** Interval of BOOKMARK events on watches that allow them (default 60 s). */
  bookmarkIntervalMs?: number;
}

export interface ApiServerHandle {
  port: number;
  url: string;
  close(): Promise<void>;
}

const PUBLIC_PATHS = /^\/(version|healthz|readyz|livez)(\/|$)/;

function tokenOk(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return false;
  const h = req.headers.authorization;
  if (!h || !h.startsWith('Bearer ')) return false;
  const a = Buffer.from(h.slice(7).trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Deepest bracket nesting outside strings, scanning bytes (no recursion, stops once over `limit`). */
export function nestingDepth(body: Buffer, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash escape
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Real objects are a few dozen levels deep; far deeper bodies are attacks on recursive code. */
const MAX_BODY_DEPTH = 200;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const len = Number(req.headers['content-length'] ?? 0);
    if (len > MAX_BODY_BYTES) return reject(errors.tooLarge(MAX_BODY_BYTES));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(errors.tooLarge(MAX_BODY_BYTES));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServerHandle> {
  const { version } = opts;
  const store = opts.store as SimStore;
  for (const m of ['scan', 'getRef', 'lookup', 'delete', 'eventsSince', 'subscribeRaw', 'registryGeneration', 'now'] as const) {
    if (typeof store[m] !== 'function') throw new Error(`startApiServer: the store lacks ${m}(); create it with createStore()`);
  }
  const host = '127.0.0.1';
  let serverAddress = `${host}:0`;
  let openapi: { gen: number; cache: OpenAPIV3Cache } | undefined;
  const openapiV3 = () => {
    const gen = store.registryGeneration();
    if (!openapi || openapi.gen !== gen) openapi = { gen, cache: buildOpenAPIV3(store.resources(), version.gitVersion) };
    return openapi.cache;
  };
  const v2 = openapiV2Proto(version.gitVersion);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      // Prefix instead of a base URL: "//x/y" must stay a path, not become a host.
      url = new URL(`https://localhost${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? ''}`);
    } catch {
      throw errors.badRequest(`invalid request URI: ${String(req.url).slice(0, 200)}`);
    }
    const method = req.method ?? 'GET';
    res.setHeader('Audit-Id', randomUUID());
    res.setHeader('Cache-Control', 'no-cache, private');
    const authorized = (req.socket as TLSSocket).authorized === true || tokenOk(req, opts.clientAuth.bearerToken);
    if (!authorized && !PUBLIC_PATHS.test(url.pathname)) {
      if (method !== 'GET') req.resume();
      return sendError(res, errors.unauthorized());
    }
    const r = route(url.pathname, store.lookup);
    const accept = req.headers.accept;
    if (r.kind !== 'resource' && method !== 'GET' && method !== 'HEAD') {
      req.resume();
      throw r.kind === 'notFound' ? errors.genericNotFound() : errors.methodNotAllowed();
    }
    switch (r.kind) {
      case 'version':
        return sendJSON(res, 200, version);
      case 'health':
        return sendText(res, 200, 'ok');
      case 'api':
      case 'apis': {
        const f = discoveryFormat(accept);
        if (f === 'legacy') return sendJSON(res, 200, r.kind === 'api' ? legacyApiVersions(serverAddress) : legacyGroupList(store.resources()));
        return sendJSON(res, 200, aggregatedDiscovery(store.resources(), r.kind, f), discoveryContentType(f));
      }
      case 'group': {
        const g = legacyGroup(store.resources(), r.group);
        if (!g) throw errors.genericNotFound();
        return sendJSON(res, 200, g);
      }
      case 'groupVersion': {
        const l = legacyResourceList(store.resources(), r.group, r.version);
        if (!l) throw errors.genericNotFound();
        return sendJSON(res, 200, l);
      }
      case 'openapiV3Index':
        return sendJSON(res, 200, openapiV3().index);
      case 'openapiV3': {
        const d = openapiV3().docs.get(r.path);
        if (!d) throw errors.genericNotFound();
        res.setHeader('Etag', `"${d.hash}"`);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(d.body) });
        res.end(d.body);
        return;
      }
      case 'openapiV2':
        res.writeHead(200, { 'Content-Type': OPENAPI_V2_CT, 'Content-Length': v2.length });
        res.end(v2);
        return;
      case 'notFound':
        throw errors.genericNotFound();
    }
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    if (!/protobuf/.test(String(req.headers['content-type'] ?? '')) && nestingDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
      throw errors.badRequest(`the request body is nested more than ${MAX_BODY_DEPTH} levels deep`);
    }
    const ctx: Ctx = { req, res, store, query: url.searchParams, info: r.info, namespace: r.namespace, name: r.name, sub: r.sub, watch: r.watch, body, hooks: opts.hooks, bookmarkIntervalMs: opts.bookmarkIntervalMs };
    // Namespaced list/create inside a namespace the client names explicitly.
    switch (method) {
      case 'GET':
        return handleGet(ctx);
      case 'POST':
        return handlePost(ctx);
      case 'PUT':
        return handlePut(ctx);
      case 'PATCH':
        return handlePatch(ctx);
      case 'DELETE':
        return handleDelete(ctx);
      default:
        throw errors.methodNotAllowed();
    }
  }

  const server = https.createServer(
    {
      key: opts.tls.key,
      cert: opts.tls.cert,
      ca: opts.clientAuth.clientCaCert ?? opts.tls.caCert,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const started = Date.now();
      res.on('finish', () => opts.log?.(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
      handle(req, res).catch((e: unknown) => {
        try {
          const err = e instanceof ApiError ? e : errors.internal(e instanceof Error ? e.message : String(e));
          if (!(e instanceof ApiError)) opts.log?.(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          if (err.code === 413) res.setHeader('Connection', 'close');
          if (res.headersSent) res.end();
          else sendError(res, err);
        } catch {
          res.destroy();
        }
      });
    },
  );
  server.on('clientError', (_err, socket) => {
    try {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    } catch {
      socket.destroy();
    }
  });
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string' || addr.address !== host) throw new Error('simulated apiserver must listen on 127.0.0.1');
  serverAddress = `${host}:${addr.port}`;
  return {
    port: addr.port,
    url: `https://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
