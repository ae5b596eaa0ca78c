// CNIs recognised by what their real manifests run (images), whatever the objects are called, and
// what each one's agent leaves on a node once it runs there (facts §4).
import type { Any } from '../gvr';

export type CniId = 'kindnet' | 'calico' | 'cilium' | 'flannel';

export interface NodeCniContext {
  nodeName: string;
  podCIDR: string;
  /** Flannel: the cni-conf.json of the ConfigMap mounted by the agent, when there is one. */
  configMapConf?: string;
}

export interface CniDef {
  id: CniId;
  /** True when this pod is the CNI's node agent. */
  matches(pod: Any): boolean;
  files(ctx: NodeCniContext): Record<string, string>;
  /** Binaries the agent's init containers copy into /opt/cni/bin. */
  binaries: string[];
  /** NetworkUnavailable condition the agent sets (Calico, Cilium). */
  condition?: { reason: string; message: string };
}

function images(pod: Any): Array<{ name: string; image: string }> {
  const spec = pod?.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])]
    .filter((c: Any) => c && typeof c.image === 'string')
    .map((c: Any) => ({ name: String(c.name ?? ''), image: c.image as string }));
}

// Repository part of an image reference, without registry host, tag or digest.
export function repoOf(image: string): string {
  let s = image.split('@')[0];
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  const parts = s.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  return parts.join('/');
}

const hasRepo = (pod: Any, repos: string[], container?: (name: string) => boolean) =>
  images(pod).some((c) => repos.includes(repoOf(c.image)) && (!container || container(c.name)));

const KINDNET_CONF = (subnet: string) => `
{
	"cniVersion": "0.4.0",
	"name": "kindnet",
	"plugins": [
	{
		"type": "ptp",
		"ipMasq": false,
		"ipam": {
			"type": "host-local",
			"dataDir": "/run/cni-ipam-state",
			"routes": [
				{ "dst": "0.0.0.0/0" }
			],
			"ranges": [
				[ { "subnet": "${subnet}" } ]
			]
		}
		,
		"mtu": 1500
	},
	{
		"type": "portmap",
		"capabilities": {
			"portMappings": true
		}
	}
	]
}
`;

const CALICO_CONF = (node: string) => `{
  "name": "k8s-pod-network",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "calico",
      "log_level": "info",
      "log_file_path": "/var/log/calico/cni/cni.log",
      "datastore_type": "kubernetes",
      "nodename": "${node}",
      "mtu": 0,
      "ipam": {
          "type": "calico-ipam"
      },
      "policy": {
          "type": "k8s"
      },
      "kubernetes": {
          "kubeconfig": "/etc/cni/net.d/calico-kubeconfig"
      }
    },
    {
      "type": "portmap",
      "snat": true,
      "capabilities": {"portMappings": true}
    },
    {
      "type": "bandwidth",
      "capabilities": {"bandwidth": true}
    }
  ]
}`;

const CALICO_KUBECONFIG = `# Kubeconfig file for Calico CNI plugin. Installed by calico/node.
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://10.96.0.1:443
    certificate-authority-data: "LS0tLS1CRUdJTi..."
users:
- name: calico
  user:
    token: eyJhbGciOiJSUzI1NiIsImtpZCI6...
contexts:
- name: calico-context
  context:
    cluster: local
    user: calico
current-context: calico-context`;

const CILIUM_CONF = `{
  "cniVersion": "0.3.1",
  "name": "cilium",
  "plugins": [
    {
       "type": "cilium-cni",
       "enable-debug": false,
       "log-file": "/var/run/cilium/cilium-cni.log"
    }
  ]
}`;

export const FLANNEL_DEFAULT_CONF = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

export const CNI_DEFS: CniDef[] = [
  {
    id: 'kindnet',
    matches: (pod) => hasRepo(pod, ['kindest/kindnetd']),
    files: (ctx) => ({ '/etc/cni/net.d/10-kindnet.conflist': KINDNET_CONF(ctx.podCIDR) }),
    binaries: [],
  },
  {
    id: 'calico',
    matches: (pod) => hasRepo(pod, ['calico/node']),
    files: (ctx) => ({ '/etc/cni/net.d/10-calico.conflist': CALICO_CONF(ctx.nodeName), '/etc/cni/net.d/calico-kubeconfig': CALICO_KUBECONFIG }),
    binaries: ['bandwidth', 'calico', 'calico-ipam', 'flannel', 'host-local', 'install', 'loopback', 'portmap', 'tuning'],
    condition: { reason: 'CalicoIsUp', message: 'Calico is running on this node' },
  },
  {
    id: 'cilium',
    matches: (pod) => hasRepo(pod, ['cilium/cilium'], (n) => n === 'cilium-agent'),
    files: () => ({ '/etc/cni/net.d/05-cilium.conflist': CILIUM_CONF }),
    binaries: ['cilium-cni'],
    condition: { reason: 'CiliumIsUp', message: 'Cilium is running on this node' },
  },
  {
    id: 'flannel',
    matches: (pod) => hasRepo(pod, ['flannel-io/flannel', 'flannel/flannel', 'coreos/flannel', 'flannelcni/flannel']),
    files: (ctx) => ({ '/etc/cni/net.d/10-flannel.conflist': ctx.configMapConf ?? FLANNEL_DEFAULT_CONF }),
    binaries: ['flannel'],
  },
];

export function cniForPod(pod: Any): CniDef | undefined {
  return CNI_DEFS.find((d) => d.matches(pod));
}
