// The colour theme: each colour is written once as light-dark(); the OS setting picks it unless the
// learner's toggle pinned <html data-theme>. Checked on computed colours, not on screenshots.
import { expect, test } from '@playwright/test';
import { openLesson } from './helpers';

const bodyColours = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const cs = getComputedStyle(document.body);
    return { bg: cs.backgroundColor, fg: cs.color, scheme: getComputedStyle(document.documentElement).colorScheme };
  });

const LIGHT = { bg: 'rgb(246, 248, 250)', fg: 'rgb(31, 35, 40)' };
const DARK = { bg: 'rgb(11, 15, 20)', fg: 'rgb(230, 237, 243)' };

test('follows the OS setting, and an explicit choice wins over it either way', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openLesson(page, '?lang=en');
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  expect(await bodyColours(page)).toMatchObject(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await bodyColours(page)).toMatchObject(LIGHT);

  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  expect(await bodyColours(page)).toMatchObject({ ...DARK, scheme: 'dark' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  expect(await bodyColours(page)).toMatchObject({ ...LIGHT, scheme: 'light' });
  // Other surfaces follow too (the terminal's background).
  const term = await page.locator('section[aria-label="Terminal"]').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(term).toBe('rgb(255, 255, 255)');
});
