// Screenshots for reviewing the layout (written to .state/screens/, which Playwright does not wipe). They assert only that the
// three panes are laid out side by side and that nothing overflows horizontally.
import { expect, test } from '@playwright/test';
import { openLesson, typeCommand, expectTerminal } from './helpers';

for (const theme of ['light', 'dark'] as const) {
  for (const width of [1280, 1024]) {
    test(`lesson page layout, ${theme}, ${width}px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: theme });
      await openLesson(page, '?lang=en');
      await page.getByTestId('step-list').getByRole('button').nth(2).click();
      await typeCommand(page, 'kubectl version --client');
      await expectTerminal(page, /\[exit 0/);
      const nav = await page.locator('nav[aria-label="Steps"]').boundingBox();
      const main = await page.locator('#lesson-main').boundingBox();
      const term = await page.locator('section[aria-label="Terminal"]').boundingBox();
      expect(nav && main && term).toBeTruthy();
      expect(nav!.x + nav!.width).toBeLessThanOrEqual(main!.x + 1);
      expect(main!.x + main!.width).toBeLessThanOrEqual(term!.x + 1);
      expect(main!.width).toBeGreaterThan(330);
      expect(term!.width).toBeGreaterThan(330);
      expect(term!.height).toBeGreaterThan(350);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `.state/screens/lesson-${theme}-${width}.png` });
    });
  }
}

test('home page screenshot', async ({ page }) => {
  await openLesson(page, '?lang=ja');
  await page.goto('/?lang=ja');
  await expect(page.getByTestId('doctor-panel')).toBeVisible();
  await page.screenshot({ path: '.state/screens/home-ja.png', fullPage: true });
});
