import { describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES, crdResources } from '../resources';
import { buildTable, printerFor } from './index';
import type { KObject, ResourceInfo } from '../../store/types';

const NOW = new Date('2026-01-01T01:00:00Z');
const ago = (sec: number) => new Date(NOW.getTime() - sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const info = (group: string, resource: string) => BUILTIN_RESOURCES.find((r) => r.group === group && r.resource === resource)!;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const cells = (i: ResourceInfo, o: any) => printerFor(i).cells(o, NOW);
const POD = info('', 'pods');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function pod(status: any, spec: any = {}, meta: any = {}): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(600), ...meta }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec }, status };
}
const running = { ready: true, restartCount: 0, state: { running: { startedAt: ago(500) } } };

describe('pod printer (STATUS / READY / RESTARTS)', () => {
  it('columns as kubectl shows them (priority 1 = -o wide)', () => {
    expect(printerFor(POD).columns.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1']);
  });
  it.each([
    ['running', pod({ phase: 'Running', podIPs: [{ ip: '10.244.1.2' }], containerStatuses: [{ name: 'c', ...running }] }, { nodeName: 'w' }), ['p', '1/1', 'Running', '0', '10m', '10.244.1.2', 'w', '<none>', '<none>']],
    ['pending unscheduled', pod({ phase: 'Pending' }), ['p', '0/1', 'Pending', '0', '10m', '<none>', '<none>', '<none>', '<none>']],
    ['ContainerCreating', pod({ phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }), ['p', '0/1', 'ContainerCreating', '0', '10m']],
    [
      'CrashLoopBackOff with last restart age',
      pod({ phase: 'Running', containerStatuses: [{ name: 'c', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(300) } } }] }),
      ['p', '0/1', 'CrashLoopBackOff', '2 (5m ago)', '10m'],
    ],
    ['first container reason wins', pod({ phase: 'Pending', containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ErrImagePull' } } }, { name: 'b', state: { waiting: { reason: 'ContainerCreating' } } }] }, { containers: [{ name: 'a' }, { name: 'b' }] }), ['p', '0/2', 'ErrImagePull']],
    ['Terminating', pod({ phase: 'Running', containerStatuses: [{ name: 'c', ...running }] }, {}, { deletionTimestamp: ago(1) }), ['p', '1/1', 'Terminating']],
    ['Completed', pod({ phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }), ['p', '0/1', 'Completed']],
    ['exit code without reason', pod({ phase: 'Failed', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 137 } } }] }), ['p', '0/1', 'ExitCode:137']],
    ['Init:0/2', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { running: {} } }] }, { initContainers: [{ name: 'i1' }, { name: 'i2' }] }), ['p', '0/1', 'Init:0/2']],
    ['Init:1/2', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 0 } } }, { name: 'i2', state: { waiting: { reason: 'PodInitializing' } } }] }, { initContainers: [{ name: 'i1' }, { name: 'i2' }] }), ['p', '0/1', 'Init:1/2']],
    ['Init:CrashLoopBackOff', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, { initContainers: [{ name: 'i1' }] }), ['p', '0/1', 'Init:CrashLoopBackOff', '3']],
    ['Init:Error', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, { initContainers: [{ name: 'i1' }] }), ['p', '0/1', 'Init:Error']],
    ['readiness gates', pod({ phase: 'Running', conditions: [{ type: 'x/ok', status: 'True' }] }, { readinessGates: [{ conditionType: 'x/ok' }, { conditionType: 'y' }] }), ['p', '0/1', 'Running', '0', '10m', '<none>', '<none>', '<none>', '1/2']],
  ])('%s', (_n, p, want) => {
    expect(cells(POD, p).slice(0, want.length)).toEqual(want);
  });
  it('marks finished pods with a Completed row condition', () => {
    const t = buildTable(POD, [pod({ phase: 'Succeeded' })], { now: NOW });
    expect(t.rows[0].conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });
});

