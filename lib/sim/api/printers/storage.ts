// Storage and misc cluster tables: PVs, PVCs, resource quotas, ingress/runtime classes, CSI nodes/drivers.
import { AGE_COL, NAME_COL, age, col, type AnyObj, type Printer, arr } from './common';

const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** GetAccessModesAsString: de-duplicated, in the fixed order RWO, ROX, RWX, RWOP. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(arr(modes));
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'].filter((m) => set.has(m)).map((m) => MODES[m]).join(',');
}

function storageClassOf(o: AnyObj): string {
  return o.spec?.storageClassName ?? o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

export const pvcPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Status', 'Status represents the current information/status of a persistent volume claim.'),
    col('Volume', 'VolumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'Capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'AccessModes contains the desired access modes the volume should have.'),
    col('StorageClass', 'StorageClassName is the name of the StorageClass required by the claim.'),
    col('VolumeAttributesClass', 'volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.'),
    AGE_COL,
    col('VolumeMode', 'volumeMode defines what type of volume is required by the claim.', { priority: 1 }),
  ],
  cells(pvc, now) {
    const bound = pvc.spec?.volumeName;
    return [
      pvc.metadata?.name ?? '',
      pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      bound ?? '',
      bound ? (pvc.status?.capacity?.storage ?? '') : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      storageClassOf(pvc),
      pvc.spec?.volumeAttributesClassName || '<unset>',
      age(pvc, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const pvPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Capacity', 'capacity is the description of the persistent volume\'s resources and capacity.'),
    col('Access Modes', 'accessModes contains all ways the volume can be mounted.'),
    col('Reclaim Policy', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
    col('Status', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    col('Claim', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
    col('StorageClass', 'storageClassName is the name of StorageClass to which this persistent volume belongs.'),
    col('VolumeAttributesClass', 'Name of VolumeAttributesClass to which this persistent volume belongs.'),
    col('Reason', 'reason is a brief CamelCase string that describes any failure.'),
    AGE_COL,
    col('VolumeMode', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', { priority: 1 }),
  ],
  cells(pv, now) {
    const ref = pv.spec?.claimRef;
    return [
      pv.metadata?.name ?? '',
      pv.spec?.capacity?.storage ?? '',
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      ref ? `${ref.namespace}/${ref.name}` : '',
      storageClassOf(pv),
      pv.spec?.volumeAttributesClassName || '<unset>',
      pv.status?.reason ?? '',
      age(pv, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const resourceQuotaPrinter: Printer = {
  columns: [NAME_COL, AGE_COL, col('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'), col('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.')],
  cells(q, now) {
    const hard: Record<string, string> = q.status?.hard ?? {};
    const used: Record<string, string> = q.status?.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) (r.split('.')[0] === 'limits' && r.includes('.') ? lim : req).push(`${r}: ${used[r] ?? '0'}/${hard[r]}`);
    return [q.metadata?.name ?? '', age(q, now), req.join(', '), lim.join(', ')];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [NAME_COL, col('Controller', 'Controller that is responsible for handling this class.'), col('Parameters', 'A reference to a resource with additional parameters.'), AGE_COL],
  cells(ic, now) {
    const p = ic.spec?.parameters;
    let params = '<none>';
    if (p) params = `${p.apiGroup ? `${p.kind}.${p.apiGroup}` : p.kind}/${p.name}`;
    return [ic.metadata?.name ?? '', ic.spec?.controller ?? '', params, age(ic, now)];
  },
};

export const runtimeClassPrinter: Printer = {
  columns: [NAME_COL, col('Handler', 'handler specifies the underlying runtime and configuration that the CRI implementation will use to handle pods of this class.'), AGE_COL],
  cells: (rc, now) => [rc.metadata?.name ?? '', rc.handler ?? '', age(rc, now)],
};

export const csiNodePrinter: Printer = {
  columns: [NAME_COL, col('Drivers', 'Drivers indicates the number of CSI drivers registered on the node', { type: 'integer' }), AGE_COL],
  cells: (n, now) => [n.metadata?.name ?? '', arr(n.spec?.drivers).length, age(n, now)],
};
