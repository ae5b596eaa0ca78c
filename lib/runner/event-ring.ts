// Capped ring of job events: drops the oldest once either the event count or the (approximate)
// byte size is over the cap. seq stays dense, so the oldest retained seq tells what was lost.
import type { JobEvent } from './types';

export interface RingLimits {
  maxEvents: number;
  maxBytes: number;
}
export const DEFAULT_RING: RingLimits = { maxEvents: 20_000, maxBytes: 4 << 20 };

const sizeOf = (e: JobEvent) => (e.type === 'out' || e.type === 'err' ? Buffer.byteLength(e.data) + 64 : 256);

export class EventRing {
  private items: JobEvent[] = [];
  private head = 0; // index of the oldest retained event in `items`
  private bytes = 0;
  constructor(private readonly limits: RingLimits = DEFAULT_RING) {}

  push(e: JobEvent): void {
    this.items.push(e);
    this.bytes += sizeOf(e);
    // Always keep the newest event, even if it alone is over the byte cap.
    while (this.size > 1 && (this.size > this.limits.maxEvents || this.bytes > this.limits.maxBytes)) {
      this.bytes -= sizeOf(this.items[this.head]);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops what was evicted and any spare capacity (the ring of a finished job only gets read). */
  compact(): void {
    this.items = this.items.slice(this.head);
    this.head = 0;
  }

  get size(): number {
    return this.items.length - this.head;
  }
  /** seq of the oldest retained event; lastSeq + 1 when empty. */
  get oldestSeq(): number {
    return this.size ? this.items[this.head].seq : this.lastSeq + 1;
  }
  get lastSeq(): number {
    return this.items.length ? this.items[this.items.length - 1].seq : 0;
  }
  get approxBytes(): number {
    return this.bytes;
  }

  /** Retained events with seq > afterSeq, oldest first. */
  after(afterSeq: number): JobEvent[] {
    if (!this.size) return [];
    const start = Math.max(this.head, this.head + (afterSeq + 1 - this.items[this.head].seq));
    return this.items.slice(Math.min(start, this.items.length));
  }
}
