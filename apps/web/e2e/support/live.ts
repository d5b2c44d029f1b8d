// Helpers for tests of live updates: more browsers of one person (each its own context, as
// another window or device would be), and waiting until a page's live updates are connected.
import type { Browser, Page } from '@playwright/test';
import { expect, signIn, type TestUser } from './fixtures';

/** A new browser context signed in as `user`, with one page open at `path`, updates connected. */
export async function openAs(browser: Browser, user: TestUser, path = '/'): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  await page.goto(path);
  await expectLive(page);
  return page;
}

/** Waits until the page receives live updates (the connection banner's `data-live`). */
export async function expectLive(page: Page): Promise<void> {
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'live');
}

export function chatList(page: Page) {
  return page.getByRole('navigation', { name: 'Your chats' });
}

/** The id of the chat the page shows (`/c/<id>`). */
export function openChatId(page: Page): string {
  const id = new URL(page.url()).pathname.match(/^\/c\/([0-9a-f-]{36})$/)?.[1];
  if (!id) throw new Error(`not on a chat page: ${page.url()}`);
  return id;
}
