// Persistence of the simulated cluster: the store is written as JSON (temp file + rename, so a crash never
// leaves half a file) shortly after changes, and read back on start, so what a learner applied survives restarts.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { createStore, type SimStore, type Snapshot, type StoreOptions } from './store';

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const FORMAT = 'cni-lab.sim-store/v1';

const gvrSchema = z.object({ group: z.string().max(253), version: z.string().min(1).max(63), resource: z.string().min(1).max(253) });
const objectSchema = z.looseObject({
  apiVersion: z.string().max(316),
  kind: z.string().max(253),
  metadata: z.looseObject({ name: z.string().min(1).max(253), namespace: z.string().max(63).optional() }),
});
const resourceSchema = z.object({
  group: z.string().max(253),
  version: z.string().min(1).max(63),
  resource: z.string().min(1).max(253),
  singular: z.string().max(253),
  kind: z.string().min(1).max(253),
  listKind: z.string().max(253),
  namespaced: z.boolean(),
  shortNames: z.array(z.string().max(63)).max(50),
  categories: z.array(z.string().max(63)).max(50),
  verbs: z.array(z.string().max(32)).max(20),
  subresources: z.array(z.string().max(32)).max(20),
  custom: z.boolean().optional(),
  printerColumns: z.array(z.looseObject({ name: z.string(), type: z.string(), jsonPath: z.string() })).max(100).optional(),
});
const fileSchema = z.object({
  format: z.literal(FORMAT),
  resourceVersion: z.number().int().nonnegative(),
  objects: z.array(z.object({ gvr: gvrSchema, object: objectSchema })),
  resources: z.array(resourceSchema),
});

export type LoadResult = { snapshot: Snapshot } | { snapshot: undefined; reason: 'missing' | 'too-large' | 'invalid'; detail?: string };

/** Reads a snapshot file; never throws (a broken file means starting fresh, and the reason is reported). */
export function loadSnapshot(file: string, maxBytes = DEFAULT_MAX_BYTES): LoadResult {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return { snapshot: undefined, reason: 'missing' };
  }
  if (size > maxBytes) return { snapshot: undefined, reason: 'too-large', detail: `${size} bytes > ${maxBytes}` };
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) return { snapshot: undefined, reason: 'invalid', detail: parsed.error.issues[0]?.message };
    return { snapshot: parsed.data as unknown as Snapshot };
  } catch (e) {
    return { snapshot: undefined, reason: 'invalid', detail: (e as Error).message };
  }
}

export function writeSnapshot(file: string, snapshot: Snapshot, maxBytes = DEFAULT_MAX_BYTES): { written: boolean; bytes: number } {
  const text = JSON.stringify({ format: FORMAT, ...snapshot });
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) return { written: false, bytes };
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw e;
  }
  return { written: true, bytes };
}

export interface PersistOptions {
  file: string;
  /** Quiet period before writing (ms). */
  debounceMs?: number;
  /** Longest a write may be postponed under constant churn (ms). */
  maxDelayMs?: number;
  maxBytes?: number;
  log?: (line: string) => void;
}

export interface Persistence {
  /** Writes now if anything changed. */
  flush(): void;
  /** Flushes and stops listening. */
  close(): void;
}

export function attachPersistence(store: SimStore, opts: PersistOptions): Persistence {
  const debounce = opts.debounceMs ?? 1000;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let dirtySince: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (dirtySince === undefined) return;
    dirtySince = undefined;
    try {
      const r = writeSnapshot(opts.file, store.snapshot({ shared: true }) as Snapshot, maxBytes);
      if (!r.written) opts.log?.(`sim store not saved: ${r.bytes} bytes exceeds the ${maxBytes}-byte cap`);
    } catch (e) {
      opts.log?.(`sim store not saved: ${(e as Error).message}`);
    }
  };
  const unsubscribe = store.subscribeRaw(() => {
    const now = Date.now();
    dirtySince ??= now;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounce, dirtySince + maxDelay - now));
    timer = setTimeout(flush, wait);
    timer.unref?.();
  });
  return {
    flush,
    close() {
      unsubscribe();
      flush();
    },
  };
}

/** A store restored from `file` (if valid) that keeps writing itself back there. */
export function openPersistentStore(opts: PersistOptions & { store?: StoreOptions }): { store: SimStore; persistence: Persistence; loaded: LoadResult } {
  const loaded = loadSnapshot(opts.file, opts.maxBytes);
  if (!loaded.snapshot && loaded.reason !== 'missing') opts.log?.(`sim store file ignored (${loaded.reason}${loaded.detail ? `: ${loaded.detail}` : ''})`);
  const store = createStore(opts.store);
  if (loaded.snapshot) store.restore(loaded.snapshot);
  return { store, persistence: attachPersistence(store, opts), loaded };
}
