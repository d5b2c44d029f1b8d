// Where the conversation is scrolled, read from the DOM: a chat opens at its latest message
// however it is reached, a sent question moves to the top with its reply below, the view follows
// a reply only while the reader is at the bottom (a keyboard-reachable, announced button brings
// them back otherwise), and older history loads on scrolling up without moving what is on screen.
import type { Locator, Page } from '@playwright/test';
import { seedConversation } from './support/database';
import {
  composer,
  expect,
  lastReply,
  phone,
  send,
  type TestUser,
  test,
  trpcMutation,
} from './support/fixtures';
import { heldReply } from './support/held-reply';

interface Chat {
  id: string;
  user_id: string;
  title: string;
}

async function longChat(page: Page, title: string, exchanges = 40): Promise<Chat> {
  const chat = await trpcMutation<Chat>(page, 'chat.create', { title });
  await seedConversation(chat, exchanges, (index) =>
    [`Answer number ${index + 1}.`, '', 'A paragraph that takes a few lines. '.repeat(6)].join(
      '\n',
    ),
  );
  return chat;
}

function scroller(page: Page): Locator {
  return page.getByTestId('conversation-scroller');
}

async function geometry(page: Page) {
  return scroller(page).evaluate((element) => ({
    top: element.scrollTop,
    height: element.scrollHeight,
    client: element.clientHeight,
    fromBottom: element.scrollHeight - element.scrollTop - element.clientHeight,
  }));
}

/** Where an element sits relative to the top of the conversation's visible area (px). */
async function offsetInView(page: Page, target: Locator): Promise<number> {
  const box = await target.boundingBox();
  const view = await scroller(page).boundingBox();
  if (!box || !view) throw new Error('not on screen');
  return box.y - view.y;
}

async function expectAtLatest(page: Page, lastText: string): Promise<void> {
  // Seeded chats are long; a busy machine may take a while to render them.
  await expect(page.getByTestId('assistant-message').last()).toContainText(lastText, {
    timeout: 30_000,
  });
  // The latest messages mount first, the rest above them a few per frame: all of them, and
  // still at the bottom once they are.
  await expect(page.locator('ol[data-mounting]')).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(async () => (await geometry(page)).fromBottom).toBeLessThanOrEqual(2);
  const { height, client } = await geometry(page);
  expect(height).toBeGreaterThan(client * 3); // a long chat, so "at the bottom" means something
  await expect(page.getByTestId('assistant-message').last()).toBeInViewport();
}