describe('node and namespace printers', () => {
  const NODE = info('', 'nodes');
  const node = (extra: object = {}) => ({
    metadata: { name: 'kind-control-plane', creationTimestamp: ago(3 * 3600 + 300), labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/master': '', 'kubernetes.io/role': 'edge' } },
    spec: { unschedulable: true },
    status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '172.18.0.2' }], nodeInfo: { kubeletVersion: 'v1.31.0', osImage: '', kernelVersion: '6.8', containerRuntimeVersion: 'containerd://1.7.18' } },
    ...extra,
  });
  it('STATUS, ROLES, wide columns', () => {
    expect(cells(NODE, node())).toEqual(['kind-control-plane', 'Ready,SchedulingDisabled', 'control-plane,edge,master', '3h5m', 'v1.31.0', '172.18.0.2', '<none>', '<unknown>', '6.8', 'containerd://1.7.18']);
    expect(cells(NODE, { metadata: { name: 'n' }, status: {} }).slice(0, 4)).toEqual(['n', 'Unknown', '<none>', '<unknown>']);
    expect(cells(NODE, { metadata: { name: 'n' }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } })[1]).toBe('NotReady');
  });
  it('namespaces', () => {
    expect(cells(info('', 'namespaces'), { metadata: { name: 'lab', creationTimestamp: ago(50 * 3600) }, status: { phase: 'Terminating' } })).toEqual(['lab', 'Terminating', '2d2h']);
  });
});

describe('event printer', () => {
  const EV = info('', 'events');
  it('legacy kubelet event with count', () => {
    const e = { metadata: { name: 'nginx.1' }, involvedObject: { kind: 'Pod', name: 'nginx', fieldPath: 'spec.containers{nginx}' }, reason: 'BackOff', message: ' Back-off pulling image "nginx" ', source: { component: 'kubelet', host: 'kind-worker' }, firstTimestamp: ago(300), lastTimestamp: ago(20), count: 4, type: 'Normal' };
    expect(cells(EV, e)).toEqual(['20s', 'Normal', 'BackOff', 'pod/nginx', 'spec.containers{nginx}', 'kubelet, kind-worker', 'Back-off pulling image "nginx"', '5m', 4, 'nginx.1']);
  });
  it('events.k8s.io-style scheduler event with series (no firstTimestamp)', () => {
    const e = { metadata: { name: 'x' }, involvedObject: { kind: 'Pod', name: 'nginx' }, reason: 'FailedScheduling', message: '0/2 nodes are available', source: {}, reportingComponent: 'default-scheduler', reportingController: 'default-scheduler', reportingInstance: 'default-scheduler-kind-control-plane', eventTime: ago(400), series: { count: 3, lastObservedTime: ago(70) }, type: 'Warning' };
    expect(cells(EV, e)).toEqual(['70s', 'Warning', 'FailedScheduling', 'pod/nginx', '', 'default-scheduler, default-scheduler-kind-control-plane', '0/2 nodes are available', '6m40s', 3, 'x']);
  });
  it('events.k8s.io/v1 objects print through the same printer', () => {
    const ev1 = BUILTIN_RESOURCES.find((r) => r.group === 'events.k8s.io')!;
    const e = { metadata: { name: 'y' }, regarding: { kind: 'Node', name: 'kind-worker' }, reason: 'Starting', note: 'Starting kubelet.', deprecatedSource: { component: 'kubelet', host: 'kind-worker' }, deprecatedFirstTimestamp: ago(60), deprecatedLastTimestamp: ago(60), deprecatedCount: 1, type: 'Normal' };
    expect(cells(ev1, e).slice(0, 7)).toEqual(['60s', 'Normal', 'Starting', 'node/kind-worker', '', 'kubelet, kind-worker', 'Starting kubelet.']);
  });
});

