// meta.k8s.io/v1 Table generation for every served resource.
import type { KObject, ResourceInfo } from '../../store/types';
import type { Printer, AnyObj } from './common';
import { podPrinter } from './pods';
import { namespacePrinter, nodePrinter } from './nodes';
import { eventPrinter } from './events';
import { controllerRevisionPrinter, cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, replicationControllerPrinter, statefulSetPrinter } from './workloads';
import { endpointSlicePrinter, endpointsPrinter, ingressPrinter, networkPolicyPrinter, servicePrinter } from './services';
import { configMapPrinter, secretPrinter, serviceAccountPrinter } from './config';
import { leasePrinter, pdbPrinter, priorityClassPrinter, roleBindingPrinter, rolePrinter, storageClassPrinter } from './cluster';
import { customResourcePrinter, defaultPrinter } from './custom';
import { csiNodePrinter, ingressClassPrinter, pvPrinter, pvcPrinter, resourceQuotaPrinter, runtimeClassPrinter } from './storage';

const PRINTERS: Record<string, Printer> = {
  '/pods': podPrinter,
  '/nodes': nodePrinter,
  '/namespaces': namespacePrinter,
  '/events': eventPrinter,
  '/services': servicePrinter,
  '/endpoints': endpointsPrinter,
  '/configmaps': configMapPrinter,
  '/secrets': secretPrinter,
  '/serviceaccounts': serviceAccountPrinter,
  '/replicationcontrollers': replicationControllerPrinter,
  'apps/deployments': deploymentPrinter,
  'apps/replicasets': replicaSetPrinter,
  'apps/daemonsets': daemonSetPrinter,
  'apps/statefulsets': statefulSetPrinter,
  'apps/controllerrevisions': controllerRevisionPrinter,
  'batch/jobs': jobPrinter,
  'batch/cronjobs': cronJobPrinter,
  'coordination.k8s.io/leases': leasePrinter,
  'storage.k8s.io/storageclasses': storageClassPrinter,
  'scheduling.k8s.io/priorityclasses': priorityClassPrinter,
  'policy/poddisruptionbudgets': pdbPrinter,
  'rbac.authorization.k8s.io/roles': rolePrinter,
  'rbac.authorization.k8s.io/clusterroles': rolePrinter,
  'rbac.authorization.k8s.io/rolebindings': roleBindingPrinter,
  'rbac.authorization.k8s.io/clusterrolebindings': roleBindingPrinter,
  'discovery.k8s.io/endpointslices': endpointSlicePrinter,
  'networking.k8s.io/networkpolicies': networkPolicyPrinter,
  'networking.k8s.io/ingresses': ingressPrinter,
  'networking.k8s.io/ingressclasses': ingressClassPrinter,
  '/persistentvolumeclaims': pvcPrinter,
  '/persistentvolumes': pvPrinter,
  '/resourcequotas': resourceQuotaPrinter,
  'node.k8s.io/runtimeclasses': runtimeClassPrinter,
  'storage.k8s.io/csinodes': csiNodePrinter,
};

/** events.k8s.io/v1 Event → the core/v1 shape the event printer reads (apiserver converts via internal type). */
function eventsV1ToCore(e: AnyObj): AnyObj {
  return {
    ...e,
    involvedObject: e.regarding ?? {},
    message: e.note,
    source: e.deprecatedSource ?? {},
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
  };
}

const crCache = new WeakMap<ResourceInfo, Printer>();

export function printerFor(info: ResourceInfo): Printer {
  if (info.custom) {
    let p = crCache.get(info);
    if (!p) crCache.set(info, (p = customResourcePrinter(info)));
    return p;
  }
  if (info.group === 'events.k8s.io' && info.resource === 'events') {
    return { columns: eventPrinter.columns, cells: (o, now) => eventPrinter.cells(eventsV1ToCore(o), now) };
  }
  return PRINTERS[`${info.group}/${info.resource}`] ?? defaultPrinter;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function partialMetadata(obj: KObject): AnyObj {
  const { managedFields: _mf, ...metadata } = obj.metadata;
  void _mf;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

export function tableRow(printer: Printer, obj: KObject, now: Date, include: IncludeObject): AnyObj {
  const row: AnyObj = { cells: printer.cells(obj, now) };
  const conds = printer.conditions?.(obj);
  if (conds) row.conditions = conds;
  row.object = include === 'None' ? null : include === 'Object' ? obj : partialMetadata(obj);
  return row;
}

/** A Table for `objs`; `headers: false` omits columnDefinitions (watch events after the first). */
export function buildTable(
  info: ResourceInfo,
  objs: KObject[],
  opts: { now: Date; resourceVersion?: string; include?: IncludeObject; headers?: boolean; tableVersion?: 'v1' | 'v1beta1' },
): AnyObj {
  const printer = printerFor(info);
  const metadata: AnyObj = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.tableVersion ?? 'v1'}`,
    metadata,
    columnDefinitions: opts.headers === false ? null : printer.columns,
    rows: objs.map((o) => tableRow(printer, o, opts.now, opts.include ?? 'Metadata')),
  };
}
