// Issue 17 in Chromium: the Ctrl+K palette finds words inside messages and opens the chat at the
// message (on a branch that is not on screen too, switching to it); pin, archive with Undo, the
// archived view, bulk archive and bulk delete with one confirmation, followed live by a second
// window of the same person.

import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
  expect as baseExpect,
  lastReply,
  send,
  signIn,
  type TestUser,
  test,
  trpcMutation,
} from './support/fixtures';
import { chatList } from './support/live';

interface CreatedChat {
  id: string;
  title: string;
}

const shots = process.env.E2E_SCREENSHOTS_DIR;
// Each step waits for live updates from another window; on a loaded CI machine they can take
// longer than the default 10 s to arrive. (A bound on waiting, not a timed assertion.)
const expect = baseExpect.configure({ timeout: 30_000 });

/** support/live's expectLive and openAs, waiting as long as the rest of this file. */
async function expectLive(page: Page): Promise<void> {
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'live');
}

/** Other windows this file opens; closed after each test, so none outlives it. */
const opened: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of opened.splice(0)) await context.close();
});

async function openAs(browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext();
  opened.push(context);
  const page = await context.newPage();
  await signIn(page, user);
  await page.goto('/');
  await expectLive(page);
  return page;
}

test.describe('search inside messages', () => {
  test('opens the chat at the matching message, switching to its branch', async ({
    page,
    user: _user,
  }) => {
    test.setTimeout(240_000);
    await page.goto('/');
    await expectLive(page);
    const questions = [
      'Where do quokkas live in the wild?',
      'Tell me about llamas in the Andes.',
      'How tall do giraffes grow?',
      'What do pandas eat all day?',
      'What about capybaras and their friends?',
    ];
    for (const question of questions) {
      await send(page, question);
      // This question's reply, not the one before it, before the next send.
      await expect(lastReply(page)).toContainText(`Test reply to: ${question}`);
      await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    }
    const chatUrl = page.url();
    // Edit the last question: the capybara version leaves the branch on screen.
    const asked = page.getByRole('article', { name: 'You said' });
    await asked
      .filter({ hasText: 'capybaras' })
      .getByRole('button', { name: 'Edit message' })
      .click();
    const editor = page.getByRole('textbox', { name: 'Edit your message' });
    await editor.fill('What about wombats instead?');
    await editor.press('Enter');
    await expect(lastReply(page)).toContainText('Test reply to: What about wombats instead?');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await expect(page.getByText('What about capybaras and their friends?')).toHaveCount(0);
    await page.goto('/');

    // A stem and no accents: "capybara" finds "capybaras".
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search chats' });
    const input = palette.getByRole('combobox', { name: 'Search titles and messages' });
    await expect(input).toBeFocused();
    await input.fill('capybara');
    const hit = palette.getByRole('option').first();
    await expect(hit.locator('p mark')).toHaveText('capybaras');
    if (shots) await page.screenshot({ path: `${shots}/search-palette.png` });
    await input.press('Enter');

    await expect(page).toHaveURL(chatUrl);
    const capybara = asked.filter({ hasText: 'What about capybaras and their friends?' });
    await expect(capybara).toBeInViewport();
    await expect(capybara.getByRole('group', { name: 'Versions' })).toContainText('1 / 2');
    // Marked for its highlight (a CSS animation), on the question found.
    await expect(page.locator('[data-revealed="true"]')).toContainText('What about capybaras');
    if (shots) await page.screenshot({ path: `${shots}/search-opened-branch.png` });

    // A message on the branch, far above the bottom: the chat opens scrolled to it.
    await page.keyboard.press('Control+k');
    await input.fill('quokka');
    await expect(palette.getByRole('option').first().locator('p mark')).toHaveText('quokkas');
    await palette.getByRole('option').first().click();
    await expect(asked.filter({ hasText: 'Where do quokkas live' })).toBeInViewport();
    await expect(
      page.getByText('What about capybaras and their friends?', { exact: true }),
    ).toBeVisible();

    // Words that match nothing, and odd input, say so without an error.
    await page.keyboard.press('Control+k');
    await input.fill('zebra & | ! :*');
    await expect(palette.getByText('Nothing matches “zebra & | ! :*”.')).toBeVisible();
  });
});

