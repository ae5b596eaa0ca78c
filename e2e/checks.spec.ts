import { expect, test, type Page } from '@playwright/test';
import { expectIdle, openLesson, openWithToken, typeCommand } from './helpers';

// Step checks follow the simulated cluster live: no button to press. The sim state is shared by the
// e2e server, so the test starts by deleting any "test" cluster another spec left behind.

const step = (page: Page, name: RegExp) => page.getByTestId('step-list').getByRole('button', { name }).click();
const runButton = (page: Page, command: string) => page.getByRole('button', { name: `Run in the terminal: ${command}`, exact: true });

test('lesson 1 checks turn green as the cluster changes, and the progress is kept and reset', async ({ page }) => {
  test.setTimeout(180_000);
  await openLesson(page, '?lang=en');
  await typeCommand(page, 'kind delete cluster --name test');
  await expectIdle(page);

  await step(page, /Create the cluster/);
  const nodesCheck = page.getByTestId('check-four-nodes-not-ready');
  await expect(page.getByTestId('step-checks')).toContainText('Four nodes exist and none is Ready');
  // No cluster yet: the check cannot say pass or fail, and says why.
  await expect(nodesCheck).toHaveAttribute('data-state', 'unknown', { timeout: 30_000 });
  await expect(nodesCheck.getByTestId('check-details')).toContainText('cluster test: exists — expected yes');

  await runButton(page, 'kind create cluster --config kind-1m3w-nocni.yaml --name test').click();
  await expect(nodesCheck).toHaveAttribute('data-state', 'pass', { timeout: 90_000 });
  await expect(nodesCheck.getByTestId('check-details')).toHaveCount(0);
  await expectIdle(page, 90_000);

  await step(page, /Start an nginx pod/);
  const nginxCheck = page.getByTestId('check-nginx-unschedulable');
  await expect(nginxCheck).toHaveAttribute('data-state', 'fail', { timeout: 30_000 });
  await expect(nginxCheck.getByTestId('check-details')).toHaveText('pod default/nginx: exists — expected yes, seen no');
  await runButton(page, 'kubectl run nginx --image=nginx').click();
  await expect(nginxCheck).toHaveAttribute('data-state', 'pass', { timeout: 60_000 });
  await expect(nginxCheck.getByRole('listitem')).toHaveCount(0);
  // Screen readers hear the state through the polite live region.
  await expect(page.getByTestId('step-checks').locator('[aria-live="polite"]')).toContainText('Check "nginx exists but no node will take it": passed');

  // Reload: the first pass of each check is stored for this lesson.
  await page.reload();
  await expect(nginxCheck).toHaveAttribute('data-state', 'pass', { timeout: 30_000 });
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('cnilab:checks:kind-without-cni') ?? '{}'));
  expect(Object.keys(stored).sort()).toEqual(['create-cluster/four-nodes-not-ready', 'run-nginx/nginx-unschedulable']);

  // The state goes away, the record stays: the check says when it was reached.
  await typeCommand(page, 'kubectl delete pod nginx');
  await expect(nginxCheck).toHaveAttribute('data-state', 'fail', { timeout: 60_000 });
  await expect(nginxCheck.getByTestId('check-passed-at')).toContainText(/reached at \d\d:\d\d/);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('cnilab:checks:kind-without-cni'))).toBeNull();
  await step(page, /Start an nginx pod/);
  await expect(nginxCheck).toHaveAttribute('data-state', 'fail');
  await expect(nginxCheck.getByTestId('check-passed-at')).toHaveCount(0);
});

// The rendering of a failing check, from a fixed snapshot on the stream contract (event `snapshot`),
// in both languages: every difference on its own line, expected versus seen.
const notReady = (name: string) => ({
  name,
  uid: name,
  ready: 'False',
  readyReason: 'KubeletNotReady',
  readyMessage: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
  conditions: [],
  taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
  roles: [],
  unschedulable: false,
  cni: { state: 'missing' },
});
const FIXED = {
  reachable: true,
  mode: 'sim',
  context: 'kind-test',
  nodes: ['test-control-plane', 'test-worker', 'test-worker2', 'test-worker3'].map(notReady),
  pods: [],
  events: [],
  namespaces: [],
  revision: 1,
  at: 1,
};

test('a failing check lists what differs, in English and Japanese', async ({ page }) => {
  await page.route('**/api/cluster/stream', (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: `event: snapshot\ndata: ${JSON.stringify(FIXED)}\n\n` }),
  );
  await openWithToken(page, '/lessons/fix-with-a-cni?lang=en');
  await step(page, /Watch the nodes turn Ready/);
  const ready = page.getByTestId('check-all-nodes-ready');
  await expect(ready).toHaveAttribute('data-state', 'fail');
  const lines = ready.getByTestId('check-details').getByRole('listitem');
  await expect(lines.filter({ hasText: 'Ready — expected True, seen False (KubeletNotReady)' })).toHaveCount(4);
  await expect(lines.first()).toHaveText('node test-control-plane: Ready — expected True, seen False (KubeletNotReady)');
  await expect(page.getByTestId('check-not-ready-taint-gone').getByTestId('check-details')).toContainText(
    'node test-worker: taints — expected none, seen node.kubernetes.io/not-ready:NoSchedule',
  );
  await expect(page.getByTestId('check-coredns-running').getByTestId('check-details')).toContainText(
    'pods kube-system k8s-app=kube-dns: count with phase Running — expected 2, seen 0 (no pods)',
  );
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(ready.getByTestId('check-details').getByRole('listitem').first()).toHaveText('node test-control-plane: Ready — 期待 True、実際 False (KubeletNotReady)');
  await expect(ready.getByTestId('check-state')).toHaveText('まだ');
});
