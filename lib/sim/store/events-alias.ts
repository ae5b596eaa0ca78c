// events.k8s.io/v1 Events are the same objects as core/v1 Events in the apiserver (one etcd prefix, two
// shapes). The store keeps the core shape; these convert at the API edge (k8s pkg/apis/events conversion).
import type { KObject } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

export const EVENTS_V1_KEY = 'events.k8s.io/events';
export const CORE_EVENTS_KEY = '/events';

function defined(o: AnyObj): AnyObj {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function coreToEventsV1(e: KObject): KObject {
  const o = e as AnyObj;
  return defined({
    kind: 'Event',
    apiVersion: 'events.k8s.io/v1',
    metadata: o.metadata,
    eventTime: o.eventTime ?? null,
    series: o.series,
    reportingController: o.reportingComponent,
    reportingInstance: o.reportingInstance,
    action: o.action,
    reason: o.reason,
    regarding: o.involvedObject,
    related: o.related,
    note: o.message,
    type: o.type,
    deprecatedSource: o.source,
    deprecatedFirstTimestamp: o.firstTimestamp,
    deprecatedLastTimestamp: o.lastTimestamp,
    deprecatedCount: o.deprecatedCount ?? o.count,
  });
}

export function eventsV1ToCore(e: KObject): KObject {
  const o = e as AnyObj;
  return defined({
    kind: 'Event',
    apiVersion: 'v1',
    metadata: o.metadata ?? {},
    involvedObject: o.regarding ?? {},
    reason: o.reason,
    message: o.note,
    source: o.deprecatedSource ?? {},
    firstTimestamp: o.deprecatedFirstTimestamp,
    lastTimestamp: o.deprecatedLastTimestamp,
    count: o.deprecatedCount,
    type: o.type,
    eventTime: o.eventTime,
    series: o.series,
    action: o.action,
    related: o.related,
    reportingComponent: o.reportingController ?? '',
    reportingInstance: o.reportingInstance ?? '',
  });
}
