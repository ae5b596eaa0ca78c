// Ring buffer of recent changes so watches can resume from a resourceVersion (else 410 Expired).
import type { KObject } from './types';

export interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** `group/resource` */
  key: string;
  namespace: string;
  object: KObject;
  old?: KObject;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export class History {
  private buf: HistoryEntry[] = [];
  private start = 0;
  constructor(private readonly capacity: number) {}

  push(e: HistoryEntry): void {
    if (this.buf.length < this.capacity) this.buf.push(e);
    else {
      this.buf[this.start] = e;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  clear(): void {
    this.buf = [];
    this.start = 0;
  }

  /** Entries with rv > since, or undefined if some of them were already dropped. */
  since(since: number, current: number): HistoryEntry[] | undefined {
    if (since >= current) return [];
    const n = this.buf.length;
    if (n === 0) return undefined;
    const oldest = this.buf[this.start].rv;
    if (since < oldest - 1) return undefined;
    const out: HistoryEntry[] = [];
    // Entries are in rv order; scan from the newest end backwards until we pass `since`.
    for (let i = n - 1; i >= 0; i--) {
      const e = this.buf[(this.start + i) % n];
      if (e.rv <= since) break;
      out.push(e);
    }
    return out.reverse();
  }
}
