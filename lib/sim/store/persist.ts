// On-disk format of the simulated cluster's object store (versioned, validated on load, kept apart from
// the in-memory store): what a learner applied survives restarts. The manager decides when to save.
import { readFileSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import type { Snapshot } from './store';

/** A 1,000-node cluster with 10,000 pods and their events is ~80 MB. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
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
  // Optional: files written before the field existed are the same v1 layout.
  format: z.literal(FORMAT).optional(),
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

/**
 * The file's JSON in chunks of about 1 MiB, object by object: a 10,000-pod cluster is ~80 MB of
 * JSON, which as one string (plus its UTF-8 copy) would double the server's memory on every save.
 * Stored objects are never changed in place, so a snapshot's objects can be serialised later or
 * across event-loop turns and still give a consistent file.
 */
function* chunks(snapshot: Snapshot): Generator<Buffer> {
  let pending: string[] = [`{"format":${JSON.stringify(FORMAT)},"resourceVersion":${JSON.stringify(snapshot.resourceVersion)},"objects":[`];
  let len = 0;
  for (let i = 0; i < snapshot.objects.length; i++) {
    const text = `${i ? ',' : ''}${JSON.stringify(snapshot.objects[i])}`;
    pending.push(text);
    len += text.length;
    if (len >= CHUNK_CHARS) {
      yield Buffer.from(pending.join(''));
      pending = [];
      len = 0;
    }
  }
  pending.push(`],"resources":${JSON.stringify(snapshot.resources)}}`);
  yield Buffer.from(pending.join(''));
}
const CHUNK_CHARS = 1 << 20;

let tmpSeq = 0;
const tmpName = (file: string) => `${file}.tmp-${process.pid}-${++tmpSeq}`;

/**
 * Writes `snapshot` to `file` (temp file + rename, so a crash never leaves half a file), giving the
 * event loop a turn after every chunk so the API keeps answering during a big save. Over `maxBytes`,
 * nothing changes.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot, maxBytes = DEFAULT_MAX_BYTES): Promise<{ written: boolean; bytes: number }> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = tmpName(file);
  const fh = await open(tmp, 'w', 0o600);
  let bytes = 0;
  let ok = false;
  try {
    for (const buf of chunks(snapshot)) {
      bytes += buf.length;
      if (bytes > maxBytes) return { written: false, bytes };
      await fh.write(buf);
    }
    await fh.close();
    await rename(tmp, file);
    ok = true;
    return { written: true, bytes };
  } finally {
    if (!ok) {
      await fh.close().catch(() => {});
      await rm(tmp, { force: true });
    }
  }
}
