// Watcher lifecycle without a cluster: lazy start, idle stop after the last subscriber, and the
// plain "not a kind cluster" / "does not answer" snapshots (a port nothing listens on).
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import type { Target } from './kubeconfig';
import { ClusterWatcher } from './watcher';
import type { ClusterSnapshot } from './types';

const next = (w: ClusterWatcher, pred: (s: ClusterSnapshot) => boolean) =>
  new Promise<{ s: ClusterSnapshot; off: () => void }>((resolve) => {
    const off: () => void = w.subscribe((s) => {
      if (pred(s)) resolve({ s, off: () => off() });
    });
  });

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('ClusterWatcher lifecycle', () => {
  it('starts with the first subscriber and stops after the idle delay', async () => {
    let resolves = 0;
    const target: Target = { ok: false, mode: 'live', files: [], code: 'not-kind', context: 'prod', reason: 'the current kubectl context "prod" is not a kind cluster', key: 'k' };
    const w = new ClusterWatcher({ pollMs: 20, idleStopMs: 60, resolve: async () => (resolves++, target) });
    expect(w.isRunning).toBe(false);
    const { s, off } = await next(w, (x) => !x.reachable);
    expect(s).toMatchObject({ reachable: false, errorCode: 'not-kind', context: 'prod', mode: 'live' });
    expect(w.isRunning).toBe(true);
    off();
    await new Promise((r) => setTimeout(r, 150));
    expect(w.isRunning).toBe(false);
    const after = resolves;
    await new Promise((r) => setTimeout(r, 60));
    expect(resolves).toBe(after);
  });

  it('says the cluster does not answer when nothing listens, and keeps retrying', async () => {
    const port = await freePort();
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'kind-x', server: `https://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'kind-x', token: 't' }],
      contexts: [{ name: 'kind-x', cluster: 'kind-x', user: 'kind-x' }],
      currentContext: 'kind-x',
    });
    const w = new ClusterWatcher({ pollMs: 50, backoffMinMs: 30, backoffMaxMs: 60, resolve: async () => ({ ok: true, mode: 'live', files: [], context: 'kind-x', kc, key: 'x' }) });
    const { s, off } = await next(w, (x) => !x.reachable);
    expect(s.errorCode).toBe('unreachable');
    expect(s.error).toMatch(/^the cluster does not answer: .*ECONNREFUSED/);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.stats.connects).toBeGreaterThan(2);
    off();
    w.stop();
  });
});
