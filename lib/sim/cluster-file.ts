// On-disk record of one simulated cluster (`<state dir>/<name>/cluster.json`): versioned and
// validated on load, apart from the in-memory cluster, so a damaged or foreign file is reported
// instead of half-restoring a cluster.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import type { ClusterCerts } from './tls';
import type { Pace } from './cluster/clock';
import type { SimClusterState } from './cluster/cluster';

export interface ClusterFile {
  format: 1;
  port: number;
  pace: Pace;
  certs: ClusterCerts;
  cluster: SimClusterState;
}

const pem = z.string().min(1).max(16_384);
const nodeSchema = z.looseObject({
  name: z.string().regex(/^[a-z0-9.-]{1,253}$/),
  role: z.enum(['control-plane', 'worker']),
  ip: z.string().max(64),
  podCIDR: z.string().max(64),
  files: z.record(z.string().max(4096), z.string()),
  images: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
});
const schema = z.object({
  format: z.literal(1),
  port: z.number().int().min(1).max(65_535),
  pace: z.enum(['realistic', 'instant']).optional(),
  certs: z.object({ caCert: pem, caKey: pem, serverCert: pem, serverKey: pem, clientCert: pem, clientKey: pem }),
  cluster: z.looseObject({
    format: z.literal(1),
    name: z.string().regex(/^[a-z0-9.-]{1,63}$/),
    image: z.string().min(1).max(512),
    config: z.looseObject({ name: z.string(), nodes: z.array(z.looseObject({ role: z.string() })).min(1), networking: z.looseObject({}) }),
    nodes: z.array(nodeSchema).min(1),
    createdAt: z.string(),
    caCertPem: z.string(),
    done: z.array(z.enum(['control-plane', 'cni', 'storage', 'workers'])),
  }),
});

/** Reads and validates a cluster file; throws an Error saying what is wrong. */
export function readClusterFile(file: string): ClusterFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cluster.json unreadable: ${(e as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`cluster.json invalid: ${i?.path.join('.') || '(root)'}: ${i?.message}`);
  }
  const f = r.data as unknown as ClusterFile;
  return { ...f, pace: f.pace ?? 'realistic' };
}

/** Temp file + rename, owner-only: a crash never leaves half a file. */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}
