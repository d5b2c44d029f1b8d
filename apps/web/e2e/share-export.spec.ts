// Issue 17 in the browser: math in a reply (KaTeX, loaded on demand), thumbs up/down, a share
// link opened signed out (noindex, no author email) and revoked (404 at once), and export then
// import (the app's archive round trip and a multi-branch ChatGPT export, with the summary).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, lastReply, send, test, trpcMutation } from './support/fixtures';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/i17');

test.describe('find, keep and share', () => {
  // Every test signs in a fresh person (the `user` fixture) and may run long on a busy machine.
  test.beforeEach(() => test.setTimeout(120_000));

  test('math renders with KaTeX in a reply; prices stay text', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, 'Show me some math [[math]]');
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'complete');
    await expect(reply.locator('.katex')).toHaveCount(4);
    await expect(reply.locator('.katex-display')).toHaveCount(2);
    await expect(reply).toContainText('it costs $5 and $10.');
    await expect(reply.locator('.katex-error')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/math-reply.png` });
  });

  test('thumbs up, change to down, clear; kept across a reload', async ({ page, user: _user }) => {
    await page.goto('/');
    await send(page, 'Rate me');
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'complete');
    const up = reply.getByRole('button', { name: 'Good response' });
    const down = reply.getByRole('button', { name: 'Bad response' });
    await up.click();
    await expect(up).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(lastReply(page).getByRole('button', { name: 'Good response' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await lastReply(page).getByRole('button', { name: 'Bad response' }).click();
    await expect(lastReply(page).getByRole('button', { name: 'Bad response' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(lastReply(page).getByRole('button', { name: 'Good response' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await down.click();
    await expect(down).toHaveAttribute('aria-pressed', 'false');
  });

  test('a share link opens signed out; revoking it gives 404 at once', async ({
    page,
    browser,
    user,
  }) => {
    await page.goto('/');
    await send(page, 'Share this [[math]]');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await page.getByTestId('share-chat').click();
    await page.getByTestId('share-create').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{24}$/);
    await page.screenshot({ path: `${SHOTS}/share-dialog.png` });
    await page.keyboard.press('Escape');

    // Written after sharing: not in the snapshot.
    await send(page, 'A later, private question');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

    const visitor = await browser.newContext();
    const anonymous = await visitor.newPage();
    const response = await anonymous.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['x-robots-tag']).toContain('noindex');
    await expect(anonymous.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await expect(anonymous.getByText('Share this [[math]]')).toBeVisible();
    await expect(anonymous.getByTestId('shared-reply').locator('.katex')).toHaveCount(4);
    await expect(anonymous.getByText('A later, private question')).toHaveCount(0);
    expect(await anonymous.content()).not.toContain(user.email);
    await anonymous.screenshot({ path: `${SHOTS}/share-page.png`, fullPage: true });

    // The owner revokes it in Settings → Data.
    await page.goto('/settings/data');
    const links = page.getByTestId('shared-links');
    await expect(links.getByRole('link')).toHaveCount(1);
    await page.screenshot({ path: `${SHOTS}/settings-data.png`, fullPage: true });
    await links.getByRole('button', { name: /^Revoke/ }).click();
    await expect(page.getByText('You have not shared any chat.')).toBeVisible();
    const gone = await anonymous.goto(url);
    expect(gone?.status()).toBe(404);
    await visitor.close();
  });

  test('export everything, delete a chat, import the archive back; ChatGPT import', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, 'Keep this one');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const chatId = new URL(page.url()).pathname.split('/').pop() as string;

    await page.goto('/settings/data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-all').click(),
    ]);
    const archive = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
    expect(archive).toMatchObject({ format: 'zatten-chat-archive', version: 1 });
    expect(archive.chats).toHaveLength(1);

    await trpcMutation(page, 'chat.delete', { id: chatId });
    await page.reload();
    const file = {
      name: 'zatten-chat.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(archive)),
    };
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-summary')).toHaveText('1 chat imported, none skipped.');
    // Again: nothing new.
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-summary')).toHaveText(
      'No chats imported, 1 skipped (already imported).',
    );

    // A ChatGPT export with an edited question: both versions arrive, the current one on screen.
    const node = (id: string, parent: string | null, role: string | null, text: string) => ({
      id,
      parent,
      children: [] as string[],
      message: role
        ? {
            author: { role },
            content: { content_type: 'text', parts: [text] },
            create_time: 1_700_000_000,
          }
        : null,
    });
    const nodes = [
      node('root', null, null, ''),
      node('q1', 'root', 'user', 'Old question'),
      node('a1', 'q1', 'assistant', 'Old answer'),
      node('q1b', 'root', 'user', 'Edited question'),
      node('a1b', 'q1b', 'assistant', 'Edited answer with $x^2$'),
    ];
    for (const n of nodes) if (n.parent) nodes.find((p) => p.id === n.parent)?.children.push(n.id);
    const conversations = [
      {
        id: 'gpt-1',
        title: 'From ChatGPT',
        create_time: 1_700_000_000,
        current_node: 'a1b',
        mapping: Object.fromEntries(nodes.map((n) => [n.id, n])),
      },
    ];
    await page.getByTestId('import-file').setInputFiles({
      name: 'conversations.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(conversations)),
    });
    await expect(page.getByTestId('import-summary')).toHaveText('1 chat imported, none skipped.');
    await page.screenshot({ path: `${SHOTS}/import-summary.png`, fullPage: true });

    await page.getByRole('link', { name: 'From ChatGPT' }).first().click();
    await expect(page.getByText('Edited answer with')).toBeVisible();
    await expect(page.getByText('Old question')).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Versions' })).toContainText('2 / 2');
    await expect(lastReply(page).locator('.katex')).toHaveCount(1);

    // A file that is neither format is refused with a message.
    await page.goto('/settings/data');
    await page.getByTestId('import-file').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello":"world"}'),
    });
    await expect(page.getByTestId('import-summary')).toContainText('not a ChatGPT export');
  });
});
