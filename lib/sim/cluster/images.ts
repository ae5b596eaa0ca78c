// Which images a simulated registry "has". Offline, the simulator cannot know; it assumes every image
// exists except a near-miss of a well-known official image name (a typo such as "nginxx"), which
// fails like Docker Hub does, so the lesson on ErrImagePull/ImagePullBackOff works.
import { fullImage } from './pod-status';

const OFFICIAL = [
  'nginx', 'busybox', 'alpine', 'ubuntu', 'debian', 'httpd', 'redis', 'postgres', 'mysql', 'mongo', 'node', 'python',
  'golang', 'traefik', 'memcached', 'rabbitmq', 'caddy', 'haproxy', 'centos', 'fedora', 'wordpress', 'registry',
];

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** True when pulling `image` should fail with "pull access denied, repository does not exist". */
export function imageMissing(image: string): boolean {
  const name = image.split('@')[0].replace(/:[^/:]+$/, '');
  if (name.includes('/')) return false;
  if (OFFICIAL.includes(name)) return false;
  return OFFICIAL.some((o) => editDistance(o, name) <= 2 && Math.abs(o.length - name.length) <= 2 && name.length >= 4);
}

export function pullFailedMessage(image: string): string {
  const ref = fullImage(image);
  return `Failed to pull image "${image}": rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}
