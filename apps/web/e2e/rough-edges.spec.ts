// The rough edges a new user hit: drafts that outlived a sign-out, a sidebar that overflowed,
// chats left "New chat" after a failed first reply, error cards with actions that cannot help,
// refusals shown as errors, text direction, the search list by keyboard, month groups, the
// browser's English validation bubble, and the writing cursor on a line of its own.
import type { Page } from '@playwright/test';
import { backdateChat } from './support/database';
import {
  composer,
  expect,
  lastReply,
  newUser,
  send,
  signIn,
  test,
  trpcMutation,
} from './support/fixtures';
import { heldReply } from './support/held-reply';
import { expectLive } from './support/live';

/** Types into the composer once the page is live (typing before hydration would be lost). */
async function typeDraft(page: Page, text: string): Promise<void> {
  await expectLive(page);
  await composer(page).fill(text);
  await expect
    .poll(() => page.evaluate(() => Object.keys(sessionStorage).join(',')))
    .toContain('zatten:draft:');
}

interface Chat {
  id: string;
  user_id: string;
  title: string;
}

test.describe('drafts', () => {
  test('belong to the person who wrote them and are gone after signing out', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await typeDraft(page, 'My unsent secret plan');
    // Kept for the same person across a reload.
    await page.reload();
    await expect(composer(page)).toHaveValue('My unsent secret plan');

    await page.getByRole('button', { name: 'Account and settings' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect(
      await page.evaluate(() =>
        Object.keys(sessionStorage).filter((key) => key.startsWith('zatten:draft:')),
      ),
    ).toEqual([]);

    // The next person on this tab starts with an empty composer.
    const next = newUser('Bruno Lima');
    await page.getByLabel('Name').fill(next.name);
    await page.getByLabel('Email').fill(next.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'How can I help, Bruno?' })).toBeVisible();
    await expect(composer(page)).toHaveValue('');
  });

  test('of one person never show to another signed in on the same tab', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await typeDraft(page, 'Only for Ana');
    // Another person's session replaces the cookie without the sign-out menu (e.g. a new login).
    await signIn(page, newUser('Carla Dias'));
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'How can I help, Carla?' })).toBeVisible();
    await expect(composer(page)).toHaveValue('');
  });
});

