// Live updates across browsers: what one window (or the REST API) changes appears in the
// person's other windows without a reload — chats created, renamed and deleted, replies being
// written — never in another person's; and a dropped connection catches up by itself.
// (A database restart is in database-restart.spec.ts, which runs alone.)
import { createTestApiKey } from './support/database';
import { expect, lastReply, newUser, send, test, trpcMutation } from './support/fixtures';
import { heldReply } from './support/held-reply';
import { chatList, expectLive, openAs, openChatId } from './support/live';

test.describe('live updates', () => {
  test('two windows of one person stay in step, and another person sees none of it', async ({
    page,
    browser,
    user,
  }) => {
    await page.goto('/');
    await expectLive(page);
    const second = await openAs(browser, user);
    const stranger = await openAs(browser, newUser('Bruno Lima'));

    // Created in the first window, the way a person does it: the first message makes the chat.
    await send(page, 'Plan a trip to Porto');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const id = openChatId(page);
    const link = chatList(second).getByRole('link', { name: 'Plan a trip to Porto' });
    await expect(link).toBeVisible();
    await link.click();
    await expect(lastReply(second)).toContainText('Test reply to: Plan a trip to Porto');

    await trpcMutation(page, 'chat.rename', { id, title: 'Porto in May' });
    await expect(second.getByRole('heading', { level: 1 })).toHaveText('Porto in May');
    await expect(chatList(second).getByRole('link', { name: 'Porto in May' })).toBeVisible();

    // Deleted in the first window: gone from the second's list, and the open page says so.
    await trpcMutation(page, 'chat.delete', { id });
    await expect(second.getByRole('heading', { name: 'Chat not found' })).toBeVisible();
    await expect(chatList(second).getByRole('link')).toHaveCount(0);

    // The other person's live updates work (their own chat arrives) yet brought nothing of Ana's.
    await trpcMutation(stranger, 'chat.create', { title: 'Bruno’s own chat' });
    await expect(chatList(stranger).getByRole('link')).toHaveText(['Bruno’s own chat']);
    await expect(stranger.getByText(/Porto/)).toHaveCount(0);
  });

  test('a chat created through the REST API appears at once in an open dashboard', async ({
    page,
    user,
    request,
  }) => {
    await page.goto('/');
    await trpcMutation(page, 'chat.create', { title: 'An older chat' });
    await page.reload();
    await expectLive(page);
    const apiKey = await createTestApiKey(`e2e live ${user.email}`);

    const response = await request.post('/api/v1/chats', {
      headers: { Authorization: `Bearer ${apiKey}` },
      data: { email: user.email.toUpperCase(), title: 'Welcome from the CRM' },
    });
    expect(response.status(), await response.text()).toBe(201);

    // At the top of the list: the newest activity.
    await expect(chatList(page).getByRole('link')).toHaveText(
      ['Welcome from the CRM', 'An older chat'],
      { timeout: 5_000 },
    );
  });

  test('a reply being written in one window shows in another, and goes on after a reload', async ({
    page,
    browser,
    user,
  }) => {
    await page.goto('/');
    await send(page, 'Hello Porto');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const second = await openAs(browser, user, new URL(page.url()).pathname);
    await expect(lastReply(second)).toHaveAttribute('data-status', 'complete');

    const held = heldReply();
    await send(page, `${held.marker} Describe the river`);
    await expect(second.getByRole('article', { name: 'You said' }).last()).toHaveText(
      `${held.marker} Describe the river`,
    );
    const reply = lastReply(second);
    await expect(reply).toHaveAttribute('data-status', 'streaming');
    await expect(reply).toContainText('Test reply to: Describe the river slow1 slow2');
    const early = (await reply.textContent()) ?? '';
    await expect
      .poll(async () => ((await reply.textContent()) ?? '').length)
      .toBeGreaterThan(early.length);

    // A reload mid-reply: the reply is still being written and carries on to its end.
    await second.reload();
    await expect(reply).toHaveAttribute('data-status', 'streaming');
    await held.finish();
    await expect(reply).toContainText('slow40', { timeout: 20_000 });
    await expect(reply).toHaveAttribute('data-status', 'complete');
    const words = Array.from({ length: 40 }, (_, index) => `slow${index + 1}`).join(' ');
    await expect(reply).toContainText(`Test reply to: Describe the river ${words}`);
    await expect(lastReply(page)).toContainText(`Test reply to: Describe the river ${words}`);
  });

  test('a dropped connection shows the offline state and catches up by itself', async ({
    page,
    browser,
    user,
  }) => {
    await page.goto('/');
    await expectLive(page);
    const second = await openAs(browser, user);

    await second.context().setOffline(true);
    await expect(second.getByRole('status').getByText('You are offline.')).toBeVisible();
    await trpcMutation(page, 'chat.create', { title: 'Made while you were away' });
    await expect(
      chatList(page).getByRole('link', { name: 'Made while you were away' }),
    ).toBeVisible();

    // Offline, the second window is not connected: the chat only arrives once it is back.
    await second.waitForTimeout(500);
    await expect(
      chatList(second).getByRole('link', { name: 'Made while you were away' }),
    ).toHaveCount(0);
    await second.context().setOffline(false);
    await expect(second.getByText('You are offline.')).toBeHidden();
    await expect(
      chatList(second).getByRole('link', { name: 'Made while you were away' }),
    ).toBeVisible();
    await expectLive(second);
    // And live again for what comes next.
    await trpcMutation(page, 'chat.create', { title: 'Made once you were back' });
    await expect(
      chatList(second).getByRole('link', { name: 'Made once you were back' }),
    ).toBeVisible();
  });
});
