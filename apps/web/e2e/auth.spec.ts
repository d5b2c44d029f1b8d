// Signing in and out with the local sign-in (no Clerk configured).
import { expect, test } from '@playwright/test';
import { newUser } from './support/fixtures';

test.describe('local sign-in', () => {
  test('sends visitors to sign-in, signs in with a name and email, and signs out', async ({
    page,
  }) => {
    const user = newUser('Beatriz Lima');
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { name: 'Welcome to Zatten' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('for development on this machine only');

    await page.getByLabel('Name').fill(user.name);
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { name: 'How can I help, Beatriz?' })).toBeVisible();
    const account = page.getByRole('button', { name: /Account and settings/ });
    await expect(account).toContainText(user.name);
    await expect(account).toContainText(user.email);
    await expect(account).toContainText('BL');

    await account.click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('keeps what was typed before the page came alive, and only then signs in', async ({
    page,
  }) => {
    const user = newUser('Caio Prado');
    // The page's scripts held back: a slow connection, the form already on screen.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/_next/static/chunks/**/*.js', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto('/sign-in', { waitUntil: 'commit' });
    await page.getByLabel('Name').fill(user.name);
    await page.getByLabel('Email').fill(user.email);
    const submit = page.getByRole('button', { name: 'Continue' });
    // Until the script runs, Continue waits: a plain submit would put the email in the address.
    await expect(submit).toBeDisabled();

    release();
    await expect(submit).toBeEnabled();
    await expect(page.getByLabel('Name')).toHaveValue(user.name);
    await expect(page.getByLabel('Email')).toHaveValue(user.email);
    await submit.click();
    await expect(page.getByRole('heading', { name: 'How can I help, Caio?' })).toBeVisible();
    expect(page.url()).not.toContain('email');
  });

  test('tells a person whose session expired', async ({ page, context, baseURL }) => {
    await context.addCookies([
      { name: 'zatten_session', value: 'not-a-valid-token', url: baseURL },
    ]);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?expired=1$/);
    await expect(page.getByRole('status')).toContainText('Your session expired');
  });
});
