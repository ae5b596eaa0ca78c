import { expect, type Page } from '@playwright/test';
import { E2E_TOKEN } from './env';

export const LESSON1 = '/lessons/kind-without-cni';

/** Opens a page with the launch token in the fragment, as the link printed by `npm start` does. */
export async function openWithToken(page: Page, path: string) {
  await page.goto(`${path}#k=${E2E_TOKEN}`);
  await expect(page.getByTestId('mode-badge')).toBeVisible();
}

export async function openLesson(page: Page, query = '') {
  await openWithToken(page, `${LESSON1}${query}`);
  await expect(page.getByTestId('prompt-input')).toBeEnabled();
  // The xterm leaf is loaded on the client only; wait until it has rendered.
  await expect(page.locator('.xterm-rows')).toBeVisible();
}

export const terminalText = (page: Page) => page.getByTestId('terminal-text').textContent().then((t) => t ?? '');

export async function typeCommand(page: Page, line: string) {
  const input = page.getByTestId('prompt-input');
  await input.fill(line);
  await input.press('Enter');
}

/** Waits until the terminal shows `needle` (plain text mirror of the xterm output). */
export async function expectTerminal(page: Page, needle: string | RegExp, timeout = 30_000) {
  await expect(page.getByTestId('terminal-text')).toContainText(needle, { timeout });
}

/** Waits until no job runs in this terminal. */
export async function expectIdle(page: Page, timeout = 60_000) {
  await expect(page.getByTestId('job-running')).toHaveCount(0, { timeout });
}

/** Job output spans in the mirror: [seq, kind, text]. */
export function outputSpans(page: Page) {
  return page.getByTestId('terminal-text').evaluate((pre) =>
    [...pre.querySelectorAll('span[data-seq]')]
      .filter((s) => s.getAttribute('data-kind') === 'out' || s.getAttribute('data-kind') === 'err')
      .map((s) => [Number(s.getAttribute('data-seq')), s.getAttribute('data-kind'), s.textContent ?? ''] as [number, string, string]),
  );
}
