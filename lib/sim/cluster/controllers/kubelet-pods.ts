// The kubelet's pod workers: runs static and hostNetwork pods regardless of the network, gates the
// rest on NetworkReady (NetworkNotReady event), fails sandboxes when a CNI plugin binary is missing
// (FailedCreatePodSandBox), pulls/creates/starts containers, and finishes graceful deletions.
import { R, type Any } from '../gvr';
import { nodeRef, refOf } from '../events';
import { alreadyPresentEvent, containerEvent, networkNotReadyEvent, pulledEvent, pullingEvent, sandboxPluginMissing } from '../messages';
import { loadNetwork, missingPlugin } from '../cni/runtime';
import { creatingStatus, hex64, runningStatus } from '../pod-status';
import type { ClusterRuntime } from '../runtime';
import { isHostNetwork, isStatic, isTerminal } from './match';
import { repoOf } from '../cni/defs';
import { imageMissing, pullFailedMessage } from '../images';

function ipInCidr(cidr: string, n: number): string {
  const [base] = cidr.split('/');
  const p = base.split('.').map(Number);
  return `${p[0]}.${p[1]}.${p[2]}.${p[3] + n}`;
}

/** Image sizes for the Pulled message (plausible, bytes). */
const IMAGE_SIZES: Record<string, number> = { nginx: 72223946, busybox: 2156519, 'calico/node': 156874212, 'calico/cni': 94503402, 'cilium/cilium': 221574513, 'flannel-io/flannel': 32458120 };

export class KubeletPods {
  private busy = new Set<string>();
  /** pods whose last sync failed (retried by the periodic worker) */
  private failing = new Map<string, { ns: string; name: string }>();

  constructor(private readonly rt: ClusterRuntime) {}

  /** The node's CNI state changed: retry its failing pods now rather than at the next backoff. */
  clearFailing(nodeName: string) {
    for (const [uid, p] of [...this.failing]) {
      const pod = this.rt.store.get(R.pods, p.ns, p.name) as Any;
      if (!pod || pod.spec?.nodeName === nodeName) this.failing.delete(uid);
    }
  }

  retryFailing() {
    for (const [uid, p] of [...this.failing]) {
      const pod = this.rt.store.get(R.pods, p.ns, p.name) as Any;
      if (!pod || pod.metadata.uid !== uid || !pod.spec?.nodeName) {
        this.failing.delete(uid);
        continue;
      }
      this.failing.delete(uid);
      const node = this.rt.store.get(R.nodes, undefined, pod.spec.nodeName) as Any;
      if (node) this.syncPod(pod, node, true);
    }
  }

  syncNode(name: string, node: Any) {
    const { items } = this.rt.store.list(R.pods, undefined, { fieldSelector: `spec.nodeName=${name}` });
    for (const pod of items as Any[]) this.syncPod(pod, node, false);
  }

  private syncPod(pod: Any, node: Any, retry: boolean) {
    const uid = pod.metadata.uid;
    if (this.busy.has(uid)) return;
    if (pod.metadata.deletionTimestamp) return this.kill(pod);
    if (isTerminal(pod) || isStatic(pod)) return;
    const running = pod.status?.phase === 'Running' && (pod.status.containerStatuses ?? []).every((c: Any) => c.state?.running);
    if (running) return;
    if (this.failing.has(uid) && !retry) return;
    const st = this.rt.nodes.get(node.metadata.name);
    if (!st) return;
    const v = this.rt.version;
    const hostIP = st.ip;
    const ref = refOf(pod);
    const src = { component: 'kubelet', host: st.name };
    if (!isHostNetwork(pod)) {
      const net = loadNetwork(st);
      if (!net) {
        this.ensureCreating(pod, hostIP);
        this.rt.events.legacy(ref, 'Warning', 'NetworkNotReady', networkNotReadyEvent(v), src);
        this.failing.set(uid, { ns: pod.metadata.namespace, name: pod.metadata.name });
        return;
      }
      const missing = missingPlugin(st, net);
      if (missing) {
        this.ensureCreating(pod, hostIP);
        this.rt.events.legacySimilar(ref, 'Warning', 'FailedCreatePodSandBox', sandboxPluginMissing(v, hex64(), missing.chainType, missing.missing, missing.delegated), src);
        this.failing.set(uid, { ns: pod.metadata.namespace, name: pod.metadata.name });
        return;
      }
    }
    const bad = (pod.spec?.containers ?? []).find((c: Any) => imageMissing(String(c.image)));
    if (bad) return this.pullFails(pod, st.name, bad);
    this.start(pod, st.name);
  }

