// Talking to the assistant: sending, streaming, stopping, failures with retry, regenerating,
// Markdown, and the composer's keys.
import { randomUUID } from 'node:crypto';
import { composer, expect, lastReply, send, test } from './support/fixtures';
import { heldReply } from './support/held-reply';

test.describe('chat', () => {
  test('sends a message, streams the reply and names the chat', async ({ page, user }) => {
    await page.goto('/');
    await expect(
      page.getByRole('heading', { name: `How can I help, ${user.name.split(' ')[0]}?` }),
    ).toBeVisible();
    await send(page, 'Hello from the browser');

    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('article', { name: 'You said' })).toContainText(
      'Hello from the browser',
    );
    const reply = lastReply(page);
    await expect(reply).toContainText('Test reply to: Hello from the browser');
    await expect(reply).toHaveAttribute('data-status', 'complete');

    // The assistant names the chat; the header and the sidebar follow.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello from the browser');
    await expect(page.getByRole('link', { name: 'Hello from the browser' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  test('Enter sends again as soon as a reply has ended, before its row is fetched', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, 'First question');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    // The live events (which also carry the ended row) and the fetch of the ended reply's whole
    // row are held back: the end of the stream alone must free the composer. It used to wait for
    // one of them, and Enter did nothing meanwhile.
    await page.route('**/api/trpc/events.user**', (route) => route.abort());
    await page.reload();
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/trpc/message.get**', async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    await send(page, 'Second question');
    // The second reply itself, not the first one still last until the send is answered.
    await expect(page.getByTestId('assistant-message')).toHaveCount(2);
    await expect(lastReply(page)).toContainText('Test reply to: Second question');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await send(page, 'Third question, right away');
    await expect(page.getByRole('article', { name: 'You said' })).toHaveCount(3);
    await expect(composer(page)).toHaveValue('');
    release();
    await expect(lastReply(page)).toContainText('Test reply to: Third question, right away');
  });

  test('shows the reply token by token and stops it mid-way', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, `${heldReply().marker} Tell me a long story`);
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'streaming');
    await expect(reply).toContainText('Test reply to: Tell me');
    const partial = (await reply.textContent()) ?? '';

    await page.getByRole('button', { name: 'Stop the reply' }).click();
    await expect(reply).toHaveAttribute('data-status', 'cancelled');
    await expect(reply).toContainText('You stopped this reply.');
    // The text written so far stays, and it is not the whole reply.
    await expect(reply).toContainText(partial.slice(0, 30));
    await expect(reply).not.toContainText('slow40');
    await expect(page.getByRole('button', { name: 'Send message' })).toBeVisible();
  });

  test('explains a failed reply in plain words and retries it', async ({ page, user: _user }) => {
    await page.goto('/');
    // [[failfirst]] fails the first reply to a given text, so the text is unique per run.
    await send(page, `[[failfirst]] Why is the sky blue? (${randomUUID().slice(0, 8)})`);
    const reply = lastReply(page);
    await expect(reply.getByRole('alert')).toContainText(
      'The reply failed before it was finished.',
    );
    await expect(reply).toHaveAttribute('data-status', 'failed');

    await reply.getByRole('button', { name: 'Retry' }).click();
    await expect(reply).toHaveAttribute('data-status', 'complete');
    await expect(reply).toContainText('Test reply to: Why is the sky blue?');
    await expect(reply.getByRole('alert')).toHaveCount(0);
  });

  test('regenerates the last reply', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, 'Give me a word');
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'complete');
    await reply.hover();
    await reply.getByRole('button', { name: 'Regenerate reply' }).click();
    await expect(reply).toHaveAttribute('data-status', 'complete');
    await expect(reply).toContainText('Test reply to: Give me a word');
    await expect(page.getByTestId('assistant-message')).toHaveCount(1);
  });

  test('renders Markdown with tables and copyable code, and never runs HTML', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, '[[markdown]] Show me something rich');
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'complete');
    await expect(reply.getByRole('heading', { name: 'Plan' })).toBeVisible();
    await expect(reply.getByRole('table')).toContainText('TypeScript');
    await expect(reply.getByRole('listitem')).toHaveCount(2);
    await expect(reply.locator('pre code')).toContainText('export function greet');
    await expect(reply.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await reply.getByRole('button', { name: 'Copy code' }).click();
    await expect(reply.getByRole('button', { name: 'Copied' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("return 'Hello, ' + name;");
  });

  test('Enter sends and Shift+Enter starts a new line', async ({ page, user: _user }) => {
    await page.goto('/');
    const field = composer(page);
    await field.fill('first line');
    await field.press('Shift+Enter');
    await field.pressSequentially('second line');
    await expect(field).toHaveValue('first line\nsecond line');
    await field.press('Enter');
    await expect(page.getByRole('article', { name: 'You said' })).toHaveText(
      /first line\s*second line/,
    );
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  });

  test('keeps the draft of each chat across a reload', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, 'Remember my draft');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await composer(page).fill('half-written thought');
    await page.reload();
    await expect(composer(page)).toHaveValue('half-written thought');
  });
});
