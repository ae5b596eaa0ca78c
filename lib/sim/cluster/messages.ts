// Version-dependent texts produced by the kubelet, containerd and the scheduler.
import type { EmulatedVersion } from './versions';

type V = Pick<EmulatedVersion, 'minor' | 'patch' | 'containerdVersion'>;

function cdAtLeast(v: V, major: number, minor: number): boolean {
  const [a, b] = v.containerdVersion.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/** containerd CRI NetworkReady=false message (identical in containerd 1.4 … 2.3, facts §5). */
export const CNI_NOT_INITIALIZED = 'NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/** kubelet's runtime network error: "runtime network not ready" before 1.21 (article, v1.19.1), then "container runtime …" (facts §2.1). */
export function runtimeNetworkNotReady(v: V): string {
  return `${v.minor <= 20 ? 'runtime' : 'container runtime'} network not ready: ${CNI_NOT_INITIALIZED}`;
}

/** Kubelet NetworkNotReady pod event (facts §2.5 #10, pkg/kubelet/errors.go). */
export function networkNotReadyEvent(v: V): string {
  return `network is not ready: ${runtimeNetworkNotReady(v)}`;
}

/** TaintToleration filter reason (api brief §11). */
export function taintReason(v: V, key: string, value: string): string {
  if (v.minor <= 17) return "node(s) had taints that the pod didn't tolerate";
  if (v.minor <= 24) return `node(s) had taint {${key}: ${value}}, that the pod didn't tolerate`;
  // #135023 was cherry-picked to release-1.34 in 2025-11; 1.34.3 is the first patch after it [U].
  if (v.minor >= 35 || (v.minor === 34 && v.patch >= 3)) return 'node(s) had untolerated taint(s)';
  return `node(s) had untolerated taint {${key}: ${value}}`;
}

export const REASON_NODE_SELECTOR = "node(s) didn't match Pod's node affinity/selector";
export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const REASON_TOO_MANY_PODS = 'Too many pods';
export const insufficient = (res: string) => `Insufficient ${res}`;

export interface NodeVerdict {
  reason: string;
  /** Taints/affinity/nodeName: preemption cannot help. */
  unresolvable: boolean;
}

/** framework.FitError.Error() for `numNodes` nodes, one verdict per node (api brief §11, facts §2.4). */
export function fitError(v: V, numNodes: number, verdicts: NodeVerdict[], opts: { preemptionNever?: boolean } = {}): string {
  const hist = (rs: string[]) => {
    const counts = new Map<string, number>();
    for (const r of rs) counts.set(r, (counts.get(r) ?? 0) + 1);
    // Go: fmt "%v %v" then sort.Strings, so "10 …" sorts before "2 …".
    return [...counts].map(([k, n]) => `${n} ${k}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ');
  };
  let msg = `0/${numNodes} nodes are available: ${hist(verdicts.map((x) => x.reason))}.`;
  if (v.minor < 24) return msg;
  let post: string;
  if (opts.preemptionNever) post = 'not eligible due to preemptionPolicy=Never.';
  else {
    const pre = verdicts.map((x) => (x.unresolvable ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod'));
    post = `preemption: 0/${numNodes} nodes are available: ${hist(pre)}.`;
  }
  // 1.34+: DynamicResources' PostFilter runs first and reports for claim-less pods.
  if (v.minor >= 34) post = `no new claims to deallocate, ${post}`;
  msg += ` ${post}`;
  // 1.26–1.29 appended the PostFilter message with its own period: "scheduling.." (kubernetes#116133).
  if (v.minor >= 26 && v.minor <= 29) msg += '.';
  return msg;
}

/** Kubelet container event texts. The switch points are [U]: "Created container nginx" (seen up to ~1.30),
 * "Created container: nginx" (seen on 1.31–1.33 clusters), "Container created" (seen on a recent cluster). */
export function containerEvent(v: V, what: 'Created' | 'Started' | 'Killing', container: string): string {
  const verb = what === 'Created' ? 'Created' : what === 'Started' ? 'Started' : 'Stopping';
  if (v.minor >= 34) return what === 'Killing' ? `Stopping container ${container}` : `Container ${what.toLowerCase()}`;
  if (v.minor >= 31 && what !== 'Killing') return `${verb} container: ${container}`;
  return `${verb} container ${container}`;
}

export function pullingEvent(image: string): string {
  return `Pulling image "${image}"`;
}

/** Go time.Duration.String() for seconds (full nanosecond precision, as 1.19's kubelet printed). */
function goDuration(seconds: number): string {
  const ns = Math.round(seconds * 1e9);
  const s = Math.floor(ns / 1e9);
  const frac = String(ns % 1e9).padStart(9, '0').replace(/0+$/, '');
  return frac ? `${s}.${frac}s` : `${s}s`;
}

/** `Pulled` event: 1.19 printed the raw duration; ~1.28 added waiting time at ms precision; ~1.30 added the image size [U]. */
export function pulledEvent(v: V, image: string, pullSeconds: number, waitSeconds: number, sizeBytes: number): string {
  if (v.minor < 28) return `Successfully pulled image "${image}" in ${goDuration(pullSeconds)}`;
  const ms = (x: number) => `${(Math.round(x * 1000) / 1000).toString()}s`;
  const base = `Successfully pulled image "${image}" in ${ms(pullSeconds)} (${ms(waitSeconds)} including waiting)`;
  return v.minor >= 30 ? `${base}. Image size: ${sizeBytes} bytes.` : base;
}

export function alreadyPresentEvent(image: string): string {
  return `Container image "${image}" already present on machine`;
}

/** FailedCreatePodSandBox from containerd when a CNI plugin binary is missing. libcni ≥1.0 (containerd ≥1.6)
 * prefixes `plugin type="…" failed (add): ` [U: boundary]. */
export function sandboxPluginMissing(v: V, sandboxId: string, chainType: string, missing: string, delegated: boolean): string {
  const inner = `${delegated ? 'failed to delegate add: ' : ''}failed to find plugin "${missing}" in path [/opt/cni/bin]`;
  const cause = cdAtLeast(v, 1, 6) ? `plugin type="${chainType}" failed (add): ${inner}` : inner;
  return `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxId}": ${cause}`;
}

/** Ready condition when the runtime network works. */
export const KUBELET_READY = { reason: 'KubeletReady', message: 'kubelet is posting ready status' };
