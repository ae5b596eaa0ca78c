import { afterEach, describe, expect, it } from 'vitest';
import { imageMissing } from './images';
import { testCluster, eventsFor } from './testing/harness';
import { R, type Any } from './gvr';
import type { SimCluster } from './cluster';

let c: SimCluster | undefined;
afterEach(() => c?.stop());

describe('image pulls', () => {
  it('only near-misses of official images are missing', () => {
    expect(['nginxx', 'ngnix', 'busybx', 'nginx-typo'].map(imageMissing)).toEqual([true, true, true, false]);
    expect(['nginx', 'nginx:1.27', 'myorg/nginxx', 'quay.io/x/y', 'myapp', 'registry.k8s.io/pause:3.10'].some(imageMissing)).toBe(false);
  });

  it('a typo gives ErrImagePull then ImagePullBackOff with the registry text', async () => {
    c = await testCluster({ config: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n' });
    c.store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'nginxx' }] } });
    await c.settle();
    const p = c.store.get(R.pods, 'default', 'web') as Any;
    expect(p.status.phase).toBe('Pending');
    expect(p.status.podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(p.status.containerStatuses[0].state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginxx"' });
    expect(eventsFor(c, 'default', 'web').map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual(
      expect.arrayContaining([
        'Normal Pulling Pulling image "nginxx"',
        'Warning Failed Failed to pull image "nginxx": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
        'Warning Failed Error: ErrImagePull',
        'Normal BackOff Back-off pulling image "nginxx"',
        'Warning Failed Error: ImagePullBackOff',
      ]),
    );
  });
});
