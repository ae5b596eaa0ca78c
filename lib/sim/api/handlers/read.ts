// GET: list, get, watch, pod logs; Table output when the client asks for it.
import type { KObject } from '../../store/types';
import { ApiError } from '../../store/types';
import { TABLE_CT, wantsTable } from '../content-type';
import { buildTable, type IncludeObject } from '../printers';
import { apiVersionOf } from '../resources';
import { sendJSON, sendStreamedList, sendText } from '../respond';
import { errors } from '../status';
import { serveWatch } from '../watch';
import type { Ctx } from './context';
import { scaleOf, streamingNotSupported } from './write';

function include(ctx: Ctx): IncludeObject {
  const v = ctx.query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function selectors(ctx: Ctx) {
  let fieldSelector = ctx.query.get('fieldSelector') ?? undefined;
  if (ctx.name) fieldSelector = [fieldSelector, `metadata.name=${ctx.name}`].filter(Boolean).join(',');
  return { labelSelector: ctx.query.get('labelSelector') ?? undefined, fieldSelector };
}

export function handleGet(ctx: Ctx): void {
  const { store, info, query } = ctx;
  const table = wantsTable(ctx.req.headers.accept);
  const isWatch = ctx.watch || query.get('watch') === 'true' || query.get('watch') === '1';
  if (isWatch) {
    if (!info.verbs.includes('watch')) throw errors.methodNotAllowed();
    const t = query.get('timeoutSeconds');
    serveWatch(store, ctx.req, ctx.res, {
      info,
      namespace: info.namespaced ? ctx.namespace : undefined,
      resourceVersion: query.get('resourceVersion') ?? undefined,
      timeoutSeconds: t && /^\d+$/.test(t) ? Number(t) : undefined,
      allowBookmarks: query.get('allowWatchBookmarks') === 'true',
      sendInitialEvents: query.get('sendInitialEvents') === 'true',
      bookmarkIntervalMs: ctx.bookmarkIntervalMs,
      selectors: selectors(ctx),
      table,
      include: include(ctx),
    });
    return;
  }
  if (ctx.name === undefined) {
    if (!info.verbs.includes('list')) throw errors.methodNotAllowed();
    const items = store.scan(info, info.namespaced ? ctx.namespace : undefined, selectors(ctx));
    const resourceVersion = String(store.currentResourceVersion());
    if (table) {
      const t = buildTable(info, items, { now: store.now(), resourceVersion, include: include(ctx), tableVersion: table });
      sendStreamedList(ctx.res, { ...t, rows: [] }, 'rows', t.rows, TABLE_CT);
      return;
    }
    sendStreamedList(ctx.res, { kind: info.listKind, apiVersion: apiVersionOf(info), metadata: { resourceVersion }, items: [] }, 'items', items, 'application/json');
    return;
  }
  const obj = store.getRef(info, ctx.namespace, ctx.name);
  if (!obj) throw errors.notFound(info, ctx.name);
  if (ctx.sub === 'log') return handleLog(ctx, obj);
  if (ctx.sub === 'scale') return sendJSON(ctx.res, 200, scaleOf(info, obj));
  if (ctx.sub === 'exec' || ctx.sub === 'attach' || ctx.sub === 'portforward') return streamingNotSupported(ctx);
  if (ctx.sub && ctx.sub !== 'status') throw errors.methodNotAllowed();
  if (table && !ctx.sub) {
    sendJSON(ctx.res, 200, buildTable(info, [obj], { now: store.now(), resourceVersion: obj.metadata.resourceVersion, include: include(ctx), tableVersion: table }), TABLE_CT);
    return;
  }
  sendJSON(ctx.res, 200, obj);
}

function handleLog(ctx: Ctx, pod: KObject): void {
  const container = ctx.query.get('container') ?? undefined;
  const tail = ctx.query.get('tailLines');
  const spec = (pod as { spec?: { containers?: Array<{ name?: string }> } }).spec;
  const names = (spec?.containers ?? []).map((c) => c.name ?? '');
  if (container === undefined && names.length > 1) {
    throw errors.badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
  }
  if (container !== undefined && !names.includes(container)) {
    throw errors.badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
  }
  const out = ctx.hooks?.podLogs?.(ctx.namespace ?? '', ctx.name!, container ?? names[0], {
    tailLines: tail && /^\d+$/.test(tail) ? Number(tail) : undefined,
    previous: ctx.query.get('previous') === 'true',
  });
  if (out instanceof ApiError) throw out;
  const text = out ?? '';
  if (ctx.query.get('follow') !== 'true') return sendText(ctx.res, 200, text);
  // follow: send what we have and hold the stream open, like a container that prints nothing more.
  ctx.res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  if (text) ctx.res.write(text);
  const timer = setTimeout(() => ctx.res.end(), 10 * 60 * 1000);
  const done = () => clearTimeout(timer);
  ctx.req.on('close', done);
  ctx.res.on('close', done);
}
