// Served resources and their object buckets. Storage is per group/resource (all versions share objects).
import type { GVR, KObject, ResourceInfo } from './types';
import { gvrKey } from '../api/resources';
import { CORE_EVENTS_KEY, EVENTS_V1_KEY } from './events-alias';

const ALIASES: Record<string, string> = { [EVENTS_V1_KEY]: CORE_EVENTS_KEY };

export class Bucket {
  readonly byNs = new Map<string, Map<string, KObject>>();
  private sortedNames = new Map<string, string[]>();
  private sortedNs: string[] | undefined;
  size = 0;
  constructor(
    readonly key: string,
    public info: ResourceInfo,
  ) {}

  get(ns: string, name: string): KObject | undefined {
    return this.byNs.get(ns)?.get(name);
  }

  set(ns: string, name: string, obj: KObject): void {
    let m = this.byNs.get(ns);
    if (!m) {
      m = new Map();
      this.byNs.set(ns, m);
      this.sortedNs = undefined;
    }
    if (!m.has(name)) {
      this.size++;
      this.sortedNames.delete(ns);
    }
    m.set(name, obj);
  }

  delete(ns: string, name: string): void {
    const m = this.byNs.get(ns);
    if (!m?.delete(name)) return;
    this.size--;
    this.sortedNames.delete(ns);
    if (m.size === 0) {
      this.byNs.delete(ns);
      this.sortedNs = undefined;
    }
  }

  itemsIn(ns: string): KObject[] {
    return [...(this.byNs.get(ns)?.values() ?? [])];
  }

  /** Objects in etcd key order; `ns` undefined = all namespaces. */
  sorted(ns: string | undefined): KObject[] {
    const namespaces = ns === undefined ? (this.sortedNs ??= [...this.byNs.keys()].sort()) : [ns];
    const out: KObject[] = [];
    for (const n of namespaces) {
      const m = this.byNs.get(n);
      if (!m) continue;
      let names = this.sortedNames.get(n);
      if (!names) {
        names = [...m.keys()].sort();
        this.sortedNames.set(n, names);
      }
      for (const name of names) out.push(m.get(name)!);
    }
    return out;
  }

  clear(): void {
    this.byNs.clear();
    this.sortedNames.clear();
    this.sortedNs = undefined;
    this.size = 0;
  }
}

export class Registry {
  private byKey = new Map<string, Bucket>();
  private versions = new Map<string, Map<string, ResourceInfo>>();
  private order: ResourceInfo[] = [];
  generation = 0;

  constructor(initial: ResourceInfo[]) {
    for (const r of initial) this.register(r);
  }

  register(info: ResourceInfo): void {
    const key = gvrKey(info);
    let vs = this.versions.get(key);
    if (!vs) {
      vs = new Map();
      this.versions.set(key, vs);
    }
    const prev = vs.get(info.version);
    vs.set(info.version, info);
    if (prev) this.order[this.order.indexOf(prev)] = info;
    else this.order.push(info);
    const b = this.byKey.get(key);
    if (!b) {
      // An alias resource shares the storage of another (events.k8s.io Events are core Events).
      const target = ALIASES[key] ? this.byKey.get(ALIASES[key]) : undefined;
      this.byKey.set(key, target ?? new Bucket(key, info));
    } else if (b.key === key && (b.info.version === info.version || !vs.has(b.info.version))) b.info = info;
    this.generation++;
  }

  unregister(gvr: GVR): void {
    const key = gvrKey(gvr);
    const vs = this.versions.get(key);
    const info = vs?.get(gvr.version);
    if (!vs || !info) return;
    vs.delete(gvr.version);
    this.order = this.order.filter((i) => i !== info);
    const b = this.byKey.get(key)!;
    if (vs.size === 0) {
      this.versions.delete(key);
      this.byKey.delete(key);
    } else if (b.info === info) b.info = vs.values().next().value!;
    this.generation++;
  }

  bucket(gvr: Pick<GVR, 'group' | 'resource'> & { version?: string }): Bucket | undefined {
    const key = gvrKey(gvr);
    if (gvr.version !== undefined && !this.versions.get(key)?.has(gvr.version)) return undefined;
    return this.byKey.get(key);
  }

  versionInfo(gvr: GVR): ResourceInfo | undefined {
    return this.versions.get(gvrKey(gvr))?.get(gvr.version);
  }

  all(): ResourceInfo[] {
    return [...this.order];
  }

  buckets(): Bucket[] {
    return [...new Set(this.byKey.values())];
  }
}
