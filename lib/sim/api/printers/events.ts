// core/v1 Event table (printEvent): LAST SEEN / TYPE / REASON / OBJECT / MESSAGE (+ wide columns).
import { since } from '../duration';
import { col, type AnyObj, type Printer } from './common';

function isZero(ts: unknown): boolean {
  return typeof ts !== 'string' || !ts || ts.startsWith('0001-01-01');
}

export function eventSource(e: AnyObj): string {
  const component = e.source?.component || e.reportingController || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    col('Object', 'The object that this event is about.'),
    col('Subobject', 'The specific part of the object this event is about.', { priority: 1 }),
    col('Source', 'The component reporting this event. Should be a short machine understandable string.', { priority: 1 }),
    col('Message', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', { priority: 1 }),
    col('Count', 'The number of times this event has occurred.', { priority: 1 }),
    col('Name', 'Name must be unique within a namespace.', { priority: 1 }),
  ],
  cells(e, now) {
    const first = isZero(e.firstTimestamp) ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let last = isZero(e.lastTimestamp) ? first : since(e.lastTimestamp, now);
    let count = typeof e.count === 'number' ? e.count : 0;
    if (e.series) {
      last = since(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) count = 1;
    const io = e.involvedObject ?? {};
    const kind = String(io.kind ?? '').toLowerCase();
    const target = io.name ? `${kind}/${io.name}` : kind;
    return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', eventSource(e), String(e.message ?? '').trim(), first, count, e.metadata?.name ?? ''];
  },
};
