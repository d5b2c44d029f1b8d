// Screenshots of the main screens (light, dark, phone) into docs/screenshots, to review the
// design by eye. They double as a smoke test of each screen.
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  expect,
  lastReply,
  newUser,
  phone,
  send,
  signIn,
  test,
  trpcMutation,
} from './support/fixtures';
import { SHOWCASE_PROMPT } from './support/ports';

const DIR = path.resolve(import.meta.dirname, '../../../docs/screenshots');

async function seedChats(page: Page): Promise<void> {
  for (const title of [
    'Quarterly report outline',
    'Recipe ideas for Sunday',
    'Explain vector databases',
    'Trip to Florianópolis',
    'Fix flaky CI job',
  ]) {
    await trpcMutation(page, 'chat.create', { title });
  }
}

async function openShowcaseChat(page: Page): Promise<void> {
  await page.goto('/');
  await send(page, SHOWCASE_PROMPT);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('New chat');
  await page.mouse.move(0, 0);
}

test.describe('screenshots', () => {
  test.use({ viewport: { width: 1360, height: 860 } });

  test('light', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Welcome to Zatten' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/sign-in-light.png` });

    await signIn(page, newUser('Ana Souza'));
    await seedChats(page);
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Fix flaky CI job' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/dashboard-light.png` });

    await openShowcaseChat(page);
    await page.screenshot({ path: `${DIR}/chat-light.png` });
  });

  test.describe('dark', () => {
    test.use({ colorScheme: 'dark' });

    test('dark', async ({ page }) => {
      await signIn(page, newUser('Ana Souza'));
      await seedChats(page);
      await page.goto('/');
      await expect(page.getByRole('link', { name: 'Fix flaky CI job' })).toBeVisible();
      await page.screenshot({ path: `${DIR}/dashboard-dark.png` });
      await openShowcaseChat(page);
      await page.screenshot({ path: `${DIR}/chat-dark.png` });
    });
  });
});

test.describe('phone screenshots', () => {
  test.use({ ...phone, locale: 'pt-BR' });

  test('phone', async ({ page }) => {
    await signIn(page, newUser('Ana Souza'));
    await seedChats(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Como posso ajudar, Ana?' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/phone-dashboard.png` });
    await page.getByRole('button', { name: 'Abrir barra lateral' }).click();
    await expect(
      page.getByRole('dialog').getByRole('link', { name: 'Fix flaky CI job' }),
    ).toBeVisible();
    await page.screenshot({ path: `${DIR}/phone-sidebar.png` });
    await page.keyboard.press('Escape');
    await send(page, SHOWCASE_PROMPT);
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await page.screenshot({ path: `${DIR}/phone-chat.png` });
  });
});
