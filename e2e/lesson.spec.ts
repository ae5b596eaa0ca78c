import { expect, test } from '@playwright/test';
import { LESSON1, openLesson, openWithToken } from './helpers';

test('the index lists the lessons and opens lesson 1', async ({ page }) => {
  await openWithToken(page, '/?lang=en');
  // The token is traded for a cookie and removed from the address bar.
  expect(page.url()).not.toContain('k=');
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await page.getByTestId('lesson-kind-without-cni').click();
  await expect(page).toHaveURL(/\/lessons\/kind-without-cni/);
  await expect(page.getByTestId('step-title')).toHaveText('What kind is');
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 1 of \d+$/);
});

test('lesson 1 shows steps, commands with notes, and says the cluster is simulated', async ({ page }) => {
  await openLesson(page, '?lang=en');
  const steps = page.getByTestId('step-list').getByRole('button');
  expect(await steps.count()).toBeGreaterThan(5);
  await expect(steps.first()).toHaveAttribute('aria-current', 'step');
  await expect(page.getByRole('button', { name: 'Run in the terminal: kind version' })).toBeVisible();
  await expect(page.getByTestId('mode-badge')).toHaveText('Simulated cluster (no Docker needed)');
  await expect(page.getByTestId('mode-notice')).toContainText('simulated');
  // Lesson Markdown rendered (not raw): the body of step 1 has paragraphs, and no literal "##".
  await expect(page.locator('#lesson-main .lesson-md p').first()).toBeVisible();
  await expect(page.locator('#lesson-main .lesson-md')).not.toContainText('## ');
  // A command that is meant to fail says so; live-only commands are disabled on the simulator.
  await page.getByTestId('step-list').getByRole('button', { name: /Start an nginx pod/ }).click();
  await expect(page.getByTestId('command-run-with-generator').getByTestId('expect-failure')).toHaveText('expected to fail');
  await expect(page.getByTestId('command-run').getByTestId('expect-failure')).toHaveCount(0);
  await page.getByTestId('step-list').getByRole('button', { name: /Create the cluster/ }).click();
  await expect(page.getByRole('button', { name: 'Run in the terminal: docker ps' })).toBeDisabled();
  await expect(page.getByTestId('command-node-containers')).toContainText('Live mode only');
});

test('switching language keeps the current step; the choice sticks in a cookie', async ({ page }) => {
  await openLesson(page, '?lang=en');
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page.getByTestId('step-title')).toHaveText('The cluster config');
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 3 of /);

  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page).toHaveURL(/lang=ja/);
  await expect(page.getByTestId('step-title')).toHaveText('クラスタの設定ファイル');
  await expect(page.getByTestId('step-position')).toHaveText(/^ステップ 3 \/ /);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('button', { name: '次へ →' })).toBeVisible();
  await expect(page.getByTestId('mode-badge')).toHaveText('シミュレーションのクラスタ (Docker 不要)');

  // Without ?lang the cookie decides.
  await page.goto(LESSON1);
  await expect(page.getByTestId('step-title')).toHaveText('クラスタの設定ファイル');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('step-title')).toHaveText('The cluster config');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('progress survives a reload and can be reset', async ({ page }) => {
  await openLesson(page, '?lang=en');
  await page.getByTestId('step-list').getByRole('button').nth(3).click();
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 4 of /);
  await page.reload();
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 4 of /);
  await page.goto('/?lang=en');
  await expect(page.getByTestId('lesson-kind-without-cni')).toContainText('Continue at step 4');
  await page.getByTestId('lesson-kind-without-cni').click();
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 4 of /);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 1 of /);
});

test('the lesson file can be viewed and edited with kind validation', async ({ page }) => {
  await openLesson(page, '?lang=en');
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  const card = page.getByTestId('file-kind-1m3w-nocni.yaml');
  await expect(card.locator('pre')).toContainText('disableDefaultCNI: true');
  await expect(card.getByRole('link', { name: 'Download' })).toHaveAttribute('download', 'kind-1m3w-nocni.yaml');
  await card.getByRole('button', { name: 'Edit' }).click();
  const editor = card.getByRole('textbox', { name: 'Edit kind-1m3w-nocni.yaml' });
  await expect(card.getByTestId('file-check')).toContainText('No problems found.');
  const text = await editor.inputValue();
  await editor.fill(text.replace('- role: worker', '- role: master'));
  await expect(card.getByTestId('file-check')).toContainText('"master" is not a valid node role');
  await expect(card.getByRole('button', { name: 'Save my copy' })).toBeDisabled();
  await card.getByRole('button', { name: 'Back to the lesson version' }).click();
  await expect(card.getByTestId('file-check')).toContainText('No problems found.');

  // Save a valid edit as the learner's copy, then discard it again.
  await editor.fill(`# my copy\n${text}`);
  await expect(card.getByTestId('file-check')).toContainText('No problems found.');
  await card.getByRole('button', { name: 'Save my copy' }).click();
  await expect(card.getByRole('status')).toContainText('Saved. Commands that name kind-1m3w-nocni.yaml now use your copy.');
  await expect(card.getByText('your edited copy')).toBeVisible();
  const served = await page.evaluate(() => fetch('/api/lessons/kind-without-cni/files/kind-1m3w-nocni.yaml').then((r) => r.text()));
  expect(served.startsWith('# my copy')).toBe(true);
  await card.getByRole('button', { name: 'Back to the lesson version' }).click();
  await expect(card.getByText('your edited copy')).toHaveCount(0);
  const restored = await page.evaluate(() => fetch('/api/lessons/kind-without-cni/files/kind-1m3w-nocni.yaml').then((r) => r.text()));
  expect(restored).toBe(text);
});

test('without the token the page says how to connect and commands are disabled', async ({ page }) => {
  await page.goto(`${LESSON1}?lang=en`);
  await expect(page.getByTestId('auth-banner')).toContainText('Open the link that `npm start` printed');
  await expect(page.getByTestId('prompt-input')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Run in the terminal: kind version' })).toBeDisabled();
});

test('an unknown lesson is a 404', async ({ page }) => {
  const res = await page.goto('/lessons/no-such-lesson');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});

test.describe('with a Japanese browser', () => {
  test.use({ locale: 'ja-JP' });
  test('Accept-Language picks Japanese when there is no ?lang and no cookie', async ({ page }) => {
    await openWithToken(page, '/');
    await expect(page.getByRole('heading', { level: 1, name: 'レッスン' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  });
});