describe('workload and service printers', () => {
  const tpl = { spec: { containers: [{ name: 'a', image: 'nginx:1' }, { name: 'b', image: 'busybox' }] } };
  it('deployments, replicasets, daemonsets, statefulsets', () => {
    expect(cells(info('apps', 'deployments'), { metadata: { name: 'coredns', creationTimestamp: ago(90) }, spec: { replicas: 2, selector: { matchLabels: { 'k8s-app': 'kube-dns' } }, template: tpl }, status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 } })).toEqual(['coredns', '1/2', 2, 1, '90s', 'a,b', 'nginx:1,busybox', 'k8s-app=kube-dns']);
    expect(cells(info('apps', 'replicasets'), { metadata: { name: 'rs' }, spec: { replicas: 3, template: tpl }, status: { replicas: 3 } }).slice(0, 4)).toEqual(['rs', 3, 3, 0]);
    expect(cells(info('apps', 'daemonsets'), { metadata: { name: 'kindnet' }, spec: { selector: { matchLabels: { app: 'kindnet' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [] } } }, status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 0, updatedNumberScheduled: 2 } }).slice(0, 7)).toEqual(['kindnet', 2, 2, 0, 2, 0, 'kubernetes.io/os=linux']);
    expect(cells(info('apps', 'statefulsets'), { metadata: { name: 'db' }, spec: { replicas: 3, template: tpl }, status: { readyReplicas: 1 } }).slice(0, 2)).toEqual(['db', '1/3']);
  });
  it('services: PORT(S), CLUSTER-IP, EXTERNAL-IP by type', () => {
    const SVC = info('', 'services');
    expect(cells(SVC, { metadata: { name: 'kube-dns' }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 9153, protocol: 'TCP' }] } })).toEqual(['kube-dns', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', '<unknown>', 'k8s-app=kube-dns']);
    expect(cells(SVC, { metadata: { name: 'np' }, spec: { type: 'NodePort', clusterIP: '10.96.1.1', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] } }).slice(3, 5)).toEqual(['<none>', '80:30080/TCP']);
    expect(cells(SVC, { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', clusterIP: '10.96.1.2', ports: [] } }).slice(3, 5)).toEqual(['<pending>', '<none>']);
    expect(cells(SVC, { metadata: { name: 'h' }, spec: { clusterIP: 'None' } })[2]).toBe('None');
  });
  it('endpoints list at most three addresses', () => {
    const EP = info('', 'endpoints');
    const ep = { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4' }], ports: [{ port: 53 }] }] };
    expect(cells(EP, ep)[1]).toBe('10.0.0.1:53,10.0.0.2:53,10.0.0.3:53 + 1 more...');
    expect(cells(EP, { metadata: { name: 'e' } })[1]).toBe('<none>');
  });
  it('config, leases, storage classes, RBAC bindings, PDBs', () => {
    expect(cells(info('', 'configmaps'), { metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': 'x' } }).slice(0, 2)).toEqual(['kube-root-ca.crt', 1]);
    expect(cells(info('', 'secrets'), { metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { a: '', b: '' } }).slice(0, 3)).toEqual(['s', 'kubernetes.io/tls', 2]);
    expect(cells(info('coordination.k8s.io', 'leases'), { metadata: { name: 'kind-worker' }, spec: { holderIdentity: 'kind-worker' } }).slice(0, 2)).toEqual(['kind-worker', 'kind-worker']);
    expect(cells(info('storage.k8s.io', 'storageclasses'), { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' }).slice(0, 5)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false]);
    expect(cells(info('rbac.authorization.k8s.io', 'clusterrolebindings'), { metadata: { name: 'b' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', namespace: 'kube-system', name: 'x' }, { kind: 'Group', name: 'g' }] })).toEqual(['b', 'ClusterRole/view', '<unknown>', '', 'g', 'kube-system:x']);
    expect(cells(info('policy', 'poddisruptionbudgets'), { metadata: { name: 'p' }, spec: { minAvailable: 1 }, status: { disruptionsAllowed: 0 } }).slice(0, 4)).toEqual(['p', '1', 'N/A', 0]);
  });
});

describe('custom resources and the default table', () => {
  it('uses additionalPrinterColumns (JSONPath incl. filters) or Age', () => {
    const [cr] = crdResources({
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'ippools.crd.projectcalico.org' },
      spec: { group: 'crd.projectcalico.org', scope: 'Cluster', names: { plural: 'ippools', kind: 'IPPool' }, versions: [{ name: 'v1', served: true, storage: true, additionalPrinterColumns: [
        { name: 'CIDR', type: 'string', jsonPath: '.spec.cidr' },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Blocks', type: 'integer', jsonPath: '.spec.blockSize' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ] }] },
    } as unknown as KObject);
    const p = printerFor(cr);
    expect(p.columns.map((c) => c.name)).toEqual(['Name', 'CIDR', 'Ready', 'Blocks', 'Age']);
    expect(p.cells({ metadata: { name: 'default', creationTimestamp: ago(120) }, spec: { cidr: '10.244.0.0/16', blockSize: 26 }, status: { conditions: [{ type: 'X', status: 'False' }, { type: 'Ready', status: 'True' }] } }, NOW)).toEqual(['default', '10.244.0.0/16', 'True', 26, '2m']);
    expect(p.cells({ metadata: { name: 'x' } }, NOW)).toEqual(['x', null, null, null, null]);
    const [plain] = crdResources({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b.c' }, spec: { group: 'b.c', names: { plural: 'a', kind: 'A' }, versions: [{ name: 'v1', served: true }] } } as unknown as KObject);
    expect(printerFor(plain).columns.map((c) => c.name)).toEqual(['Name', 'Age']);
  });
  it('falls back to Name + Created At (RFC3339) like the apiserver default convertor', () => {
    const crd = info('apiextensions.k8s.io', 'customresourcedefinitions');
    const t = buildTable(crd, [{ apiVersion: 'x', kind: 'y', metadata: { name: 'a.b', creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{}] } }], { now: NOW, resourceVersion: '5' });
    expect(t.columnDefinitions.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Created At:date']);
    expect(t.rows[0].cells).toEqual(['a.b', '2026-01-01T00:00:00Z']);
    expect(t.rows[0].object.metadata.managedFields).toBeUndefined();
    expect(t.metadata).toEqual({ resourceVersion: '5' });
  });
});

describe('storage printers', () => {
  it('PVC and PV columns (kind local-path volumes)', () => {
    const PVC = info('', 'persistentvolumeclaims');
    expect(printerFor(PVC).columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode']);
    expect(cells(PVC, { metadata: { name: 'data', creationTimestamp: ago(30) }, spec: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }, status: { phase: 'Pending' } })).toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '30s', 'Filesystem']);
    expect(cells(PVC, { metadata: { name: 'data' }, spec: { storageClassName: 'standard', volumeName: 'pvc-1' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'] } }).slice(1, 5)).toEqual(['Bound', 'pvc-1', '1Gi', 'RWO,RWX']);
    const PV = info('', 'persistentvolumes');
    expect(cells(PV, { metadata: { name: 'pvc-1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'standard' }, status: { phase: 'Bound' } }).slice(0, 9)).toEqual(['pvc-1', '1Gi', 'RWO', 'Delete', 'Bound', 'default/data', 'standard', '<unset>', '']);
  });
  it('resource quotas split requests and limits', () => {
    const q = { metadata: { name: 'q' }, status: { hard: { pods: '5', 'limits.cpu': '2', 'requests.memory': '1Gi' }, used: { pods: '1' } } };
    expect(cells(info('', 'resourcequotas'), q).slice(2)).toEqual(['pods: 1/5, requests.memory: 0/1Gi', 'limits.cpu: 0/2']);
  });
});
