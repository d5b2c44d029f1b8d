// When things go wrong: lost connection, expired session, a reader scrolling away mid-reply,
// a second tab following a reply, and the keyboard shortcuts that control replies.
import { composer, expect, lastReply, send, test, trpcMutation } from './support/fixtures';
import { heldReply } from './support/held-reply';

test.describe('resilience', () => {
  test('a send while offline says so and keeps the text', async ({
    page,
    context,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, 'First message');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

    await context.setOffline(true);
    await expect(page.getByText('You are offline.')).toBeVisible();
    await send(page, 'Sent without a network');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Your message was not sent.' }),
    ).toContainText('The server could not be reached.');
    await expect(composer(page)).toHaveValue('Sent without a network');
    await expect(page.getByRole('article', { name: 'You said' })).toHaveCount(1);

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('article', { name: 'You said' })).toHaveCount(2);
    await expect(lastReply(page)).toContainText('Test reply to: Sent without a network');
    await expect(composer(page)).toHaveValue('');
  });

  test('an expired session leads to sign-in and the draft survives', async ({
    page,
    context,
    user,
  }) => {
    await page.goto('/');
    await send(page, 'Before my session ends');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const chatUrl = page.url();

    await context.clearCookies();
    await send(page, 'Typed after the session ended');
    const dialog = page.getByRole('alertdialog', { name: 'Your session has expired' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(/\/sign-in\?expired=1&next=/);

    await page.getByLabel('Name').fill(user.name);
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(chatUrl);
    await expect(composer(page)).toHaveValue('Typed after the session ended');
  });

  test('auto-scroll pauses when the reader scrolls up', async ({ page, user: _user }) => {
    await page.setViewportSize({ width: 1000, height: 520 });
    await page.goto('/');
    await send(page, '[[markdown]] Something tall');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const held = heldReply();
    await send(page, `${held.marker} Now write slowly`);
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'streaming');

    const scroller = page.getByTestId('conversation-scroller');
    await scroller.hover();
    await page.mouse.wheel(0, -600);
    const jump = page.getByRole('button', { name: 'Scroll to the latest message' });
    await expect(jump).toBeVisible();
    const before = await scroller.evaluate((element) => element.scrollTop);
    await page.waitForTimeout(800);
    expect(await scroller.evaluate((element) => element.scrollTop)).toBe(before);

    await jump.click();
    await expect(jump).toBeHidden();
    await held.finish();
    await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
    const gap = await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(gap).toBeLessThan(80);
  });

  test('Escape stops a reply and a second tab follows it live', async ({
    page,
    context,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, 'Open me twice');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

    const other = await context.newPage();
    await other.goto(page.url());
    await expect(lastReply(other)).toHaveAttribute('data-status', 'complete');

    const { marker } = heldReply();
    await send(page, `${marker} Shared story`);
    // The other tab sees the new message and follows the reply as it is written.
    await expect(other.getByRole('article', { name: 'You said' }).last()).toHaveText(
      `${marker} Shared story`,
    );
    await expect(lastReply(other)).toContainText('Test reply to: Shared story');
    await expect(lastReply(other)).toHaveAttribute('data-status', 'streaming');

    await page.keyboard.press('Escape');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
    await expect(lastReply(other)).toHaveAttribute('data-status', 'cancelled');
    await expect(lastReply(other)).toContainText('You stopped this reply.');
  });

  test('messages that could not be loaded say so and load again on request', async ({
    page,
    user: _user,
  }) => {
    const chat = await trpcMutation<{ id: string }>(page, 'chat.create', { title: 'Kept' });
    await page.goto(`/c/${chat.id}`);
    await send(page, 'Still here?');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

    // Every request for the messages fails (after the query's own retries) until unblocked.
    const blocked = '**/api/trpc/*message.list*';
    await page.route(blocked, (route) => route.abort());
    await page.reload();
    await expect(page.getByText('The messages of this chat could not be loaded.')).toBeVisible({
      timeout: 30_000,
    });
    await page.unroute(blocked);
    await page.getByRole('button', { name: 'Load again' }).click();
    await expect(lastReply(page)).toContainText('Test reply to: Still here?');
    await expect(page.getByText('The messages of this chat could not be loaded.')).toBeHidden();
  });

  test('Ctrl+Shift+O opens a new chat and a missing chat explains itself', async ({
    page,
    user: _user,
  }) => {
    const chat = await trpcMutation<{ id: string }>(page, 'chat.create', { title: 'Going away' });
    await trpcMutation(page, 'chat.delete', { id: chat.id });
    await page.goto(`/c/${chat.id}`);
    await expect(page.getByRole('heading', { name: 'Chat not found' })).toBeVisible();
    await page.keyboard.press('Control+Shift+O');
    await expect(page).toHaveURL(/\/$/);
    await expect(composer(page)).toBeVisible();
  });
});
