// Organising chats: rename, delete with confirmation, search by title, date groups, infinite
// scroll, and live updates from elsewhere (another tab or the API).
import { expect, lastReply, send, test, trpcMutation } from './support/fixtures';
import { expectLive } from './support/live';

interface CreatedChat {
  id: string;
  title: string;
}

test.describe('managing chats', () => {
  test('renames and deletes a chat', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, 'Plans for the weekend');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plans for the weekend');

    await page
      .getByRole('main')
      .getByRole('button', { name: 'Options for Plans for the weekend' })
      .click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename chat' });
    await dialog.getByLabel('Title').fill('Weekend in Lisbon');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekend in Lisbon');
    const sidebar = page.getByRole('navigation', { name: 'Your chats' });
    await expect(sidebar.getByRole('link', { name: 'Weekend in Lisbon' })).toBeVisible();

    await sidebar.getByRole('button', { name: 'Options for Weekend in Lisbon' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this chat?' });
    await expect(confirm).toContainText('Weekend in Lisbon');
    // Cancelling keeps it.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(sidebar.getByRole('link', { name: 'Weekend in Lisbon' })).toBeVisible();

    await sidebar.getByRole('button', { name: 'Options for Weekend in Lisbon' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(sidebar.getByRole('link', { name: 'Weekend in Lisbon' })).toHaveCount(0);
    await expect(page.getByText('Chat deleted', { exact: true })).toBeVisible();
  });

  test('searches chats by title', async ({ page, user: _user }) => {
    await page.goto('/');
    for (const title of ['Apple pie recipe', 'Banana bread', 'Apple orchard visit']) {
      await trpcMutation<CreatedChat>(page, 'chat.create', { title });
    }
    await page.reload();
    const sidebar = page.getByRole('navigation', { name: 'Your chats' });
    await expect(sidebar.getByRole('link')).toHaveCount(3);

    // Ctrl+K opens the search palette (issue 17); the sidebar's title filter is a field.
    const search = page.getByRole('searchbox', { name: 'Search chats' });
    await search.click();
    await expect(search).toBeFocused();
    await search.fill('apple');
    await expect(sidebar.getByRole('link')).toHaveCount(2);
    await expect(sidebar.getByRole('link', { name: 'Banana bread' })).toHaveCount(0);

    await search.fill('kiwi');
    await expect(page.getByText('No chat titles match “kiwi”.')).toBeVisible();
    await search.press('Escape');
    await expect(sidebar.getByRole('link')).toHaveCount(3);
  });

  test('loads older chats as the list scrolls, under date headings', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    for (let index = 1; index <= 35; index++) {
      await trpcMutation<CreatedChat>(page, 'chat.create', { title: `Chat number ${index}` });
    }
    await page.reload();
    const sidebar = page.getByRole('navigation', { name: 'Your chats' });
    await expect(sidebar.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(sidebar.getByRole('link')).toHaveCount(30);
    await sidebar.getByRole('link').last().scrollIntoViewIfNeeded();
    await expect(sidebar.getByRole('link')).toHaveCount(35);
    await expect(sidebar.getByRole('link', { name: 'Chat number 1', exact: true })).toBeVisible();
  });

  test('shows chats created elsewhere without a reload', async ({ page, user: _user }) => {
    await page.goto('/');
    await expectLive(page);
    const chat = await trpcMutation<CreatedChat>(page, 'chat.create', {
      title: 'Created by another tab',
    });
    await expect(page.getByRole('link', { name: 'Created by another tab' })).toBeVisible();
    await trpcMutation(page, 'chat.rename', { id: chat.id, title: 'Renamed elsewhere' });
    await expect(page.getByRole('link', { name: 'Renamed elsewhere' })).toBeVisible();
    await trpcMutation(page, 'chat.delete', { id: chat.id });
    await expect(page.getByRole('link', { name: 'Renamed elsewhere' })).toHaveCount(0);
  });
});
