// `kubectl logs`: short plausible container output per image, or the kubelet's errors.
import { ApiError } from '@/lib/sim/store/types';
import type { Store } from '@/lib/sim/store/types';
import { R, type Any } from './gvr';
import { repoOf } from './cni/defs';
import type { EmulatedVersion } from './versions';

const klogTime = (d: Date) => {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}123`;
};
const nginxTime = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace(/-/g, '/');

function linesFor(image: string, started: Date, v: EmulatedVersion, pod: Any): string[] {
  const repo = repoOf(image);
  const t = nginxTime(started);
  if (repo === 'nginx' || repo === 'library/nginx')
    return [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      `${t} [notice] 1#1: using the "epoll" event method`,
      `${t} [notice] 1#1: nginx/1.29.3`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process 29`,
    ];
  if (repo === 'coredns/coredns' || repo === 'coredns') {
    const ver = image.split(':').pop()?.replace(/^v/, '') ?? '1.12.0';
    return ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b', `CoreDNS-${ver}`, `linux/amd64, ${v.serverVersion.goVersion}, 51e11f1`];
  }
  if (repo === 'kindest/kindnetd')
    return [`I${klogTime(started)}       1 main.go:109] connected to apiserver: https://${pod.status?.hostIP ?? '172.18.0.2'}:6443`, `I${klogTime(started)}       1 main.go:139] hostIP = ${pod.status?.hostIP} podIP = ${pod.status?.podIP}`, `I${klogTime(started)}       1 main.go:148] setting mtu 1500 for CNI `, `I${klogTime(started)}       1 main.go:178] kindnetd IP family: "ipv4"`];
  if (repo.endsWith('kube-proxy'))
    return [`I${klogTime(started)}       1 server_linux.go:66] "Using iptables proxy"`, `I${klogTime(started)}       1 server.go:698] "Successfully retrieved node IP(s)" IPs=["${pod.status?.hostIP}"]`, `I${klogTime(started)}       1 shared_informer.go:320] Caches are synced for service config`];
  return [];
}

export function podLogs(store: Store, v: EmulatedVersion, namespace: string, name: string, container: string | undefined): string | ApiError {
  const pod = store.get(R.pods, namespace, name) as Any;
  if (!pod) return new ApiError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });
  const containers: Any[] = pod.spec?.containers ?? [];
  let c: Any;
  if (container) {
    c = [...containers, ...(pod.spec?.initContainers ?? [])].find((x: Any) => x.name === container);
    if (!c) return new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
  } else if (containers.length === 1) c = containers[0];
  else
    return new ApiError(400, 'BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.map((x: Any) => x.name).join(' ')}]`);
  if (!pod.spec?.nodeName) return '';
  const cs = (pod.status?.containerStatuses ?? []).find((x: Any) => x.name === c.name);
  if (!cs?.state?.running && !cs?.state?.terminated) {
    const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
    return new ApiError(400, 'BadRequest', `container "${c.name}" in pod "${name}" is waiting to start: ${reason}`);
  }
  const started = new Date(cs.state.running?.startedAt ?? cs.state.terminated?.startedAt ?? Date.now());
  const lines = linesFor(c.image, started, v, pod);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