  /** ErrImagePull, then ImagePullBackOff; the pod worker keeps retrying (counts grow). */
  private pullFails(pod: Any, nodeName: string, c: Any) {
    const st = this.rt.nodes.get(nodeName)!;
    const cref = { ...refOf(pod), fieldPath: `spec.containers{${c.name}}` };
    const src = { component: 'kubelet', host: nodeName };
    const uid = pod.metadata.uid;
    const msg = pullFailedMessage(c.image);
    const waiting = (reason: string, message: string) =>
      this.rt.store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p: Any) => {
        if (!p.status?.containerStatuses?.length) p.status = creatingStatus(p, st.ip, this.rt.version, this.rt.clock.now(), p.status);
        if (!p.status.podIP && !isHostNetwork(p)) {
          p.status.podIP = this.allocateIp(nodeName, st.podCIDR);
          p.status.podIPs = [{ ip: p.status.podIP }];
        }
        for (const cs of p.status.containerStatuses) if (cs.name === c.name) cs.state = { waiting: { reason, message } };
      });
    this.busy.add(uid);
    this.rt.events.legacy(cref, 'Normal', 'Pulling', pullingEvent(c.image), src);
    this.rt.clock.after(800 + Math.floor(Math.random() * 700), () => {
      this.rt.events.legacy(cref, 'Warning', 'Failed', msg, src);
      this.rt.events.legacy(cref, 'Warning', 'Failed', 'Error: ErrImagePull', src);
      waiting('ErrImagePull', msg.replace(/^Failed to pull image "[^"]*": /, ''));
      this.rt.clock.after(1000, () => {
        this.busy.delete(uid);
        this.rt.events.legacy(cref, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, src);
        this.rt.events.legacy(cref, 'Warning', 'Failed', 'Error: ImagePullBackOff', src);
        waiting('ImagePullBackOff', `Back-off pulling image "${c.image}"`);
        this.failing.set(uid, { ns: pod.metadata.namespace, name: pod.metadata.name });
      });
    });
  }

  private ensureCreating(pod: Any, hostIP: string) {
    if (pod.status?.containerStatuses?.length) return;
    this.rt.store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, (p: Any) => {
      if (p.status?.containerStatuses?.length) return;
      p.status = creatingStatus(p, hostIP, this.rt.version, this.rt.clock.now(), p.status);
    });
  }

  private allocateIp(nodeName: string, podCIDR: string): string {
    const { items } = this.rt.store.list(R.pods, undefined, { fieldSelector: `spec.nodeName=${nodeName}` });
    const used = new Set((items as Any[]).filter((p) => !isTerminal(p) && !isHostNetwork(p)).map((p) => p.status?.podIP));
    for (let i = 2; i < 255; i++) {
      const ip = ipInCidr(podCIDR, i);
      if (!used.has(ip)) return ip;
    }
    return ipInCidr(podCIDR, 254);
  }

  private start(pod: Any, nodeName: string) {
    const uid = pod.metadata.uid;
    const st = this.rt.nodes.get(nodeName)!;
    const v = this.rt.version;
    this.busy.add(uid);
    this.ensureCreating(pod, st.ip);
    const ref = refOf(pod);
    const src = { component: 'kubelet', host: nodeName };
    const containers: Any[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    let t = 300 + Math.floor(Math.random() * 500); // sandbox
    const steps: Array<[number, () => void]> = [];
    for (const c of containers) {
      const fp = `spec.${(pod.spec?.initContainers ?? []).includes(c) ? 'initContainers' : 'containers'}{${c.name}}`;
      const cref = { ...ref, fieldPath: fp };
      const present = st.images.includes(c.image);
      if (present && c.imagePullPolicy !== 'Always') {
        steps.push([t, () => this.rt.events.legacy(cref, 'Normal', 'Pulled', alreadyPresentEvent(c.image), src)]);
      } else {
        const pull = present ? 0.4 + Math.random() * 0.8 : 1.2 + Math.random() * 2.5;
        const tPull = t;
        steps.push([tPull, () => this.rt.events.legacy(cref, 'Normal', 'Pulling', pullingEvent(c.image), src)]);
        t += Math.round(pull * 1000);
        const size = IMAGE_SIZES[repoOf(c.image)] ?? 48_000_000 + Math.floor(Math.random() * 40_000_000);
        steps.push([
          t,
          () => {
            this.rt.events.legacy(cref, 'Normal', 'Pulled', pulledEvent(v, c.image, pull, pull, size), src);
            if (!st.images.includes(c.image)) {
              st.images.push(c.image);
              this.rt.dirty();
            }
          },
        ]);
      }
      t += 150;
      steps.push([t, () => this.rt.events.legacy(cref, 'Normal', 'Created', containerEvent(v, 'Created', c.name), src)]);
      t += 150;
      steps.push([t, () => this.rt.events.legacy(cref, 'Normal', 'Started', containerEvent(v, 'Started', c.name), src)]);
    }
    steps.push([
      t + 100,
      () => {
        this.busy.delete(uid);
        const cur = this.rt.store.get(R.pods, pod.metadata.namespace, pod.metadata.name) as Any;
        if (!cur || cur.metadata.uid !== uid || cur.metadata.deletionTimestamp) return;
        const ip = isHostNetwork(cur) ? st.ip : this.allocateIp(nodeName, st.podCIDR);
        this.rt.store.mutate(R.pods, cur.metadata.namespace, cur.metadata.name, (p: Any) => {
          p.status = runningStatus(p, st.ip, ip, v, this.rt.clock.now());
        });
        if (repoOf(cur.spec.containers?.[0]?.image ?? '').endsWith('kube-proxy')) this.kubeProxyStarted(nodeName);
      },
    ]);
    // Chain the steps so events keep their order in both paces.
    let prev = 0;
    const run = (i: number) => {
      if (i >= steps.length) return;
      const [at, fn] = steps[i];
      this.rt.clock.after(Math.max(0, at - prev), () => {
        prev = at;
        try {
          fn();
        } finally {
          run(i + 1);
        }
      });
    };
    run(0);
  }

  private kubeProxyStarted(node: string) {
    // kube-proxy ≤1.21 used the legacy recorder ("Starting kube-proxy."); newer ones send an events.k8s.io event without a note [U: switch release].
    if (this.rt.version.minor <= 21) this.rt.events.legacy(nodeRef(node), 'Normal', 'Starting', 'Starting kube-proxy.', { component: 'kube-proxy', host: node });
    else this.rt.events.modern(nodeRef(node), 'Normal', 'Starting', '', { controller: 'kube-proxy', instance: `kube-proxy-${node}`, action: 'StartKubeProxy' });
  }

  private kill(pod: Any) {
    const uid = pod.metadata.uid;
    this.busy.add(uid);
    const ran = (pod.status?.containerStatuses ?? []).some((c: Any) => c.state?.running);
    if (ran)
      for (const c of pod.spec?.containers ?? [])
        this.rt.events.legacy({ ...refOf(pod), fieldPath: `spec.containers{${c.name}}` }, 'Normal', 'Killing', containerEvent(this.rt.version, 'Killing', c.name), {
          component: 'kubelet',
          host: pod.spec.nodeName,
        });
    // nginx stops quickly on SIGTERM; the simulated grace is a second or two, never the full 30 s.
    const grace = Math.min((pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000, 1000 + Math.floor(Math.random() * 1000));
    this.rt.clock.after(ran ? grace : 0, () => {
      this.busy.delete(uid);
      const cur = this.rt.store.get(R.pods, pod.metadata.namespace, pod.metadata.name);
      if (cur && cur.metadata.uid === uid) this.rt.store.remove(R.pods, pod.metadata.namespace, pod.metadata.name);
    });
  }
}
