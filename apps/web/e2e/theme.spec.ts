// The colour theme: the system's by default and followed live, a choice in the user menu applied
// at once, remembered, in place before the first paint after a reload, and shared with the
// person's other tabs (the inline script in lib/theme.ts; no provider runs in React).
import type { Page } from '@playwright/test';
import { expect, newUser, signIn, test } from './support/fixtures';
import { expectLive } from './support/live';

async function chooseTheme(page: Page, name: 'Light' | 'Dark' | 'System') {
  await page.getByRole('button', { name: /Account and settings/ }).click();
  await page.getByRole('menuitemradio', { name }).click();
  await expect(page.getByRole('menu')).toBeHidden();
}

/**
 * The class list of <html> when the page's first content arrives (the first visible element of
 * <body>, which follows the inline theme script): before anything can paint in the wrong colours.
 */
async function classBeforeContent(page: Page, path: string): Promise<string> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      const first = document.body?.querySelector(':scope > :not(script):not([hidden])');
      if (!first) return;
      (window as { classBeforeContent?: string }).classBeforeContent =
        document.documentElement.className;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto(path);
  return page.evaluate(
    () => (window as { classBeforeContent?: string }).classBeforeContent ?? 'not recorded',
  );
}

test('the theme follows the system, then the choice made in the menu, in every tab', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await signIn(page, newUser('Teresa Moura'));
  const html = page.locator('html');
  expect(await classBeforeContent(page, '/')).toMatch(/\blight\b/);
  await expectLive(page);

  // No choice yet: the system's scheme, followed while the page is open.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(html).toHaveCSS('color-scheme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveClass(/\blight\b/);

  // A choice applies at once, wins over the system and is there before the first paint.
  await chooseTheme(page, 'Dark');
  await expect(html).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await classBeforeContent(page, '/')).toMatch(/\bdark\b/);
  await expectLive(page);
  await page.getByRole('button', { name: /Account and settings/ }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Dark' })).toBeChecked();
  await page.keyboard.press('Escape');

  // Another tab of the same browser takes a choice made here.
  const other = await page.context().newPage();
  await other.emulateMedia({ colorScheme: 'light' });
  await other.goto('/');
  await expect(other.locator('html')).toHaveClass(/\bdark\b/);
  await expectLive(other);
  await chooseTheme(other, 'Light');
  await expect(html).toHaveClass(/\blight\b/);

  // Back to the system's scheme.
  await chooseTheme(page, 'System');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(html).not.toHaveClass(/\blight\b/);
});
