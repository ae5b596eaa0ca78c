import { expect, test, type Page } from '@playwright/test';
import { explain, matchLine } from '../lib/annotations';
import { expectIdle, expectTerminal, openLesson, typeCommand } from './helpers';

// Failure annotations: the lines a lesson is about to fail on get tagged in the terminal and in the
// accessible mirror, and open an explanation beside the terminal (keyboard, Related chain, language
// switch, Escape). Sim mode; the sim state is shared by the e2e server, so the cluster is made afresh.

const step = (page: Page, name: RegExp) => page.getByTestId('step-list').getByRole('button', { name }).click();
const runButton = (page: Page, command: string) => page.getByRole('button', { name: `Run in the terminal: ${command}`, exact: true });
const shot = (name: string) => (process.env.ANN_SHOTS_DIR ? `${process.env.ANN_SHOTS_DIR}/${name}` : test.info().outputPath(name));

/** Mirror lines (one per terminal line, pieces of a line joined) with the topic they are tagged with. */
async function mirrorLines(page: Page) {
  const pieces = await page.getByTestId('terminal-text').evaluate((pre) =>
    [...pre.querySelectorAll('span[data-seq] > span')].map((s) => [s.textContent ?? '', (s as HTMLElement).dataset.topic ?? ''] as [string, string]),
  );
  const lines: Array<{ text: string; topic: string }> = [];
  let cur = { text: '', topic: '' };
  for (const [text, topic] of pieces) {
    cur.text += text;
    cur.topic ||= topic;
    if (text.endsWith('\n')) {
      lines.push({ text: cur.text.slice(0, -1), topic: cur.topic });
      cur = { text: '', topic: '' };
    }
  }
  if (cur.text) lines.push(cur);
  return lines;
}

