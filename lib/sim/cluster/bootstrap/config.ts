// Cluster-scoped and kube-system configuration objects kubeadm and kind create.
import type { Any } from '../gvr';
import type { BootContext } from './context';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export const CONTROLLER_SERVICE_ACCOUNTS = [
  'attachdetach-controller', 'bootstrap-signer', 'certificate-controller', 'clusterrole-aggregation-controller', 'cronjob-controller',
  'daemon-set-controller', 'deployment-controller', 'disruption-controller', 'endpoint-controller', 'endpointslice-controller',
  'endpointslicemirroring-controller', 'ephemeral-volume-controller', 'expand-controller', 'generic-garbage-collector',
  'horizontal-pod-autoscaler', 'job-controller', 'namespace-controller', 'node-controller', 'persistent-volume-binder',
  'pod-garbage-collector', 'pv-protection-controller', 'pvc-protection-controller', 'replicaset-controller', 'replication-controller',
  'resourcequota-controller', 'root-ca-cert-publisher', 'service-account-controller', 'service-controller', 'statefulset-controller',
  'token-cleaner', 'ttl-after-finished-controller', 'ttl-controller', 'coredns', 'kube-proxy',
];

export const namespace = (name: string): Any => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

export const serviceAccount = (ns: string, name: string): Any => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } });

export const configMap = (ns: string, name: string, data: Record<string, string>, extra: Any = {}): Any => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, ...extra },
  data,
});

export function priorityClasses(): Any[] {
  return [
    { name: 'system-cluster-critical', value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
    { name: 'system-node-critical', value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.' },
  ].map((p) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: p.name }, value: p.value, globalDefault: false, description: p.description, preemptionPolicy: 'PreemptLowerPriority' }));
}