// Long seeded chats and slow replies: more time than the suite's default on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.describe('the conversation view', () => {
  test('opens a long chat at its latest message by URL, reload, sidebar and history', async ({
    page,
    user: _user,
  }) => {
    const chat = await longChat(page, 'Forty exchanges');
    const other = await longChat(page, 'Another long chat', 30);

    await page.goto(`/c/${chat.id}`);
    await expectAtLatest(page, 'Answer number 40.');
    // Only the latest page is loaded until the reader scrolls up.
    await expect(page.getByRole('button', { name: 'Load earlier messages' })).toBeVisible();

    await page.reload();
    await expectAtLatest(page, 'Answer number 40.');

    await page.getByRole('link', { name: 'Another long chat' }).click();
    await expect(page).toHaveURL(`/c/${other.id}`);
    await expectAtLatest(page, 'Answer number 30.');

    await page.goBack();
    await expect(page).toHaveURL(`/c/${chat.id}`);
    await expectAtLatest(page, 'Answer number 40.');
    await page.goForward();
    await expect(page).toHaveURL(`/c/${other.id}`);
    await expectAtLatest(page, 'Answer number 30.');
  });

  test('names the open chat in the browser tab', async ({ page, user: _user }) => {
    const chat = await trpcMutation<Chat>(page, 'chat.create', { title: 'Tab title check' });
    await page.goto(`/c/${chat.id}`);
    await expect(page).toHaveTitle('Tab title check · Zatten');
  });

  test('moves a sent question to the top and streams the reply into sight', async ({
    page,
    user: _user,
  }) => {
    const chat = await longChat(page, 'Send in a long chat');
    await page.goto(`/c/${chat.id}`);
    await expectAtLatest(page, 'Answer number 40.');

    const held = heldReply();
    await send(page, `${held.marker} A question that should rise to the top`);
    const question = page.locator('[data-message-role="user"]').last();
    await expect(question).toContainText('A question that should rise to the top');
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'streaming');
    await expect.poll(() => offsetInView(page, question)).toBeLessThan(40);
    expect(await offsetInView(page, question)).toBeGreaterThanOrEqual(0);
    await expect(reply).toContainText('Test reply to:');
    await expect(reply).toBeInViewport();
    await held.finish();
    await expect(reply).toHaveAttribute('data-status', 'complete');
    // Still in place once the reply is done: nothing jumped.
    expect(await offsetInView(page, question)).toBeLessThan(40);
    await expect(page.getByTestId('jump-to-latest')).toHaveCount(0);
  });

  test('follows a reply only while the reader is at the bottom', async ({ page, user: _user }) => {
    await page.goto('/');
    const tall = heldReply();
    await send(page, `${tall.marker} [[tall]] Write something taller than the screen`);
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'streaming');

    // At the bottom while the reply outgrows the view: the view follows it.
    await expect
      .poll(async () => {
        const { height, client, fromBottom } = await geometry(page);
        return height > client + 150 && fromBottom <= 2;
      })
      .toBe(true);

    // The reader scrolls up: the view stays where they are while the text keeps coming.
    await scroller(page).hover();
    await page.mouse.wheel(0, -400);
    const jump = page.getByTestId('jump-to-latest');
    await expect(jump).toBeVisible();
    const held = (await geometry(page)).top;
    const grownFrom = (await reply.textContent())?.length ?? 0;
    await expect
      .poll(async () => ((await reply.textContent())?.length ?? 0) - grownFrom)
      .toBeGreaterThan(100);
    expect(Math.abs((await geometry(page)).top - held)).toBeLessThanOrEqual(1);

    // The button is announced (a polite live region) and reachable from the composer by keyboard.
    await expect(page.locator('[aria-live="polite"]').filter({ has: jump })).toHaveCount(1);
    await composer(page).focus();
    await page.keyboard.press('Shift+Tab');
    await expect(jump).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await geometry(page)).fromBottom).toBeLessThanOrEqual(2);
    await expect(jump).toHaveCount(0);
    // Back at the bottom, it follows again until the reply ends.
    await tall.finish();
    await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
    await expect.poll(async () => (await geometry(page)).fromBottom).toBeLessThanOrEqual(2);
  });

  test('keeps following when the page shrinks and grows back between two frames', async ({
    page,
    user: _user,
  }) => {
    // A long reply's blocks regrouping, or a reply swapped for its rendered Markdown, can lay
    // the page out shorter for a frame: the browser clamps the position to the shorter page,
    // and the scroll event that says so is dispatched a frame later, once the page has grown
    // back. That is not the reader scrolling up, and the view must keep following.
    const chat = await longChat(page, 'Shrinks and grows', 40);
    await page.goto(`/c/${chat.id}`);
    await expectAtLatest(page, 'Answer number 40.');
    const before = await geometry(page);
    const shrunk = await scroller(page).evaluate(async (element) => {
      const items = [...element.querySelectorAll<HTMLElement>('[data-message-id]')].slice(-10);
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      await frame();
      // Hidden in this frame's callbacks: laid out (and the position clamped) in this frame ...
      for (const item of items) item.style.display = 'none';
      // ... and shown again in a task after it, before the next frame's scroll event.
      const top = await new Promise<number>((resolve) =>
        setTimeout(() => {
          const clamped = element.scrollTop;
          for (const item of items) item.style.display = '';
          resolve(clamped);
        }, 0),
      );
      await frame();
      await frame();
      return top;
    });
    // The page did shrink under the view (else this test proves nothing) ...
    expect(shrunk).toBeLessThan(before.top - 100);
    // ... and the view is back at the bottom, still following.
    await expect.poll(async () => (await geometry(page)).fromBottom).toBeLessThanOrEqual(2);
    await expect(page.getByTestId('jump-to-latest')).toHaveCount(0);
  });

  test('loads older messages on scrolling up and keeps the reader in place', async ({
    page,
    user: _user,
  }) => {
    const chat = await longChat(page, 'Older history', 40);
    await page.goto(`/c/${chat.id}`);
    await expectAtLatest(page, 'Answer number 40.');
    const items = page.locator('[data-message-id]');
    await expect(items).toHaveCount(50);

    // The reader reaches the top (a scroll event like any other); the first loaded message must
    // stay exactly where it is on screen while the 30 older messages go in above it.
    // Read in the same task that scrolls, before the older page can arrive and go in above it.
    const { firstId, before } = await scroller(page).evaluate((element) => {
      element.scrollTop = 0;
      const first = element.querySelector<HTMLElement>('[data-message-id]');
      const offset =
        (first?.getBoundingClientRect().top ?? 0) - element.getBoundingClientRect().top;
      return { firstId: first?.dataset.messageId ?? '', before: offset };
    });
    await expect(items).toHaveCount(80);
    const anchor = page.locator(`[data-message-id="${firstId}"]`);
    expect(Math.abs((await offsetInView(page, anchor)) - before)).toBeLessThanOrEqual(2);
    expect((await geometry(page)).top).toBeGreaterThan(1000);
    await expect(page.locator('[data-message-id]').first()).toContainText('Question number 1');
  });
});

test.describe('the conversation view on a phone', () => {
  test.use({ ...phone });

  test('opens at the latest message and lifts a sent question to the top', async ({
    page,
    user: _user,
  }: {
    page: Page;
    user: TestUser;
  }) => {
    const chat = await longChat(page, 'Phone chat', 25);
    await page.goto(`/c/${chat.id}`);
    await expectAtLatest(page, 'Answer number 25.');
    const held = heldReply();
    await send(page, `${held.marker} From the phone`);
    const question = page.locator('[data-message-role="user"]').last();
    await expect(question).toContainText('From the phone');
    await expect.poll(() => offsetInView(page, question)).toBeLessThan(40);
    await expect(lastReply(page)).toBeInViewport();
    await held.finish();
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  });
});
