import { expect, test, type Page } from '@playwright/test';
import { expectIdle, openLesson, openWithToken, typeCommand } from './helpers';

// The cluster X-ray panel follows the simulated cluster live: no cluster → banner; kind create → four
// NotReady nodes and Pending pods with the taints that keep them off; kindnet → Ready and Running.
// The sim state is shared by the e2e server, so the test first deletes any "test" cluster left behind.

const step = (page: Page, name: RegExp) => page.getByTestId('step-list').getByRole('button', { name }).click();
const runButton = (page: Page, command: string) => page.getByRole('button', { name: `Run in the terminal: ${command}`, exact: true });
// Screenshots go to the test's output folder, or to XRAY_SHOTS_DIR to keep them past the next run.
const shot = (name: string) => (process.env.XRAY_SHOTS_DIR ? `${process.env.XRAY_SHOTS_DIR}/${name}` : test.info().outputPath(name));
const NR = 'node.kubernetes.io/not-ready:NoSchedule';
const CP = 'node-role.kubernetes.io/control-plane:NoSchedule';

test('the X-ray panel shows the no-CNI cluster, why pods stay Pending, and the recovery with kindnet', async ({ page }) => {
  test.setTimeout(240_000);
  await openLesson(page, '?lang=en');
  const panel = page.getByTestId('xray-panel');
  await typeCommand(page, 'kind delete cluster --name test');
  await expectIdle(page);
  await expect(panel.getByTestId('xray-banner')).toHaveAttribute('data-code', 'no-cluster', { timeout: 15_000 });
  await expect(panel.getByTestId('xray-banner')).toContainText('No kind cluster yet');
  await expect(panel.getByTestId('xray-mode')).toHaveText('Simulated cluster');
  await page.screenshot({ path: shot('xray-1-no-cluster.png') });

  await step(page, /Create the cluster/);
  await runButton(page, 'kind create cluster --config kind-1m3w-nocni.yaml --name test').click();
  const nodes = panel.getByTestId('xray-node');
  await expect(nodes).toHaveCount(4, { timeout: 90_000 });
  await expectIdle(page, 90_000);
  await expect(panel.getByTestId('xray-banner')).toHaveCount(0);
  for (const n of await nodes.all()) {
    await expect(n).toHaveAttribute('data-ready', 'False');
    await expect(n.getByTestId('xray-ready')).toHaveText('NotReady KubeletNotReady');
    await expect(n).toContainText('cni plugin not initialized');
    await expect(n.getByTestId('xray-cni')).toHaveText('no CNI config');
  }
  const cp = panel.locator('[data-testid="xray-node"][data-node="test-control-plane"]');
  await expect(cp.getByTestId('xray-taint')).toHaveText([CP, NR]);
  await expect(cp.locator('[data-pod="kube-system/etcd-test-control-plane"]')).toHaveAttribute('data-status', 'Running');
  await expect(cp.locator('[data-pod="kube-system/etcd-test-control-plane"]')).toContainText('static — run by the kubelet, never scheduled');

  await step(page, /Start an nginx pod/);
  await runButton(page, 'kubectl run nginx --image=nginx').click();
  const nginx = panel.locator('[data-testid="xray-pending-pod"][data-pod="default/nginx"]');
  await expect(nginx).toBeVisible({ timeout: 30_000 });
  await expect(nginx).toContainText('Pending');
  await expect(nginx).toContainText('0/4 nodes are available');
  await expect(nginx.locator('[data-node="test-control-plane"]')).toHaveAttribute('data-taint', CP);
  await expect(nginx.locator('[data-node="test-worker"]')).toHaveText(`test-worker: ${NR} — not tolerated`);
  const pending = panel.getByTestId('xray-pending-pod');
  await expect(pending).toHaveCount(4);
  const coredns = pending.filter({ hasText: 'kube-system/coredns-' }).first();
  await expect(coredns.locator('[data-node="test-control-plane"]')).toHaveAttribute('data-taint', NR);
  await panel.getByRole('heading', { name: /Recent events/ }).click();
  await expect(panel.locator('[data-testid="xray-event"][data-reason="FailedScheduling"]').first()).toBeVisible();
  await page.screenshot({ path: shot('xray-2-no-cni.png') });
  // The panel scrolls beside the terminal; capture its top (the NotReady node cards) too.
  await panel.evaluate((el) => el.parentElement?.scrollTo(0, 0));
  await panel.screenshot({ path: shot('xray-2-panel.png') });

  // Lesson 2: still NotReady on arrival; apply kindnet and the panel recovers live.
  await openWithToken(page, '/lessons/fix-with-a-cni?lang=en');
  await expect(page.getByTestId('prompt-input')).toBeEnabled();
  await expect(panel.locator('[data-testid="xray-node"][data-ready="False"]')).toHaveCount(4, { timeout: 15_000 });
  await step(page, /Choice A: kindnet/);
  await runButton(page, 'kubectl apply -f kindnet.yaml').click();
  await expect(panel.locator('[data-testid="xray-node"][data-ready="True"]')).toHaveCount(4, { timeout: 60_000 });
  await expect(panel.getByTestId('xray-pending-pod')).toHaveCount(0, { timeout: 30_000 });
  await expect(panel.getByText('Every pod has a node.')).toBeVisible();
  await expect(panel.locator('[data-pod="default/nginx"]')).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  for (const n of await panel.getByTestId('xray-node').all()) {
    await expect(n.getByTestId('xray-cni')).toHaveText('network ready (kindnet)');
    await expect(n.getByTestId('xray-taint').filter({ hasText: NR })).toHaveCount(0);
  }
  await expect(panel.getByTestId('xray-summary')).toContainText('4/4 nodes Ready');
  await page.screenshot({ path: shot('xray-3-kindnet.png'), fullPage: true });
  await panel.screenshot({ path: shot('xray-3-panel.png') });
});

test('the panel speaks Japanese too', async ({ page }) => {
  await openLesson(page, '?lang=ja');
  const panel = page.getByTestId('xray-panel');
  await expect(panel.getByRole('heading', { name: 'クラスタ X 線' })).toBeVisible();
  await expect(panel.getByTestId('xray-mode')).toHaveText('シミュレーションのクラスタ');
  await expect(panel.getByTestId('xray-summary')).toContainText('Ready のノード 4/4');
  await panel.screenshot({ path: shot('xray-4-ja.png') });
});
