// Screenshots of the main screens (light, dark, phone) into docs/screenshots, to review the
// design by eye. They double as a smoke test of each screen.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { backdateChat, seedConversation } from './support/database';
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

  test('a long chat read from the middle', async ({ page }) => {
    await signIn(page, newUser('Ana Souza'));
    await seedChats(page);
    const now = new Date();
    for (const [title, back] of [
      ['Notes from the September offsite', 2],
      ['Tax questions', 3],
    ] as const) {
      const old = await trpcMutation<{ id: string }>(page, 'chat.create', { title });
      await backdateChat(old.id, new Date(now.getFullYear(), now.getMonth() - back, 12));
    }
    const chat = await trpcMutation<{ id: string; user_id: string }>(page, 'chat.create', {
      title: 'A very long conversation about planning the product launch for next quarter',
    });
    await seedConversation(chat, 30, (index) =>
      [
        `**Step ${index + 1}.** Here is what to do next, with the reasons behind it.`,
        '',
        '- Check what the last step produced.',
        '- Write down what changed, and why.',
      ].join('\n'),
    );
    await page.goto(`/c/${chat.id}`);
    await expect(page.getByTestId('assistant-message').last()).toContainText('Step 30.', {
      timeout: 30_000,
    });
    await page.getByTestId('conversation-scroller').hover();
    await page.mouse.wheel(0, -900);
    await expect(page.getByTestId('jump-to-latest')).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${DIR}/chat-scrolled-light.png` });
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