test.describe('pin, archive and bulk actions', () => {
  test('pins, archives with undo, restores, and archives or deletes several at once', async ({
    page,
    browser,
    user,
  }) => {
    test.setTimeout(240_000);
    await page.goto('/');
    for (const title of ['Alpha notes', 'Beta notes', 'Gamma notes', 'Delta notes']) {
      await trpcMutation<CreatedChat>(page, 'chat.create', { title });
    }
    await page.reload();
    await expectLive(page);
    const second = await openAs(browser, user);
    const list = chatList(page);
    const link = (name: string) => list.getByRole('link', { name });

    // Pin: the chat heads the list under "Pinned", here and in the other window.
    await list.getByRole('button', { name: 'Options for Alpha notes' }).click();
    await page.getByRole('menuitem', { name: 'Pin' }).click();
    const pinned = list.getByRole('region', { name: 'Pinned' });
    await expect(pinned.getByRole('link')).toHaveText(['Alpha notes']);
    await expect(
      chatList(second).getByRole('region', { name: 'Pinned' }).getByRole('link'),
    ).toHaveText(['Alpha notes']);

    // Archive one from its menu; Undo brings it back.
    await list.getByRole('button', { name: 'Options for Beta notes' }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    await expect(link('Beta notes')).toHaveCount(0);
    await expect(chatList(second).getByRole('link', { name: 'Beta notes' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(link('Beta notes')).toBeVisible();
    await expect(chatList(second).getByRole('link', { name: 'Beta notes' })).toBeVisible();

    // Select several and archive them at once.
    await page.getByRole('button', { name: 'Select chats' }).click();
    await list.getByRole('checkbox', { name: 'Select “Beta notes”' }).check();
    await list.getByRole('checkbox', { name: 'Select “Gamma notes”' }).check();
    const toolbar = page.getByRole('toolbar', { name: 'Select chats' });
    await expect(toolbar).toContainText('2 selected');
    if (shots) await page.screenshot({ path: `${shots}/bulk-select.png` });
    await toolbar.getByRole('button', { name: 'Archive' }).click();
    await expect(page.getByText('2 chats archived', { exact: true })).toBeVisible();
    await expect(link('Beta notes')).toHaveCount(0);
    await expect(link('Gamma notes')).toHaveCount(0);
    await expect(chatList(second).getByRole('link', { name: 'Gamma notes' })).toHaveCount(0);

    // The archived view lists them; one is restored from there.
    await page.getByRole('button', { name: 'Archived chats' }).click();
    const archived = page.getByRole('navigation', { name: 'Archived chats' });
    await expect(archived.getByRole('link')).toHaveText(['Gamma notes', 'Beta notes']);
    if (shots) await page.screenshot({ path: `${shots}/archived-view.png` });
    await archived.getByRole('button', { name: 'Options for Gamma notes' }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    await expect(archived.getByRole('link')).toHaveText(['Beta notes']);
    await page.getByRole('button', { name: 'Back to chats' }).click();
    await expect(link('Gamma notes')).toBeVisible();

    // Search still finds an archived chat, and says it is archived.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search chats' });
    await palette.getByRole('combobox').fill('beta');
    await expect(palette.getByRole('option').first()).toContainText('Archived');
    await page.keyboard.press('Escape');

    // Delete several with one confirmation.
    await page.getByRole('button', { name: 'Select chats' }).click();
    await list.getByRole('checkbox', { name: 'Select “Gamma notes”' }).check();
    await list.getByRole('checkbox', { name: 'Select “Delta notes”' }).check();
    await page.getByRole('toolbar').getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete 2 chats?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('2 chats deleted', { exact: true })).toBeVisible();
    await expect(list.getByRole('link')).toHaveText(['Alpha notes']);
    await expect(chatList(second).getByRole('link')).toHaveText(['Alpha notes']);
  });
});
