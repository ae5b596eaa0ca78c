// CustomResourceDefinition behaviour of apiextensions-apiserver, done synchronously:
// a CRD is Established as soon as it is stored; its served versions appear/disappear in discovery at once.
import type { KObject, ResourceInfo, Store } from './types';
import type { Registry } from './registry';
import { crdResources } from '../api/resources';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function crdAdmission(_registry: Registry, obj: KObject, old: KObject | undefined, now: () => Date): void {
  const o = obj as AnyObj;
  const names = o.spec?.names ?? {};
  const ts = rfc3339(now());
  const prevConds: AnyObj[] = (old as AnyObj)?.status?.conditions ?? [];
  const keep = (type: string) => prevConds.find((c) => c.type === type && c.status === 'True')?.lastTransitionTime ?? ts;
  const accepted: AnyObj = { plural: names.plural, singular: names.singular || String(names.kind ?? '').toLowerCase(), kind: names.kind, listKind: names.listKind || `${names.kind}List` };
  if (names.shortNames?.length) accepted.shortNames = names.shortNames;
  if (names.categories?.length) accepted.categories = names.categories;
  const storage = (o.spec?.versions ?? []).find((v: AnyObj) => v?.storage)?.name;
  const stored = new Set<string>((old as AnyObj)?.status?.storedVersions ?? []);
  if (storage) stored.add(storage);
  o.status = {
    ...(o.status ?? {}),
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: keep('NamesAccepted'), reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: keep('Established'), reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    acceptedNames: accepted,
    storedVersions: [...stored],
  };
}

export function crdAfterCommit(store: Store, registry: Registry, type: string, obj: KObject, old: KObject | undefined): void {
  const before: ResourceInfo[] = old ? crdResources(old) : [];
  if (type === 'DELETED') {
    const first = before[0];
    const b = first && registry.bucket(first);
    if (b) for (const cr of b.sorted(undefined)) store.remove(first, cr.metadata.namespace, cr.metadata.name!);
    for (const r of before) registry.unregister(r);
    return;
  }
  const after = crdResources(obj);
  for (const r of before) if (!after.some((a) => a.version === r.version && a.resource === r.resource && a.group === r.group)) registry.unregister(r);
  for (const r of after) registry.register(r);
}