test('failure lines are tagged and explained beside the terminal, by keyboard, in both languages', async ({ page }) => {
  test.setTimeout(240_000);
  await openLesson(page, '?lang=en');
  await page.getByRole('button', { name: 'Clear terminal' }).click();
  await typeCommand(page, 'kind delete cluster --name test');
  await expectIdle(page);
  await step(page, /Create the cluster/);
  await runButton(page, 'kind create cluster --config kind-1m3w-nocni.yaml --name test').click();
  await expectIdle(page, 120_000);

  await typeCommand(page, 'kubectl describe node test-control-plane');
  await expectIdle(page);
  await expectTerminal(page, 'KubeletNotReady');
  await typeCommand(page, 'kubectl run nginx --image=nginx --generator=run-pod/v1');
  await expectIdle(page);
  await expectTerminal(page, /[Ee]rror: unknown flag: --generator/);

  // The mirror: the Ready condition line and the error line are tagged, as buttons with a label.
  const mirror = page.getByTestId('terminal-text');
  const ready = mirror.locator('span[data-topic]', { hasText: 'KubeletNotReady' }).first();
  await expect(ready).toHaveAttribute('data-topic', /^(network-plugin-not-ready|node-not-ready)$/);
  await expect(ready).toContainText(/^\s+Ready\s+False/);
  await expect(ready).toHaveAttribute('role', 'button');
  await expect(ready).toHaveAttribute('aria-label', /^Explain: /);
  const gen = mirror.locator('span[data-topic="unknown-flag-generator"]');
  await expect(gen).toHaveText(/^[Ee]rror: unknown flag: --generator\n$/);
  await expect(gen).toHaveAttribute('aria-label', `Explain: ${explain('unknown-flag-generator', 'en')!.title}`);

  // Exactly the lines the catalogue recognises are tagged: no healthy line, none missed.
  const lines = await mirrorLines(page);
  expect(lines.length).toBeGreaterThan(30);
  for (const l of lines) {
    const topics = matchLine(l.text);
    if (l.topic) expect(topics, l.text).toContain(l.topic);
    else expect(topics, l.text).toEqual([]);
  }
  expect(lines.find((l) => l.text.startsWith('Name:'))?.topic).toBe('');
  // The xterm badge of the last tagged line is on screen; the announcement was debounced into one.
  const badge = page.locator('.xterm .ann-badge').last();
  await expect(badge).toBeVisible();
  // At the right end of the row, clear of the text at its start.
  const host = (await page.getByTestId('xterm-host').boundingBox())!;
  expect((await badge.boundingBox())!.x).toBeGreaterThan(host.x + host.width * 0.8);
  await expect(page.getByTestId('annotation-announcer')).toHaveText(/explanations? available/, { timeout: 5_000 });

  // The terminal keeps most of the height at 1280×800.
  const term = await page.getByRole('region', { name: 'Terminal', exact: true }).boundingBox();
  expect(term!.height).toBeGreaterThanOrEqual(0.55 * 800);
  await page.screenshot({ path: shot('ann-1-tagged.png') });

  // Clicking the badge in the terminal opens the explanation of that line.
  await page.locator('.xterm .ann-badge').last().click();
  const panel = page.getByTestId('explanation-panel');
  await expect(panel).toHaveAttribute('data-topic', 'unknown-flag-generator');
  await expect(panel.getByTestId('explanation-quote')).toHaveText(/^[Ee]rror: unknown flag: --generator$/);
  await panel.getByTestId('explanation-close').click();
  await expect(panel).toHaveCount(0);

  // Keyboard only: the Explanations tab, its list, Alt+↓ to the node entry, Enter.
  const tab = page.getByRole('tab', { name: /^Explanations \(\d+\)$/ });
  await tab.focus();
  await page.keyboard.press('Enter');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Tab');
  const list = page.getByTestId('annotation-list');
  await expect(list.locator('button').first()).toBeFocused();
  for (let i = 0; i < 10; i++) {
    if ((await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.topic)) === 'node-not-ready') break;
    await page.keyboard.press('Alt+ArrowDown');
  }
  await expect(list.locator('button[data-topic="node-not-ready"]').first()).toBeFocused();
  await page.keyboard.press('Enter');
  const node = explain('node-not-ready', 'en')!;
  await expect(panel).toHaveAttribute('data-topic', 'node-not-ready');
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText(node.title);
  await expect(panel.getByRole('heading', { level: 3 })).toBeFocused();
  for (const h of ['What it means', 'Why here', 'What to do']) await expect(panel.getByText(h, { exact: true })).toBeVisible();
  await expect(panel.getByTestId('explanation-quote')).toContainText('KubeletNotReady');
  const links = panel.getByTestId('explanation-sources').getByRole('link');
  await expect(links).toHaveCount(node.sources.length);
  await expect(links.first()).toHaveAttribute('href', node.sources[0].url);
  await expect(links.first()).toHaveAttribute('target', '_blank');
  await expect(links.first()).toHaveAttribute('rel', 'noopener noreferrer');
  await page.screenshot({ path: shot('ann-2-explained.png') });

  // Related chains on: NotReady node → runtime network message, with Back.
  const related = panel.getByTestId('explanation-related').locator('button[data-topic="network-plugin-not-ready"]');
  await related.focus();
  await page.keyboard.press('Enter');
  const net = explain('network-plugin-not-ready', 'en')!;
  await expect(panel).toHaveAttribute('data-topic', 'network-plugin-not-ready');
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText(net.title);
  await expect(panel.getByTestId('explanation-back')).toBeVisible();

  // 日本語: the open explanation is shown again in Japanese.
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page).toHaveURL(/lang=ja/);
  const ja = explain('network-plugin-not-ready', 'ja')!;
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText(ja.title);
  await expect(panel.getByText(ja.means)).toBeVisible();
  await expect(panel.getByText('何が起きているか', { exact: true })).toBeVisible();
  await page.screenshot({ path: shot('ann-3-japanese.png') });
  await panel.getByTestId('explanation-back').click();
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText(explain('node-not-ready', 'ja')!.title);

  // Escape closes; focus returns to the list entry.
  await panel.getByRole('heading', { level: 3 }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(list.locator('button[data-topic="node-not-ready"]').first()).toBeFocused();
  await expect(mirror.locator('span[data-topic="unknown-flag-generator"]')).toHaveAttribute(
    'aria-label',
    `解説を見る: ${explain('unknown-flag-generator', 'ja')!.title}`,
  );
});

test('a reload restores the tags once, not twice', async ({ page }) => {
  await openLesson(page, '?lang=en');
  await page.getByRole('button', { name: 'Clear terminal' }).click();
  await typeCommand(page, 'kubectl run nginx --image=nginx --generator=run-pod/v1');
  await expectIdle(page);
  const gen = page.getByTestId('terminal-text').locator('span[data-topic="unknown-flag-generator"]');
  await expect(gen).toHaveCount(1);
  await page.reload();
  await expect(page.locator('.xterm-rows')).toBeVisible();
  await expectTerminal(page, /[Ee]rror: unknown flag: --generator/);
  await expect(gen).toHaveCount(1);
  await page.getByRole('tab', { name: /^Explanations/ }).click();
  await expect(page.getByTestId('annotation-list').locator('button[data-topic="unknown-flag-generator"]')).toHaveCount(1);
});
