// Server-renders the X-ray components from a snapshot of a real simulated no-CNI cluster (both languages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { SimCluster } from '@/lib/sim/cluster/cluster';
import { testCluster } from '@/lib/sim/cluster/testing/harness';
import { buildSnapshot } from '@/lib/cluster/snapshot';
import { createNginx, rawState } from '@/lib/cluster/testing/sim-raw';
import type { ClusterSnapshot } from '@/lib/cluster/types';
import { translator } from '@/lib/i18n/messages';
import { EventTimeline } from './EventTimeline';
import { NodeCard } from './NodeCard';
import { UnscheduledPods } from './UnscheduledPods';

let c: SimCluster;
let s: ClusterSnapshot;
beforeAll(async () => {
  c = await testCluster();
  createNginx(c);
  await c.settle();
  s = buildSnapshot(rawState(c), { mode: 'sim', context: 'kind-test', revision: 1 });
});
afterAll(() => c.stop());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('X-ray components', () => {
  it('renders a NotReady control-plane node with its taints, CNI state and static pods', () => {
    const t = translator('en');
    const node = s.nodes.find((n) => n.name === 'test-control-plane')!;
    const html = renderToStaticMarkup(createElement(NodeCard, { node, pods: s.pods.filter((p) => p.nodeName === node.name), t }));
    const out = text(html);
    expect(out).toContain('NotReady KubeletNotReady');
    expect(out).toContain('cni plugin not initialized');
    expect(out).toContain('node-role.kubernetes.io/control-plane:NoSchedule');
    expect(out).toContain('node.kubernetes.io/not-ready:NoSchedule');
    expect(out).toContain('Pod network: no CNI config');
    expect(out).toMatch(/kube-system\/ etcd-test-control-plane Running .*hostNetwork static — run by the kubelet, never scheduled/);
    expect(html).toContain('data-ready="False"');
  });

  it('explains each pending pod per node, in English and Japanese', () => {
    const pending = s.pods.filter((p) => !p.nodeName);
    const en = text(renderToStaticMarkup(createElement(UnscheduledPods, { pods: pending, nodes: s.nodes, events: s.events, t: translator('en') })));
    expect(en).toContain('default/ nginx Pending Unschedulable');
    expect(en).toContain('Scheduler: 0/4 nodes are available: 4 node(s) had untolerated taint(s).');
    expect(en).toContain('test-control-plane : node-role.kubernetes.io/control-plane:NoSchedule — not tolerated');
    expect(en).toContain('test-worker3 : node.kubernetes.io/not-ready:NoSchedule — not tolerated');
    const ja = text(renderToStaticMarkup(createElement(UnscheduledPods, { pods: pending, nodes: s.nodes, events: s.events, t: translator('ja') })));
    expect(ja).toContain('各ノードに置けない理由');
    expect(ja).toContain('node.kubernetes.io/not-ready:NoSchedule — 許容 (toleration) なし');
  });

  it('lists events newest first with counts', () => {
    const events = [{ ...s.events[0], count: 3 }, ...s.events.slice(1)];
    const out = text(renderToStaticMarkup(createElement(EventTimeline, { events, t: translator('en') })));
    expect(out).toContain('(x3)');
    expect(out).toContain('FailedScheduling pod/nginx');
  });
});
