// Mirror pods of the control plane's static pods (kubeadm manifests in /etc/kubernetes/manifests).
import { createHash, randomBytes } from 'node:crypto';
import type { Any } from '../gvr';
import type { NodeState } from '../node-state';
import type { EmulatedVersion } from '../versions';
import { runningStatus } from '../pod-status';

interface Comp {
  name: string;
  image: (v: EmulatedVersion) => string;
  cpu?: string;
  memory?: (v: EmulatedVersion) => string | undefined;
  command: (n: NodeState, podSubnet: string, serviceSubnet: string) => string[];
  annotations?: (n: NodeState) => Record<string, string>;
}

const COMPS: Comp[] = [
  {
    name: 'etcd',
    image: (v) => v.images.etcd,
    // kubeadm added etcd requests in 1.22 [U: exact release]; the article (1.19) shows 0.
    cpu: undefined,
    memory: (v) => (v.minor >= 22 ? '100Mi' : undefined),
    command: (n) => ['etcd', `--advertise-client-urls=https://${n.ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd', `--initial-advertise-peer-urls=https://${n.ip}:2380`, `--initial-cluster=${n.name}=https://${n.ip}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${n.ip}:2379`, `--listen-peer-urls=https://${n.ip}:2380`, `--name=${n.name}`, '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'],
    annotations: (n) => ({ 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${n.ip}:2379` }),
  },
  {
    name: 'kube-apiserver',
    image: (v) => v.images.apiserver,
    cpu: '250m',
    command: (n, _p, svc) => ['kube-apiserver', `--advertise-address=${n.ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', '--etcd-servers=https://127.0.0.1:2379', '--runtime-config=', '--secure-port=6443', `--service-cluster-ip-range=${svc}`, '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'],
    annotations: (n) => ({ 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${n.ip}:6443` }),
  },
  {
    name: 'kube-controller-manager',
    image: (v) => v.images.controllerManager,
    cpu: '200m',
    command: (_n, pod, svc) => ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf', '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', '--client-ca-file=/etc/kubernetes/pki/ca.crt', `--cluster-cidr=${pod}`, '--cluster-name=kind', '--controllers=*,bootstrapsigner,tokencleaner', '--enable-hostpath-provisioner=true', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', `--service-cluster-ip-range=${svc}`, '--use-service-account-credentials=true'],
  },
  {
    name: 'kube-scheduler',
    image: (v) => v.images.scheduler,
    cpu: '100m',
    command: () => ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
  },
];

export function staticPods(n: NodeState, nodeUid: string, v: EmulatedVersion, podSubnet: string, serviceSubnet: string, now: Date): Any[] {
  return COMPS.map((c) => {
    const hash = createHash('md5').update(`${c.name}${n.name}${v.gitVersion}${randomBytes(4).toString('hex')}`).digest('hex');
    const requests: Record<string, string> = {};
    const cpu = c.name === 'etcd' ? (v.minor >= 22 ? '100m' : undefined) : c.cpu;
    if (cpu) requests.cpu = cpu;
    const mem = c.memory?.(v);
    if (mem) requests.memory = mem;
    const seen = `${now.toISOString().slice(0, -1)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}Z`;
    const pod: Any = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${c.name}-${n.name}`,
        namespace: 'kube-system',
        labels: { component: c.name, tier: 'control-plane' },
        annotations: {
          ...(c.annotations?.(n) ?? {}),
          'kubernetes.io/config.hash': hash,
          'kubernetes.io/config.mirror': hash,
          'kubernetes.io/config.seen': seen,
          'kubernetes.io/config.source': 'file',
        },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.name, uid: nodeUid, controller: true }],
      },
      spec: {
        containers: [
          {
            name: c.name,
            image: c.image(v),
            imagePullPolicy: 'IfNotPresent',
            command: c.command(n, podSubnet, serviceSubnet),
            resources: Object.keys(requests).length ? { requests } : {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
        hostNetwork: true,
        nodeName: n.name,
        priorityClassName: 'system-node-critical',
        priority: 2000001000,
        automountServiceAccountToken: false,
        enableServiceLinks: true,
        tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
        ...(v.minor >= 22 ? { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } : {}),
      },
    };
    pod.status = { ...runningStatus(pod, n.ip, n.ip, v, now), qosClass: Object.keys(requests).length ? 'Burstable' : 'BestEffort' };
    return pod;
  });
}