export function clusterRoles(): Any[] {
  const role = (name: string, rules: Any[], labels: Record<string, string> = { 'kubernetes.io/bootstrapping': 'rbac-defaults' }) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    rules,
  });
  return [
    role('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]),
    role('admin', [{ apiGroups: [''], resources: ['pods', 'services', 'configmaps', 'secrets'], verbs: ['*'] }]),
    role('edit', [{ apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }]),
    role('view', [{ apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] }]),
    role('system:node', [{ apiGroups: [''], resources: ['nodes', 'nodes/status'], verbs: ['create', 'get', 'list', 'watch', 'patch', 'update'] }]),
    role('system:coredns', [{ apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] }, { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] }], {}),
    role('local-path-provisioner-role', [{ apiGroups: [''], resources: ['nodes', 'persistentvolumeclaims', 'configmaps', 'pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }, { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['*'] }, { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] }], {}),
  ];
}

export function clusterRoleBindings(): Any[] {
  const b = (name: string, role: string, subjects: Any[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects });
  return [
    b('cluster-admin', 'cluster-admin', [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]),
    b('kubeadm:cluster-admins', 'cluster-admin', [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kubeadm:cluster-admins' }]),
    b('system:coredns', 'system:coredns', [{ kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' }]),
    b('local-path-provisioner-bind', 'local-path-provisioner-role', [{ kind: 'ServiceAccount', name: 'local-path-provisioner-service-account', namespace: 'local-path-storage' }]),
  ];
}

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

export function systemConfigMaps(ctx: BootContext): Any[] {
  const { version: v, config, clusterName } = ctx;
  const cp = ctx.nodes.find((n) => n.role === 'control-plane')!;
  const b64 = Buffer.from(ctx.caCertPem).toString('base64');
  const net = config.networking;
  const clusterConfiguration = [
    'apiServer:',
    '  certSANs:',
    '  - localhost',
    `  - ${net.apiServerAddress}`,
    '  extraArgs:',
    '    runtime-config: ""',
    `apiVersion: kubeadm.k8s.io/${v.minor >= 31 ? 'v1beta4' : v.minor >= 23 ? 'v1beta3' : 'v1beta2'}`,
    'certificatesDir: /etc/kubernetes/pki',
    `clusterName: ${clusterName}`,
    `controlPlaneEndpoint: ${clusterName}-control-plane:6443`,
    'controllerManager:',
    '  extraArgs:',
    '    enable-hostpath-provisioner: "true"',
    'dns: {}',
    'etcd:',
    '  local:',
    '    dataDir: /var/lib/etcd',
    `imageRepository: ${v.minor <= 20 ? 'k8s.gcr.io' : 'registry.k8s.io'}`,
    'kind: ClusterConfiguration',
    `kubernetesVersion: ${v.gitVersion}`,
    'networking:',
    '  dnsDomain: cluster.local',
    `  podSubnet: ${net.podSubnet}`,
    `  serviceSubnet: ${net.serviceSubnet}`,
    'scheduler: {}',
    '',
  ].join('\n');
  const kubeletConfig = [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'authentication:',
    '  anonymous:',
    '    enabled: false',
    'cgroupDriver: systemd',
    'clusterDNS:',
    `- ${dnsIp(net.serviceSubnet)}`,
    'clusterDomain: cluster.local',
    'evictionHard:',
    '  imagefs.available: 0%',
    '  nodefs.available: 0%',
    '  nodefs.inodesFree: 0%',
    'imageGCHighThresholdPercent: 100',
    'kind: KubeletConfiguration',
    'staticPodPath: /etc/kubernetes/manifests',
    '',
  ].join('\n');
  const kubeProxyConf = [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'bindAddress: 0.0.0.0',
    `clusterCIDR: ${net.podSubnet}`,
    'conntrack:',
    '  maxPerCore: 0',
    'kind: KubeProxyConfiguration',
    `mode: ${net.kubeProxyMode}`,
    '',
  ].join('\n');
  const kubeconfig = (user: string) =>
    ['apiVersion: v1', 'clusters:', '- cluster:', '    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt', `    server: https://${clusterName}-control-plane:6443`, '  name: default', 'contexts:', '- context:', '    cluster: default', '    namespace: default', `    user: ${user}`, '  name: default', 'current-context: default', 'kind: Config', 'users:', `- name: ${user}`, '  user:', '    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token', ''].join('\n');
  void cp;
  return [
    configMap('kube-system', 'coredns', { Corefile: COREFILE }),
    configMap('kube-system', 'kube-proxy', { 'config.conf': kubeProxyConf, 'kubeconfig.conf': kubeconfig('default') }, { labels: { app: 'kube-proxy' } }),
    configMap('kube-system', 'kubeadm-config', { ClusterConfiguration: clusterConfiguration }),
    // kubeadm named it kubelet-config-1.NN until 1.24.
    configMap('kube-system', v.minor < 24 ? `kubelet-config-${v.major}.${v.minor}` : 'kubelet-config', { kubelet: kubeletConfig }),
    configMap('kube-system', 'extension-apiserver-authentication', { 'client-ca-file': ctx.caCertPem }),
    configMap('kube-public', 'cluster-info', {
      kubeconfig: ['apiVersion: v1', 'clusters:', '- cluster:', `    certificate-authority-data: ${b64}`, `    server: https://${clusterName}-control-plane:6443`, '  name: ""', 'contexts: null', 'current-context: ""', 'kind: Config', 'preferences: {}', 'users: null', ''].join('\n'),
    }),
    configMap('local-path-storage', 'local-path-config', {
      'config.json': '{\n        "nodePathMap":[\n        {\n                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",\n                "paths":["/var/local-path-provisioner"]\n        }\n        ]\n}',
      'helperPod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: helper-pod\nspec:\n  containers:\n  - name: helper-pod\n    image: docker.io/kindest/local-path-helper:v20230510-486859a6\n    imagePullPolicy: IfNotPresent',
      setup: '#!/bin/sh\nset -eu\nmkdir -m 0777 -p "$VOL_DIR"',
      teardown: '#!/bin/sh\nset -eu\nrm -rf "$VOL_DIR"',
    }),
  ];
}

/** 10th address of the service range (kubeadm's DNS IP). */
export function dnsIp(serviceSubnet: string): string {
  const base = serviceSubnet.split(',')[0].split('/')[0].split('.').map(Number);
  return `${base[0]}.${base[1]}.${base[2]}.${base[3] + 10}`;
}

/** First address of the service range (the `kubernetes` Service). */
export function apiServiceIp(serviceSubnet: string): string {
  const base = serviceSubnet.split(',')[0].split('/')[0].split('.').map(Number);
  return `${base[0]}.${base[1]}.${base[2]}.${base[3] + 1}`;
}
