// The assistants console, the API keys console and the admin overview in Chromium (as an admin
// named by ADMIN_EMAILS), the picker in an existing chat, and a person's usage page: keyboard
// reachable, in both languages, axe-clean, with screenshots for docs/screenshots.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, lastReply, send, signIn, test, trpcMutation } from './support/fixtures';

const DIR = path.resolve(import.meta.dirname, '../../../docs/screenshots');
const ADMIN = { name: 'Ada Admin', email: 'e2e-admin@example.com' };

async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    blocking.map(
      (v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, ADMIN);
  return page;
}

const unique = () => Math.random().toString(36).slice(2, 8);

test('an admin creates, edits, archives and restores an assistant, with its history', async ({
  browser,
}) => {
  const page = await adminPage(browser);
  const name = `Tutor ${unique()}`;
  await page.goto('/admin/assistants');
  await expect(page.getByRole('heading', { level: 1, name: 'Assistants' })).toBeVisible();
  await expectAccessible(page, 'assistants console');

  await page.getByRole('button', { name: 'New assistant' }).click();
  const dialog = page.getByRole('dialog');
  // Validation: nothing filled in names the fields to fix.
  await dialog.getByRole('button', { name: 'Create assistant' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Fix the fields marked above.');
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('combobox', { name: 'Model' }).fill('gpt-5');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Explains step by step');
  await dialog.getByRole('textbox', { name: 'Instructions' }).fill('You are a patient tutor.');
  await dialog
    .getByRole('textbox', { name: 'Starter prompts' })
    .fill('Explain fractions\nQuiz me on verbs');
  await dialog.getByRole('textbox', { name: 'Preview message' }).fill('Hello tutor');
  await dialog.getByRole('button', { name: 'Run preview' }).click();
  await expect(dialog.getByTestId('preview-reply')).not.toBeEmpty();
  await expectAccessible(page, 'assistant editor');
  await page.screenshot({ path: `${DIR}/admin-assistant-editor.png` });
  await dialog.getByRole('button', { name: 'Create assistant' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('gpt-5');
  await row.getByRole('button', { name: `Edit ${name}` }).click();
  await dialog.getByRole('combobox', { name: 'Model' }).fill('gpt-5-mini');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(row).toContainText('gpt-5-mini');

  await row.getByRole('button', { name: `Archive ${name}` }).click();
  await expect(row).toContainText('Archived');
  await row.getByRole('button', { name: `Restore ${name}` }).click();
  await expect(row).toContainText('Active');
  await page.screenshot({ path: `${DIR}/admin-assistants.png` });

  await row.getByRole('button', { name: `History of ${name}` }).click();
  const history = page.getByRole('list', { name: 'Changes, newest first' });
  const changes = history.locator(':scope > li');
  await expect(changes).toHaveCount(4);
  await expect(changes.nth(0)).toContainText('Restored');
  await expect(changes.nth(2)).toContainText('model: gpt-5 → gpt-5-mini');
  await expect(changes.nth(3)).toContainText(`Created by ${ADMIN.email}`);
  await page.keyboard.press('Escape');
});

test('an admin creates an API key, sees it once, and revokes it', async ({ browser }) => {
  const page = await adminPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = `CRM ${unique()}`;
  await page.goto('/admin/api-keys');
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('checkbox', { name: /chats:read/ }).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.getByTestId('new-api-key');
  await expect(secret).toHaveText(/^zk_[a-z0-9]{8}_/);
  await page.getByRole('button', { name: 'Copy key' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    await secret.textContent(),
  );

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('chats:create, chats:read');
  await expect(row).toContainText(ADMIN.email);
  await expectAccessible(page, 'api keys console');
  await page.screenshot({ path: `${DIR}/admin-api-keys.png` });

  // The key works against the REST API until it is revoked.
  const key = await secret.textContent();
  const before = await page.request.get('/api/v1/chats/00000000-0000-4000-8000-000000000000', {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(before.status()).toBe(404);
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(row).toContainText('Revoked');
  const after = await page.request.get('/api/v1/chats/00000000-0000-4000-8000-000000000000', {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(after.status()).toBe(401);
});

test('the admin overview shows health and people; usage exports CSV', async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto('/admin');
  await expect(page.getByText('Database: answering')).toBeVisible();
  await expect(page.getByText('AI provider: reachable')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search people' }).fill(ADMIN.email);
  await expect(page.getByRole('row').filter({ hasText: ADMIN.email })).toBeVisible();
  await expectAccessible(page, 'admin overview');
  await page.screenshot({ path: `${DIR}/admin-overview.png` });

  await page.getByRole('link', { name: 'Usage and budgets' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usage and budgets' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^zatten-usage-\d{4}-\d{2}\.csv$/);
  await expectAccessible(page, 'admin usage');
});

test('a person who is not an admin is told so', async ({ page, user: _user }) => {
  await page.goto('/admin/assistants');
  await expect(page.getByText('Only administrators can open the admin console.')).toBeVisible();
});

test('the picker switches the assistant of an existing chat, and the chat shows where', async ({
  page,
  browser,
  user: _user,
}) => {
  const admin = await adminPage(browser);
  const name = `Poet ${unique()}`;
  await trpcMutation(admin, 'admin.assistants.create', {
    name,
    description: 'Answers in verse',
    model: 'gpt-5',
    instructions: 'Answer in verse.',
    temperature: null,
    maxOutputTokens: null,
    starterPrompts: [],
    visibility: 'everyone',
    allowedUsers: [],
  });

  await page.goto('/');
  await send(page, 'Hello first');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(page).toHaveURL(/\/c\//);

  // Keyboard only: open the picker, choose the new assistant.
  const trigger = page.getByRole('button', { name: /^Assistant: Zatten/ });
  await trigger.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitemradio', { name: new RegExp(name) }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: new RegExp(`^Assistant: ${name}`) })).toBeVisible();

  await send(page, 'Hello second');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(page.getByText(`Switched to ${name}`)).toBeVisible();
  await expect(lastReply(page)).toHaveAccessibleName(new RegExp(name));
  await expectAccessible(page, 'chat after switching');
  await page.screenshot({ path: `${DIR}/chat-assistant-switch.png` });

  // After a reload the change is still shown where it happened.
  await page.reload();
  await expect(page.getByText(`Switched to ${name}`)).toBeVisible();
});

test('the usage page shows this month by day and by assistant, in both languages', async ({
  page,
  user: _user,
}) => {
  await page.goto('/');
  await send(page, 'Count my tokens');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

  await page.goto('/settings/usage');
  await expect(page.getByRole('heading', { level: 1, name: 'My usage' })).toBeVisible();
  await expect(page.getByText('1 reply')).toBeVisible();
  await expect(page.getByTestId('usage-total')).not.toHaveText(/^0\s/);
  await expect(
    page.getByRole('table', { name: 'By assistant' }).getByRole('rowheader', { name: 'Zatten' }),
  ).toBeVisible();
  await expectAccessible(page, 'usage page');
  await page.screenshot({ path: `${DIR}/usage.png` });

  await page.context().addCookies([{ name: 'zatten_locale', value: 'pt-BR', url: page.url() }]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Meu uso' })).toBeVisible();
  await expect(page.getByText('1 resposta')).toBeVisible();
});

test('personal instructions are saved from settings', async ({ page, user: _user }) => {
  await page.goto('/settings/instructions');
  await page.getByRole('textbox', { name: 'About me' }).fill('I teach maths.');
  await page.getByRole('textbox', { name: 'How to answer' }).fill('Short answers.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expectAccessible(page, 'personal instructions');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'About me' })).toHaveValue('I teach maths.');
});

test('the app has a manifest with icons and an offline page', async ({ page }) => {
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Zatten Chat', display: 'standalone' });
  for (const icon of manifest.icons as Array<{ src: string }>) {
    const response = await page.request.get(icon.src);
    expect(response.headers()['content-type']).toBe('image/png');
  }
  const offline = await page.request.get('/offline.html');
  expect(await offline.text()).toContain('You are offline');
});

test('offline, a page load shows the offline page instead of the browser error', async ({
  page,
  user: _user,
}) => {
  await page.goto('/settings/usage');
  await expect(page.getByRole('heading', { level: 1, name: 'My usage' })).toBeVisible();
  // The service worker takes control once it has installed its offline page.
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state === 'activated';
  });
  await page.reload();
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  await page.context().setOffline(false);
  await page.getByRole('button', { name: /Try again/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My usage' })).toBeVisible();
});
