import { expect, test } from '@playwright/test';
import { openLesson, openWithToken } from './helpers';

test('the doctor panel shows the tools and the simulated mode with its reason', async ({ page }) => {
  await openWithToken(page, '/?lang=en');
  const panel = page.getByTestId('doctor-panel');
  await expect(panel).toBeVisible();
  for (const tool of ['Docker CLI', 'Docker daemon', 'kind', 'kubectl']) {
    await expect(panel.getByRole('listitem').filter({ hasText: tool }).first()).toBeVisible();
  }
  await expect(panel.getByTestId('doctor-mode')).toHaveAttribute('data-mode', 'sim');
  await expect(panel.getByTestId('doctor-mode')).toContainText('Simulated cluster (no Docker needed)');
  await expect(panel.getByRole('radio', { name: 'Simulator' })).toBeAttached();
  await panel.getByRole('button', { name: 'Re-check' }).click();
  await expect(panel.getByRole('button', { name: 'Re-check' })).toBeEnabled();
  await expect(panel.getByTestId('doctor-mode')).toHaveAttribute('data-mode', 'sim');
});

test('the lesson page shows the mode next to the terminal', async ({ page }) => {
  await openLesson(page, '?lang=en');
  const summary = page.locator('aside details summary', { hasText: 'Your environment' });
  await expect(summary).toContainText('Simulated cluster');
  await summary.click();
  await expect(page.locator('aside').getByTestId('doctor-panel')).toBeVisible();
});