test.describe('the sidebar', () => {
  const LONG =
    'A remarkably long chat title that keeps going well past the width of any sidebar ever made by anyone';

  test('cuts long titles with an ellipsis and a tooltip, and keeps the menu in reach', async ({
    page,
    user: _user,
  }) => {
    await trpcMutation<Chat>(page, 'chat.create', { title: LONG });
    await trpcMutation<Chat>(page, 'chat.create', { title: 'Short one' });
    await page.goto('/');
    const link = page.getByRole('link', { name: LONG });
    await expect(link).toBeVisible();

    const measured = await link.evaluate((element) => {
      const style = getComputedStyle(element);
      const list = element.closest('nav')?.parentElement as HTMLElement;
      return {
        cut: element.scrollWidth > element.clientWidth,
        ellipsis: style.textOverflow,
        tooltip: element.getAttribute('title'),
        linkRight: element.getBoundingClientRect().right,
        listRight: list.getBoundingClientRect().right,
        listOverflow: list.scrollWidth - list.clientWidth,
      };
    });
    expect(measured.cut).toBe(true);
    expect(measured.ellipsis).toBe('ellipsis');
    expect(measured.tooltip).toBe(LONG);
    expect(measured.linkRight).toBeLessThanOrEqual(measured.listRight + 0.5);
    expect(measured.listOverflow).toBe(0);
    // Every row has the same width as the short one: the long title did not widen them.
    const short = page.getByRole('link', { name: 'Short one' });
    expect((await short.boundingBox())?.width).toBe((await link.boundingBox())?.width);

    // The row's menu is inside the sidebar and opens.
    const menu = page.getByRole('button', { name: `Options for ${LONG}` });
    await link.hover();
    const box = await menu.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(measured.listRight + 0.5);
    await menu.click();
    await expect(page.getByRole('menuitem', { name: 'Rename' })).toBeVisible();
    await page.keyboard.press('Escape');

    // Tabbing through the rows never scrolls the list sideways.
    await link.focus();
    for (let step = 0; step < 4; step += 1) await page.keyboard.press('Tab');
    expect(
      await link.evaluate((element) => element.closest('nav')?.parentElement?.scrollLeft),
    ).toBe(0);
  });

  test('groups chats older than a month under their month', async ({ page, user: _user }) => {
    const now = new Date();
    const months = [3, 14].map((back) => new Date(now.getFullYear(), now.getMonth() - back, 10));
    for (const [index, at] of months.entries()) {
      const chat = await trpcMutation<Chat>(page, 'chat.create', { title: `Old chat ${index}` });
      await backdateChat(chat.id, at);
    }
    await page.goto('/');
    for (const at of months) {
      const label = new Intl.DateTimeFormat('en-US', {
        month: 'long',
        ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
      }).format(at);
      await expect(page.getByRole('heading', { level: 2, name: label, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: 'Older' })).toHaveCount(0);
  });

  test('search results are driven by the keyboard: arrows, Enter, Escape', async ({
    page,
    user: _user,
  }) => {
    const chats: Chat[] = [];
    for (const title of ['Garden plan alpha', 'Garden plan beta', 'Something else']) {
      chats.push(await trpcMutation<Chat>(page, 'chat.create', { title }));
    }
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Something else' })).toBeVisible();
    // Ctrl+K opens the search palette (issue 17); the sidebar's title filter is a field.
    const search = page.getByRole('searchbox', { name: 'Search chats' });
    await search.click();
    await expect(search).toBeFocused();
    await search.fill('Garden plan');
    await expect(page.getByRole('link', { name: 'Something else' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Garden plan alpha' })).toBeVisible();

    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('link', { name: 'Garden plan beta' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('link', { name: 'Garden plan alpha' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('link', { name: 'Garden plan beta' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(search).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/c/${chats[1]?.id}`);
  });
});

test.describe('titles', () => {
  test('a chat whose first reply fails is named from the question', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, '[[401]] Why will my key not work?');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'failed');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      '[[401]] Why will my key not work?',
    );
    await expect(
      page.getByRole('link', { name: '[[401]] Why will my key not work?' }),
    ).toBeVisible();
  });

  test('a chat whose first reply is stopped is named from the question', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    const { marker } = heldReply();
    await send(page, `${marker} A story I will stop`);
    await expect(lastReply(page)).toHaveAttribute('data-status', 'streaming');
    await expect(lastReply(page)).toContainText('Test reply to:');
    await page.getByRole('button', { name: 'Stop the reply' }).click();
    await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `${marker} A story I will stop`,
    );
  });

  test('the name the person gives wins over the automatic one', async ({ page, user: _user }) => {
    const chat = await trpcMutation<Chat>(page, 'chat.create', {});
    await trpcMutation(page, 'chat.rename', { id: chat.id, title: 'Named by me' });
    await page.goto(`/c/${chat.id}`);
    await send(page, '[[500]] This reply fails');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'failed');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Named by me');
  });
});

test.describe('failed replies and refusals', () => {
  test('a bad key says an administrator must act, and offers no retry', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, '[[401]] Hello?');
    const alert = lastReply(page).getByRole('alert');
    await expect(alert).toContainText('An administrator needs to check the OpenAI key');
    await expect(alert.getByRole('button')).toHaveCount(0);
  });

  test('a used-up quota says who must act, and offers no retry', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, '[[quota]] Hello?');
    const alert = lastReply(page).getByRole('alert');
    await expect(alert).toContainText('An administrator needs to add credit');
    await expect(alert.getByRole('button')).toHaveCount(0);
  });

  test('a chat too long for the model offers a new chat, not a retry', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, '[[context]] Hello?');
    const alert = lastReply(page).getByRole('alert');
    await expect(alert).toContainText('too long for the model');
    await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(alert.getByRole('link', { name: 'New chat' })).toHaveAttribute('href', '/');
  });

  test('a passing failure offers Retry', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, '[[500]] Hello?');
    await expect(
      lastReply(page).getByRole('alert').getByRole('button', { name: 'Retry' }),
    ).toBeVisible();
  });

  test("a refusal shows the model's words as a reply, marked as declined", async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, '[[refuse]] Something I should not ask');
    const reply = lastReply(page);
    await expect(reply).toContainText("I'm sorry, but I can't help with that.");
    await expect(reply.getByTestId('refusal-mark')).toHaveText('Declined by the model');
    await expect(reply.getByRole('alert')).toHaveCount(0);
  });
});

test.describe('text', () => {
  test('messages and titles take their direction from their own text', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, 'مرحبا، كيف حالك اليوم؟');
    const question = page.getByRole('article', { name: 'You said' }).locator('[dir="auto"]');
    await expect(question).toHaveCount(1);
    expect(await question.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const title = page.getByRole('heading', { level: 1 });
    await expect(title).toHaveAttribute('dir', 'auto');
    await expect(title).not.toHaveText('New chat');
    expect(await title.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    // The reply starts in English, so it reads left to right.
    const paragraph = lastReply(page).locator('p[dir="auto"]').first();
    expect(await paragraph.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  });

  test('the writing cursor sits inline at the end of the text', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, `${heldReply().marker} Keep writing`);
    const reply = lastReply(page);
    await expect(reply).toContainText('Test reply to:');
    const cursor = await reply
      .locator('.markdown p')
      .last()
      .evaluate((element) => {
        const after = getComputedStyle(element, '::after');
        return { content: after.content, display: after.display };
      });
    expect(cursor).toEqual({ content: '""', display: 'inline-block' });
    await page.getByRole('button', { name: 'Stop the reply' }).click();
    await expect(reply).toHaveAttribute('data-status', 'cancelled');
    expect(
      await reply
        .locator('.markdown p')
        .last()
        .evaluate((element) => getComputedStyle(element, '::after').content),
    ).toBe('none');
  });
});

test.describe('sign-in form in Portuguese', () => {
  test.use({ locale: 'pt-BR' });

  test('says what is missing in the page language, not the browser bubble', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await expect(page.getByText('Digite seu nome.')).toBeVisible();
    await expect(page.getByText('Digite seu endereço de e-mail.')).toBeVisible();
    await expect(page.getByLabel('Nome')).toBeFocused();
    await expect(page.getByLabel('Nome')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Nome').fill('Ana');
    await page.getByLabel('E-mail').fill('not-an-email');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await expect(page.getByText('Digite um e-mail como ana@exemplo.com.')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
