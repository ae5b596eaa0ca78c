// Watch streams: chunked newline-delimited JSON events with apiserver resourceVersion semantics.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject, ListOptions, ResourceInfo } from '../store/types';
import type { HistoryEntry, SimStore } from '../store/store';
import { compileFieldSelector, matchLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { apiVersionOf, gvrKey } from './resources';
import { errors, statusBody } from './status';
import { TABLE_CT } from './content-type';
import { buildTable, type IncludeObject } from './printers';

export interface WatchParams {
  info: ResourceInfo;
  namespace?: string;
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
  selectors: ListOptions;
  table?: 'v1' | 'v1beta1';
  include: IncludeObject;
  bookmarkIntervalMs?: number;
  /** WatchList (client-go WatchListClient): initial ADDED events end with an annotated BOOKMARK. */
  sendInitialEvents?: boolean;
}

/** Above this much unsent data the client is too slow; end the stream so it re-watches. */
const MAX_BUFFERED = 16 * 1024 * 1024;

export function serveWatch(store: SimStore, req: IncomingMessage, res: ServerResponse, p: WatchParams): void {
  const labelSel = parseLabelSelector(p.selectors.labelSelector);
  const fieldSel = compileFieldSelector(p.info, parseFieldSelector(p.selectors.fieldSelector));
  const key = store.storageKey(p.info) ?? gvrKey(p.info);
  const apiVersion = apiVersionOf(p.info);
  const matches = (o: KObject | undefined): boolean =>
    !!o && (p.namespace === undefined || o.metadata.namespace === p.namespace) && (!labelSel.length || matchLabels(labelSel, o.metadata.labels)) && (!fieldSel || fieldSel(o));
  const view = (o: KObject) => (o.apiVersion === apiVersion ? o : store.view(o, p.info));

  let rv: number | undefined;
  if (p.resourceVersion !== undefined && p.resourceVersion !== '' && p.resourceVersion !== '0') {
    if (!/^\d+$/.test(p.resourceVersion)) throw errors.badRequest(`resourceVersion: Invalid value: "${p.resourceVersion}": strconv.ParseUint: parsing "${p.resourceVersion}": invalid syntax`);
    rv = Number(p.resourceVersion);
  }

  res.writeHead(200, { 'Content-Type': p.table ? TABLE_CT : 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders?.();

  let headersSent = false;
  let closed = false;
  const timers: Array<NodeJS.Timeout | undefined> = [];
  let unsubscribe = () => {};
  const finish = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    res.end();
  };
  const write = (type: string, obj: unknown) => {
    if (closed) return;
    res.write(JSON.stringify({ type, object: obj }) + '\n');
    if (res.writableLength > MAX_BUFFERED) finish();
  };
  const send = (type: 'ADDED' | 'MODIFIED' | 'DELETED', o: KObject) => {
    const obj = view(o);
    if (!p.table) return write(type, obj);
    write(type, buildTable(p.info, [obj], { now: store.now(), include: p.include, headers: !headersSent, tableVersion: p.table }));
    headersSent = true;
  };
  const deliver = (e: HistoryEntry) => {
    if (e.key !== key) return;
    const obj = view(e.object);
    const old = e.old && view(e.old);
    const now = e.type === 'DELETED' ? false : matches(obj);
    const before = e.type === 'ADDED' ? false : matches(old);
    if (e.type === 'DELETED') {
      if (before || matches(obj)) send('DELETED', obj);
    } else if (now && before) send('MODIFIED', obj);
    else if (now) send('ADDED', obj);
    else if (before) send('DELETED', obj);
  };

  if (rv === undefined || p.sendInitialEvents) {
    const current = store.currentResourceVersion();
    for (const o of store.scan(p.info, p.namespace, p.selectors)) send('ADDED', o);
    rv = current;
    if (p.sendInitialEvents) {
      const meta = { resourceVersion: String(current), creationTimestamp: null, annotations: { 'k8s.io/initial-events-end': 'true' } };
      write('BOOKMARK', { kind: p.info.kind, apiVersion, metadata: meta });
    }
  } else {
    const replay = store.eventsSince(rv);
    if (!replay) {
      write('ERROR', statusBody(errors.expired(`too old resource version: ${rv} (${store.currentResourceVersion()})`)));
      finish();
      return;
    }
    for (const e of replay) deliver(e);
  }
  unsubscribe = store.subscribeRaw(deliver);

  // setTimeout takes at most 2^31-1 ms (~24.8 days); a longer timeout would fire at once.
  if (p.timeoutSeconds && p.timeoutSeconds > 0) timers[0] = setTimeout(finish, Math.min(p.timeoutSeconds * 1000, 2 ** 31 - 1));
  if (p.allowBookmarks) {
    const every = p.bookmarkIntervalMs ?? 60_000;
    const tick = () => {
      const meta = { resourceVersion: String(store.currentResourceVersion()), creationTimestamp: null };
      write('BOOKMARK', p.table ? { kind: 'Table', apiVersion: `meta.k8s.io/${p.table}`, metadata: meta, columnDefinitions: null, rows: null } : { kind: p.info.kind, apiVersion, metadata: meta });
      timers[1] = setTimeout(tick, every);
    };
    timers[1] = setTimeout(tick, every);
  }
  req.on('close', finish);
  res.on('close', finish);
  res.on('error', finish);
}
