// Shared test helpers: a fresh person per test (so tests never share chats and can run in
// parallel), signing in through the local sign-in endpoint, and the few page actions every
// chat test repeats.
import { randomUUID } from 'node:crypto';
import { test as base, devices, expect, type Page } from '@playwright/test';

export interface TestUser {
  name: string;
  email: string;
}

/** A phone (Pixel 7: 412×915, touch), without the browser choice so it can be used per group. */
const { defaultBrowserType: _browser, ...phoneDevice } = devices['Pixel 7'];
export const phone = phoneDevice;

export function newUser(name = 'Ana Souza'): TestUser {
  return { name, email: `e2e-${randomUUID().slice(0, 12)}@example.com` };
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  const response = await page.request.post('/api/auth/local', { data: user });
  expect(response.ok(), await response.text()).toBeTruthy();
}

/** Calls a tRPC mutation as the signed-in person (setting up data without the UI). */
export async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: input });
  expect(response.ok(), await response.text()).toBeTruthy();
  const body = (await response.json()) as { result: { data: T } };
  return body.result.data;
}

export function composer(page: Page) {
  return page.getByRole('textbox', { name: /^(Message|Mensagem)$/ });
}

export async function send(page: Page, text: string): Promise<void> {
  const field = composer(page);
  await field.fill(text);
  await field.press('Enter');
}

export function lastReply(page: Page) {
  return page.getByTestId('assistant-message').last();
}

export const test = base.extend<{ user: TestUser }>({
  user: async ({ page }, use) => {
    const user = newUser();
    await signIn(page, user);
    await use(user);
  },
});

export { expect };
