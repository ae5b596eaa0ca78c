// Real output from the source article (kind with kindest/node:v1.19.1, 2020-11), quoted for the fidelity test.
export const ARTICLE = {
  create: `Creating cluster "test" ...
 ✓ Ensuring node image (kindest/node:v1.19.1) 🖼
 ✓ Preparing nodes 📦 📦 📦 📦
 ✓ Writing configuration 📜
 ✓ Starting control-plane 🕹️
 ✓ Installing StorageClass 💾
 ✓ Joining worker nodes 🚜
Set kubectl context to "kind-test"
You can now use your cluster with:

kubectl cluster-info --context kind-test

Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/`,
  clusterInfo: `Kubernetes master is running at https://127.0.0.1:44495
KubeDNS is running at https://127.0.0.1:44495/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy

To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.`,
  getPo: `NAME    READY   STATUS    RESTARTS   AGE
nginx   0/1     Pending   0          7s`,
  describePoEvents: `Events:
  Type     Reason            Age                From               Message
  ----     ------            ----               ----               -------
  Warning  FailedScheduling  67s (x2 over 67s)  default-scheduler  0/4 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 3 node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't tolerate.`,
  getNodesWide: `NAME                 STATUS     ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                                     KERNEL-VERSION                CONTAINER-RUNTIME
test-control-plane   NotReady   master   20m   v1.19.1   172.24.0.5    <none>        Ubuntu Groovy Gorilla (development branch)   4.19.104-microsoft-standard   containerd://1.4.0
test-worker          NotReady   <none>   19m   v1.19.1   172.24.0.2    <none>        Ubuntu Groovy Gorilla (development branch)   4.19.104-microsoft-standard   containerd://1.4.0
test-worker2         NotReady   <none>   19m   v1.19.1   172.24.0.3    <none>        Ubuntu Groovy Gorilla (development branch)   4.19.104-microsoft-standard   containerd://1.4.0
test-worker3         NotReady   <none>   19m   v1.19.1   172.24.0.4    <none>        Ubuntu Groovy Gorilla (development branch)   4.19.104-microsoft-standard   containerd://1.4.0`,
  // The article's cluster was named "kind" for this one command; its Conditions table was re-wrapped by the page.
  describeNode: `Name:               kind-control-plane
Roles:              master
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=kind-control-plane
                    kubernetes.io/os=linux
                    node-role.kubernetes.io/master=
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Mon, 23 Nov 2020 12:25:14 +0900
Taints:             node-role.kubernetes.io/master:NoSchedule
                    node.kubernetes.io/not-ready:NoSchedule
Unschedulable:      false
Lease:
  HolderIdentity:  kind-control-plane
  AcquireTime:     <unset>
  RenewTime:       Mon, 23 Nov 2020 13:04:27 +0900
  MemoryPressure   False   Mon, 23 Nov 2020 13:00:36 +0900   Mon, 23 Nov 2020 12:25:10 +0900   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Mon, 23 Nov 2020 13:00:36 +0900   Mon, 23 Nov 2020 12:25:10 +0900   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Mon, 23 Nov 2020 13:00:36 +0900   Mon, 23 Nov 2020 12:25:10 +0900   KubeletHasSufficientPID      kubelet has sufficient PID available
Addresses:
  InternalIP:  172.24.0.5
  Hostname:    kind-control-plane
Capacity:
  cpu:                8
  ephemeral-storage:  263174212Ki
  hugepages-2Mi:      0
  memory:             13028732Ki
  pods:               110
Allocatable:
System Info:
  Machine ID:                 2f7eb291060449f49af9640c2ba847e3
  System UUID:                2f7eb291060449f49af9640c2ba847e3
  Boot ID:                    6af2a095-3be7-4337-ae50-00f4736584eb
  Kernel Version:             4.19.104-microsoft-standard
  OS Image:                   Ubuntu Groovy Gorilla (development branch)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.4.0
  Kubelet Version:            v1.19.1
  Kube-Proxy Version:         v1.19.1
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
ProviderID:                   kind://docker/kind/kind-control-plane
Non-terminated Pods:          (5 in total)
  kube-system                 etcd-kind-control-plane                       0 (0%)        0 (0%)      0 (0%)           0 (0%)         39m
  kube-system                 kube-apiserver-kind-control-plane             250m (3%)     0 (0%)      0 (0%)           0 (0%)         39m
  kube-system                 kube-controller-manager-kind-control-plane    200m (2%)     0 (0%)      0 (0%)           0 (0%)         39m
  kube-system                 kube-proxy-lhp2l                              0 (0%)        0 (0%)      0 (0%)           0 (0%)         39m
  kube-system                 kube-scheduler-kind-control-plane             100m (1%)     0 (0%)      0 (0%)           0 (0%)         39m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  cpu                550m (6%)  0 (0%)
  memory             0 (0%)     0 (0%)
  ephemeral-storage  0 (0%)     0 (0%)
Events:
  Normal  NodeHasSufficientMemory  39m (x6 over 39m)  kubelet, kind-control-plane     Node kind-control-plane status is now: NodeHasSufficientMemory
  Normal  NodeHasNoDiskPressure    39m (x5 over 39m)  kubelet, kind-control-plane     Node kind-control-plane status is now: NodeHasNoDiskPressure
  Normal  NodeHasSufficientPID     39m (x5 over 39m)  kubelet, kind-control-plane     Node kind-control-plane status is now: NodeHasSufficientPID
  Normal  Starting                 39m                kubelet, kind-control-plane     Starting kubelet.
  Normal  NodeHasSufficientMemory  39m                kubelet, kind-control-plane     Node kind-control-plane status is now: NodeHasSufficientMemory
  Normal  NodeHasNoDiskPressure    39m                kubelet, kind-control-plane     Node kind-control-plane status is now: NodeHasNoDiskPressure
  Normal  NodeHasSufficientPID     39m                kubelet, kind-control-plane     Node kind-control-plane status is now: NodeHasSufficientPID
  Normal  NodeAllocatableEnforced  39m                kubelet, kind-control-plane     Updated Node Allocatable limit across pods
  Normal  Starting                 38m                kube-proxy, kind-control-plane  Starting kube-proxy.`,
  readyCondition: 'runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
  getNamespaces: `NAME                 STATUS   AGE
default              Active   49m
kube-node-lease      Active   49m
kube-public          Active   49m
kube-system          Active   49m
local-path-storage   Active   49m`,
  pending: `kube-system          coredns-f9fd979d6-4fjkn                      0/1     Pending   0          25m
kube-system          coredns-f9fd979d6-b46cm                      0/1     Pending   0          25m
local-path-storage   local-path-provisioner-78776bfc44-rtrxf      0/1     Pending   0          25m`,
};
