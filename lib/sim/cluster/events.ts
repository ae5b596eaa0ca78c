// Events as the two recorders write them (stored as core/v1 Events, api brief §9):
// - legacy recorder (kubelet, node-controller, old kube-proxy): source {component, host}, first/lastTimestamp, count;
// - events.k8s.io recorder (scheduler): eventTime, reportingController/Instance, action, series on repeats.
import type { KObject, Store } from '@/lib/sim/store/types';
import { R, type Any } from './gvr';

export interface InvolvedObject {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export function refOf(o: KObject, fieldPath?: string): InvolvedObject {
  return {
    kind: o.kind,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name!,
    uid: o.metadata.uid!,
    apiVersion: o.apiVersion,
    ...(o.metadata.resourceVersion ? { resourceVersion: o.metadata.resourceVersion } : {}),
    ...(fieldPath ? { fieldPath } : {}),
  };
}

/** Kubelet refers to its node by name (uid = node name, no namespace), so describe node finds it (api brief pitfall 6). */
export function nodeRef(nodeName: string): InvolvedObject {
  return { kind: 'Node', name: nodeName, uid: nodeName, apiVersion: 'v1' };
}

const rfc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = (d: Date) => d.toISOString().replace(/Z$/, '000Z');

let seq = 0;
function eventName(objName: string, d: Date): string {
  // client-go: fmt.Sprintf("%v.%x", ref.Name, t.UnixNano()); a counter keeps same-millisecond events in
  // creation order (describe lists equal timestamps in API order, i.e. by name).
  seq = (seq + 1) % 1_000_000;
  const ns = BigInt(d.getTime()) * 1_000_000n + BigInt(seq);
  return `${objName}.${ns.toString(16)}`;
}

export class EventRecorder {
  /** Event names per involved object (ns/name): aggregation looks up a handful of events, not all of them. */
  private readonly byObject = new Map<string, Set<string>>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** Namespaces whose existing events are in the index (after a restore, read once per namespace). */
  private readonly primed = new Set<string>();

  /** The events of one object, from the index. */
  private eventsOf(ref: InvolvedObject): Any[] {
    const ns = ref.namespace ?? 'default';
    if (!this.primed.has(ns)) {
      for (const e of this.store.list(R.events, ns).items) this.names(ns, (e as Any).involvedObject?.name ?? '').add(e.metadata.name!);
      this.primed.add(ns);
    }
    const names = this.names(ns, ref.name);
    const out: Any[] = [];
    // Read-only look: the store's own object when it offers one (no copy per event).
    const read = (this.store as { getRef?: Store['get'] }).getRef?.bind(this.store) ?? this.store.get.bind(this.store);
    for (const name of names) {
      const e = read(R.events, ns, name);
      if (e) out.push(e);
      else names.delete(name); // deleted with its namespace, or by a learner
    }
    return out;
  }

  private names(ns: string, object: string): Set<string> {
    const key = `${ns}/${object}`;
    let set = this.byObject.get(key);
    if (!set) this.byObject.set(key, (set = new Set()));
    return set;
  }

  private find(ref: InvolvedObject, reason: string, message: string, match: (e: Any) => boolean): Any | undefined {
    return this.eventsOf(ref).find((e: Any) => e.involvedObject?.uid === ref.uid && e.reason === reason && e.message === message && match(e));
  }

  /** Legacy recorder with the correlator's count aggregation. */
  legacy(
    ref: InvolvedObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: { component: string; host?: string },
    opts: { fresh?: boolean; count?: number; first?: Date; last?: Date } = {},
  ): void {
    const now = this.now();
    const sameSource = (e: Any) => e.source?.component === source.component && e.source?.host === source.host;
    const existing = opts.fresh ? undefined : this.find(ref, reason, message, sameSource);
    if (existing) {
      this.store.mutate(R.events, existing.metadata.namespace, existing.metadata.name, (e: Any) => {
        e.count = (e.count ?? 1) + 1;
        e.lastTimestamp = rfc(now);
      });
      return;
    }
    const ev: Any = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName(ref.name, opts.last ?? now), namespace: ref.namespace ?? 'default' },
      involvedObject: ref,
      reason,
      message,
      source,
      firstTimestamp: rfc(opts.first ?? now),
      lastTimestamp: rfc(opts.last ?? now),
      count: opts.count ?? 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    this.safeCreate(ev);
  }

  /** client-go's EventAggregator: after 10 similar events (same object/reason/source, other messages)
   * within 10 minutes, further ones update one event "(combined from similar events): <msg>". */
  legacySimilar(ref: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string, source: { component: string; host?: string }): void {
    const similar = this.eventsOf(ref).filter((e: Any) => e.involvedObject?.uid === ref.uid && e.reason === reason && e.source?.component === source.component);
    const combined = similar.find((e: Any) => String(e.message).startsWith('(combined from similar events): '));
    if (combined || similar.length >= 10) {
      const msg = `(combined from similar events): ${message}`;
      if (combined) {
        this.store.mutate(R.events, combined.metadata.namespace, combined.metadata.name as string, (e: Any) => {
          e.count = (e.count ?? 1) + 1;
          e.message = msg;
          e.lastTimestamp = rfc(this.now());
        });
        return;
      }
      this.legacy(ref, type, reason, msg, source);
      return;
    }
    this.legacy(ref, type, reason, message, source);
  }

  /** events.k8s.io recorder; repeats grow `series` so kubectl shows "(x3 over 2m)". */
  modern(ref: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string, o: { controller: string; instance: string; action: string }): void {
    const now = this.now();
    const existing = this.find(ref, reason, message, (e) => e.reportingComponent === o.controller);
    if (existing) {
      this.store.mutate(R.events, existing.metadata.namespace, existing.metadata.name, (e: Any) => {
        e.series = { count: (e.series?.count ?? 1) + 1, lastObservedTime: micro(now) };
      });
      return;
    }
    const ev: Any = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName(ref.name, now), namespace: ref.namespace ?? 'default' },
      involvedObject: ref,
      reason,
      message,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: micro(now),
      action: o.action,
      reportingComponent: o.controller,
      reportingInstance: o.instance,
    };
    this.safeCreate(ev);
  }

  private safeCreate(ev: Any) {
    try {
      this.store.create(R.events, ev);
      this.names(ev.metadata.namespace, ev.involvedObject.name).add(ev.metadata.name);
    } catch {
      // Namespace being deleted, or gone: events are best effort, like the real recorders.
    }
  }
}
