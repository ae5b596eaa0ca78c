import { expect, test } from '@playwright/test';
import { expectIdle, expectTerminal, openLesson, outputSpans, terminalText, typeCommand } from './helpers';
import { E2E_TOKEN } from './env';
import { stripAnsi } from '../lib/client/ansi';

test('a typed command streams its output into the terminal and ends with an exit line', async ({ page }) => {
  await openLesson(page, '?lang=en');
  await typeCommand(page, 'kubectl version --client');
  await expectTerminal(page, '$ kubectl version --client');
  await expectTerminal(page, /Client Version: v1\.\d+\.\d+/);
  await expectTerminal(page, /\[exit 0 · \d+\.\ds\]/);
  // The xterm screen shows the same text the mirror has.
  await expect(page.locator('.xterm-rows')).toContainText('Client Version');
  // Screen readers hear start and end.
  await expect(page.getByTestId('announcer')).toHaveText(/Finished: kubectl version --client, exit 0/);
  // ↑ recalls the command.
  await page.getByTestId('prompt-input').press('ArrowUp');
  await expect(page.getByTestId('prompt-input')).toHaveValue('kubectl version --client');
});

test('a step command button runs the command in the terminal', async ({ page }) => {
  await openLesson(page, '?lang=en');
  await page.getByRole('button', { name: 'Run in the terminal: kind get clusters' }).click();
  await expectTerminal(page, '$ kind get clusters');
  await expectTerminal(page, /\[(exit \d+|failed to start) · \d+\.\ds\]/);
});

test('a refused command shows the reason as the terminal’s own line and starts nothing', async ({ page }) => {
  await openLesson(page, '?lang=en');
  await typeCommand(page, 'rm -rf /');
  await expectTerminal(page, '$ rm -rf /');
  await expectTerminal(page, /Refused/);
  const text = await terminalText(page);
  expect(text).not.toMatch(/\[exit/);
  expect(await outputSpans(page)).toEqual([]);
  await expect(page.getByTestId('prompt-input')).toBeEnabled();
});

// These two need the simulated cluster: the first creates one (kind create cluster is emulated in sim
// mode and prints for several seconds), the second watches it; afterAll deletes it again.
const name = `e2e${Date.now().toString(36)}`;

test.describe.serial('with a cluster', () => {
  test.afterAll(async ({ request }) => {
    const auth = { Authorization: `Bearer ${E2E_TOKEN}` };
    const res = await request.post('/api/runs', { headers: auth, data: { command: `kind delete cluster --name ${name}` } });
    if (res.status() !== 201) return;
    const { jobId } = await res.json();
    const state = async () => {
      const jobs = (await (await request.get('/api/runs', { headers: auth })).json()) as Array<{ jobId: string; state: string }>;
      return jobs.find((j) => j.jobId === jobId)?.state;
    };
    await expect.poll(state, { timeout: 60_000 }).toBe('exited');
  });

  test('reloading mid-stream loses and repeats nothing', async ({ page }) => {
    await openLesson(page, '?lang=en');
    // kind create cluster takes several seconds and prints as it goes (emulated in sim mode).
    await typeCommand(page, `kind create cluster --config kind-1m3w-nocni.yaml --name ${name}`);
    await expect.poll(async () => (await outputSpans(page)).length, { timeout: 30_000 }).toBeGreaterThan(1);
    await expect(page.getByTestId('job-running')).toBeVisible(); // still running: the reload happens mid-stream
    await page.reload();
    await expect(page.getByTestId('job-running')).toBeVisible();
    await expectTerminal(page, /\[(exit \d+|cancelled|timed out)[^\]]*\]/, 120_000);

    const spans = await outputSpans(page);
    const seqs = spans.map(([s]) => s);
    expect(new Set(seqs).size).toBe(seqs.length); // nothing repeated
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs); // in order

    // Nothing lost: the terminal holds exactly the job's out/err events, read fresh from the server.
    const jobId = await page.evaluate(() => {
      const saved = JSON.parse(sessionStorage.getItem('cnilab:term:main') ?? 'null');
      return saved?.job?.jobId as string;
    });
    const server = await page.evaluate(
      (id) =>
        new Promise<Array<[number, string, string]>>((resolve, reject) => {
          const out: Array<[number, string, string]> = [];
          const es = new EventSource(`/api/runs/${id}/events`);
          const take = (type: string) => (e: MessageEvent) => out.push([Number(e.lastEventId.split(':')[1]), type, JSON.parse(e.data)]);
          es.addEventListener('out', take('out'));
          es.addEventListener('err', take('err'));
          es.addEventListener('exit', () => {
            es.close();
            resolve(out);
          });
          setTimeout(() => reject(new Error('no exit event')), 20_000);
        }),
      jobId,
    );
    expect(server.length).toBeGreaterThan(1);
    expect(spans).toEqual(server.map(([s, k, t]) => [s, k, stripAnsi(t)]));
  });

  test('a long-running command can be cancelled', async ({ page }) => {
    // `kubectl get pods -w` only ends when cancelled (or at the watch timeout), in sim and live mode alike;
    // it needs the cluster created above.
    await openLesson(page, '?lang=en');
    await typeCommand(page, 'kubectl get pods -w');
    await expect(page.getByTestId('job-running')).toBeVisible();
    await expect(page.getByTestId('job-running')).toContainText(/Running · \d+\.\ds/);
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectTerminal(page, /\[cancelled · \d+\.\ds\]/);
    await expectIdle(page);
  });
});
