// Discovery documents: aggregated (apidiscovery.k8s.io v2 / v2beta1) and legacy (/api, /apis, /api/v1, /apis/g/v).
import type { ResourceInfo } from '../store/types';
import { compareKubeVersions, subresourceKind } from './resources';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

export interface GroupVersions {
  group: string;
  /** preferred first */
  versions: string[];
  resources: Map<string, ResourceInfo[]>;
}

/** Groups in registration order; versions by Kubernetes version priority. */
export function groupsOf(resources: ResourceInfo[]): GroupVersions[] {
  const groups = new Map<string, GroupVersions>();
  for (const r of resources) {
    let g = groups.get(r.group);
    if (!g) groups.set(r.group, (g = { group: r.group, versions: [], resources: new Map() }));
    let list = g.resources.get(r.version);
    if (!list) {
      g.resources.set(r.version, (list = []));
      g.versions.push(r.version);
    }
    list.push(r);
  }
  for (const g of groups.values()) {
    g.versions.sort(compareKubeVersions);
    for (const list of g.resources.values()) list.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  }
  return [...groups.values()];
}

function aggregatedResource(r: ResourceInfo): AnyObj {
  const out: AnyObj = {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs].sort(),
  };
  if (r.shortNames.length) out.shortNames = r.shortNames;
  if (r.categories.length) out.categories = r.categories;
  if (r.subresources.length) {
    out.subresources = [...r.subresources].sort().map((s) => {
      const k = subresourceKind(r, s);
      return { subresource: s, responseKind: { group: k.group, version: k.version, kind: k.kind }, verbs: k.verbs };
    });
  }
  return out;
}

function aggregatedGroup(g: GroupVersions): AnyObj {
  const metadata: AnyObj = { creationTimestamp: null };
  if (g.group) metadata.name = g.group;
  return {
    metadata,
    versions: g.versions.map((v) => ({ version: v, resources: g.resources.get(v)!.map(aggregatedResource), freshness: 'Current' })),
  };
}

export function aggregatedDiscovery(resources: ResourceInfo[], which: 'api' | 'apis', version: 'v2' | 'v2beta1'): AnyObj {
  const groups = groupsOf(resources).filter((g) => (which === 'api' ? g.group === '' : g.group !== ''));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items: groups.map(aggregatedGroup) };
}

export function legacyApiVersions(serverAddress: string): AnyObj {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(g: GroupVersions): AnyObj {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

export function legacyGroupList(resources: ResourceInfo[]): AnyObj {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsOf(resources).filter((g) => g.group !== '').map(apiGroup) };
}

export function legacyGroup(resources: ResourceInfo[], group: string): AnyObj | undefined {
  const g = groupsOf(resources).find((x) => x.group === group && group !== '');
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) };
}

export function legacyResourceList(resources: ResourceInfo[], group: string, version: string): AnyObj | undefined {
  const list = resources.filter((r) => r.group === group && r.version === version).sort((a, b) => (a.resource < b.resource ? -1 : 1));
  if (!list.length) return undefined;
  const out: AnyObj[] = [];
  for (const r of list) {
    const e: AnyObj = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs].sort() };
    if (r.shortNames.length) e.shortNames = r.shortNames;
    if (r.categories.length) e.categories = r.categories;
    out.push(e);
    for (const s of [...r.subresources].sort()) {
      const k = subresourceKind(r, s);
      const se: AnyObj = { name: `${r.resource}/${s}`, singularName: '', namespaced: r.namespaced };
      if (k.group !== r.group || k.version !== r.version) {
        se.group = k.group;
        se.version = k.version;
      }
      se.kind = k.kind;
      se.verbs = k.verbs;
      out.push(se);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: out };
}
