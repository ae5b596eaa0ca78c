// Cluster-level tables: leases, storage classes, priority classes, PDBs, RBAC.
import { AGE_COL, NAME_COL, age, col, int, type AnyObj, type Printer, arr } from './common';

export const CREATED_AT_COL = col('Created At', 'CreationTimestamp is a timestamp representing the server time when this object was created.', { type: 'date' });

export const leasePrinter: Printer = {
  columns: [NAME_COL, col('Holder', 'The holder of the lease'), AGE_COL],
  cells: (l, now) => [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', age(l, now)],
};

export const storageClassPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Provisioner', 'Indicates the type of the provisioner.'),
    col('ReclaimPolicy', 'Dynamically provisioned PersistentVolumes of this storage class are created with this reclaimPolicy. Defaults to Delete.'),
    col('VolumeBindingMode', 'VolumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound. When unset, VolumeBindingImmediate is used.'),
    col('AllowVolumeExpansion', 'AllowVolumeExpansion shows whether the storage class allow volume expand.', { type: 'boolean' }),
    AGE_COL,
  ],
  cells(sc, now) {
    const a = sc.metadata?.annotations ?? {};
    const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      `${sc.metadata?.name ?? ''}${isDefault ? ' (default)' : ''}`,
      sc.provisioner ?? '',
      sc.reclaimPolicy || 'Delete',
      sc.volumeBindingMode || 'Immediate',
      sc.allowVolumeExpansion === true,
      age(sc, now),
    ];
  },
};

export const priorityClassPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Value', 'The value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.', { type: 'integer' }),
    col('Global-Default', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.', { type: 'boolean' }),
    AGE_COL,
    col('PreemptionPolicy', 'PreemptionPolicy is the Policy for preempting pods with lower priority.'),
  ],
  cells: (pc, now) => [pc.metadata?.name ?? '', int(pc.value), pc.globalDefault === true, age(pc, now), pc.preemptionPolicy ?? 'PreemptLowerPriority'],
};

export const pdbPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Min Available', 'The minimum number of pods that must be available simultaneously.'),
    col('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', { type: 'integer' }),
    AGE_COL,
  ],
  cells(pdb, now) {
    const s = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
    return [pdb.metadata?.name ?? '', s(pdb.spec?.minAvailable), s(pdb.spec?.maxUnavailable), int(pdb.status?.disruptionsAllowed), age(pdb, now)];
  },
};

export const rolePrinter: Printer = {
  columns: [NAME_COL, CREATED_AT_COL],
  cells: (r) => [r.metadata?.name ?? '', r.metadata?.creationTimestamp ?? null],
};

function subjects(b: AnyObj): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of arr(b.subjects)) {
    if (s?.kind === 'User') users.push(s.name);
    else if (s?.kind === 'Group') groups.push(s.name);
    else if (s?.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}:${s.name}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

export const roleBindingPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Role', 'RoleRef references a Role or ClusterRole.'),
    AGE_COL,
    col('Users', 'Users in the roleBinding', { priority: 1 }),
    col('Groups', 'Groups in the roleBinding', { priority: 1 }),
    col('ServiceAccounts', 'ServiceAccounts in the roleBinding', { priority: 1 }),
  ],
  cells: (b, now) => [b.metadata?.name ?? '', `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, age(b, now), ...subjects(b)],
};
