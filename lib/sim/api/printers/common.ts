// Shared pieces of the server-side printers (ports of k8s.io/kubernetes/pkg/printers/internalversion).
import { since } from '../duration';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyObj = any;

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Printer {
  columns: Column[];
  cells(obj: AnyObj, now: Date): unknown[];
  /** metav1.TableRow conditions (e.g. Completed for finished pods). */
  conditions?(obj: AnyObj): Array<{ type: string; status: string; reason?: string; message?: string }> | undefined;
}

export function col(name: string, description: string, opts: { type?: string; format?: string; priority?: number } = {}): Column {
  return { name, type: opts.type ?? 'string', format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

export const NAME_COL = col('Name', 'Name must be unique within a namespace. Cannot be updated.', { format: 'name' });
export const AGE_COL = col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

export const age = (o: AnyObj, now: Date) => since(o?.metadata?.creationTimestamp, now);

export function containersAndImages(podSpec: AnyObj): [string, string] {
  const cs: AnyObj[] = arr(podSpec?.containers);
  return [cs.map((c) => c?.name ?? '').join(','), cs.map((c) => c?.image ?? '').join(',')];
}

/** A list field as a list: a stored object may hold anything a client sent (printing must never throw). */
export const arr = (v: unknown): AnyObj[] => (Array.isArray(v) ? v : []);

export const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
