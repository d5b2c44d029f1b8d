// What a local installation's pages download before they run: no Clerk code (it is not
// configured), not the Markdown renderer (react-markdown, GFM and highlight.js arrive when a
// chat view mounts), not Radix Toast (fetched when the page is idle, drawn with the first toast),
// neither Radix Menu nor Radix Dialog (fetched once a menu or dialog has mounted), not the
// tooltips' floating label (fetched once a tooltip has mounted), not the ICU message parser
// (the catalogues are precompiled), not tailwind-merge's default configuration (`cn` is built
// from the class groups the app uses) nor Radix Avatar, and none of the pieces that only act on a
// press: menu items and the dialogs they open, the share dialog, the bulk selection bar, the
// branch editor, the attachment chips, the error notices (fetched once their trigger or view has
// mounted, when the page is idle or when the pointer comes near). Until the renderer arrives a
// reply shows its text as written; a menu, dialog or tooltip asked for before its code arrives
// opens when it does.
import type { Page } from '@playwright/test';
import { expect, lastReply, send, test } from './support/fixtures';
import { expectLive } from './support/live';

/** The text of every script the server-rendered page loads in a browser with modules. */
async function firstLoadScripts(page: Page, path: string): Promise<string[]> {
  const html = await (await page.request.get(path)).text();
  const sources = [...html.matchAll(/<script([^>]*)>/g)]
    .map((match) => match[1] ?? '')
    .filter((attributes) => !/\bnomodule\b/i.test(attributes))
    .map((attributes) => /\bsrc="([^"]+)"/.exec(attributes)?.[1])
    .filter((src): src is string => Boolean(src));
  expect(sources.length).toBeGreaterThan(0);
  return Promise.all(sources.map(async (src) => (await page.request.get(src)).text()));
}

/**
 * Holds back every chunk whose code contains `marker` (the page's other chunks pass) until the
 * returned function is called.
 */
async function holdChunk(page: Page, marker: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/_next/static/chunks/**', async (route) => {
    try {
      const response = await route.fetch();
      const body = await response.text();
      if (body.includes(marker)) await released;
      await route.fulfill({ response, body });
    } catch (error) {
      // A chunk still in flight when the test ends (the highlighting worker's, fetched late):
      // the page is gone and so is its response. Anything else is the test's failure.
      const gone = /disposed|has been closed/.test(String(error));
      if (!page.isClosed() && !gone) throw error;
    }
  });
  return release;
}

/** Code of the pieces that only act on a press (or on a failure), with a string only each has. */
const PRESS_ONLY: Array<[string, string]> = [
  ['the chat menu items (export)', 'export-markdown'],
  ['the rename dialog', 'renameDescription'],
  ['the share dialog', 'share-create'],
  ['the bulk selection bar', 'deleteManyTitle'],
  ['the branch editor', 'editorLabel'],
  ['the attachment chips', 'composer-attachments'],
  ['the assistant menu', 'personalOn'],
  ['the reply error', 'data-error-code'],
  ['the send failure notice', 'sendError'],
];

test('the first load carries no Clerk, Markdown renderer, toasts, menus or dialogs', async ({
  page,
  user: _user,
}) => {
  await page.goto('/');
  await send(page, '[[markdown]] Show me something rich');
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  const chatPath = new URL(page.url()).pathname;
  for (const path of ['/', chatPath]) {
    for (const script of await firstLoadScripts(page, path)) {
      expect(script, `Clerk in the first load of ${path}`).not.toContain('@clerk/');
      expect(script, `highlight.js in the first load of ${path}`).not.toContain('hljs');
      expect(script, `micromark in the first load of ${path}`).not.toContain('micromark');
      // Radix Toast's swipe event.
      expect(script, `Radix Toast in the first load of ${path}`).not.toContain('toast.swipeStart');
      // Radix Menu's select event.
      expect(script, `Radix Menu in the first load of ${path}`).not.toContain('menu.itemSelect');
      // Radix's focus guards, which every dialog (and modal menu) sets around itself.
      expect(script, `Radix Dialog in the first load of ${path}`).not.toContain(
        'data-radix-focus-guard',
      );
      // floating-ui's platform method, which positions the tooltips.
      expect(script, `floating-ui in the first load of ${path}`).not.toContain('getClippingRect');
      // An error kind of the ICU message parser.
      expect(script, `the ICU parser in the first load of ${path}`).not.toContain(
        'EXPECT_ARGUMENT_CLOSING_BRACE',
      );
      // A class group of tailwind-merge's default configuration that the app does not use.
      expect(script, `tailwind-merge's default config in the first load of ${path}`).not.toContain(
        'snap-strictness',
      );
      // Radix Avatar's image part.
      expect(script, `Radix Avatar in the first load of ${path}`).not.toContain('AvatarImage');
      for (const [piece, marker] of PRESS_ONLY) {
        expect(script, `${piece} in the first load of ${path}`).not.toContain(marker);
      }
    }
  }
  // Neither page brings the conversation (the message list and its messages) along: the
  // new-chat screen fetches it when idle, a chat as its code runs, before the messages arrive.
  for (const path of ['/', chatPath]) {
    for (const script of await firstLoadScripts(page, path)) {
      expect(script, `the conversation in the first load of ${path}`).not.toContain(
        'assistant-message',
      );
    }
  }
});

test.describe('with the renderer held back', () => {
  // A registered service worker sees the page's requests first, and page.route would miss them.
  test.use({ serviceWorkers: 'block' });

  test('a reply shows its plain text until the Markdown renderer arrives', async ({
    page,
    user: _user,
  }) => {
    await page.goto('/');
    await send(page, '[[markdown]] Show me something rich');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

    // Reopen the chat with the renderer's chunk held back until the plain text has been checked.
    const release = await holdChunk(page, 'micromark');
    await page.reload();
    const reply = lastReply(page);
    await expect(reply).toHaveAttribute('data-status', 'complete');
    const plain = reply.locator('[data-plain]');
    await expect(plain).toContainText('| TypeScript');
    await expect(plain.locator('p')).toHaveAttribute('dir', 'auto');
    await expect(plain.locator('p')).toHaveCSS('white-space', 'pre-wrap');
    await expect(reply.getByRole('heading', { name: 'Plan' })).toHaveCount(0);

    release();
    await expect(reply.getByRole('heading', { name: 'Plan' })).toBeVisible();
    await expect(reply.getByRole('table')).toContainText('TypeScript');
    await expect(reply.locator('[data-plain]')).toHaveCount(0);
  });
});

test.describe('with the menus held back', () => {
  test.use({ serviceWorkers: 'block' });

  test('a menu pressed before its code arrives opens when it does', async ({
    page,
    user: _user,
  }) => {
    // Radix Menu's select event: the menus' chunk.
    const release = await holdChunk(page, 'menu.itemSelect');
    // The held chunk is asked for while the page loads: waiting for `load` would wait for it.
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    // Acting before the page's script runs would act on inert HTML.
    await expectLive(page);
    const account = page.getByRole('button', { name: /Account and settings/ });
    await expect(account).toHaveAttribute('aria-haspopup', 'menu');
    await expect(account).toHaveAttribute('aria-expanded', 'false');
    await account.click();
    await expect(page.getByRole('menu')).toHaveCount(0);

    release();
    await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(account).toBeFocused();

    // Pressed with the keyboard once the code is there, it behaves as it always has.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
  });
});

test.describe('with the dialogs held back', () => {
  test.use({ serviceWorkers: 'block' });

  test('a dialog asked for before its code arrives opens when it does', async ({
    page,
    user: _user,
  }) => {
    // Radix's focus guards: the dialogs' chunk.
    const release = await holdChunk(page, 'data-radix-focus-guard');
    // The held chunk is asked for while the page loads: waiting for `load` would wait for it.
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    // Acting before the page's script runs would act on inert HTML.
    await expectLive(page);
    await send(page, 'Something to share');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const share = page.getByTestId('share-chat');
    await expect(share).toHaveAttribute('aria-haspopup', 'dialog');
    await share.click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    release();
    const dialog = page.getByRole('dialog', { name: 'Share chat' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(share).toBeFocused();
  });
});

test.describe('with the tooltips held back', () => {
  test.use({ serviceWorkers: 'block' });

  test('a tooltip asked for before its code arrives shows when it does, and Escape closes it', async ({
    page,
    user: _user,
  }) => {
    // floating-ui's platform method: the tooltips' chunk.
    const release = await holdChunk(page, 'getClippingRect');
    // The held chunk is asked for while the page loads: waiting for `load` would wait for it.
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    await expectLive(page);
    const close = page.getByRole('button', { name: 'Close sidebar' });
    // Keyboard focus shows a tooltip at once (a press does not).
    await close.focus();
    await expect(close).toHaveAttribute('data-state', 'instant-open');
    await expect(page.getByRole('tooltip')).toHaveCount(0);

    release();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toHaveText('Close sidebar');
    await expect(close).toHaveAccessibleDescription('Close sidebar');
    await page.keyboard.press('Escape');
    await expect(tooltip).toHaveCount(0);
    await expect(close).toBeFocused();

    // Under the pointer, after its pause; leaving closes it.
    const select = page.getByRole('button', { name: 'Select chats' });
    await select.hover();
    await expect(page.getByRole('tooltip')).toHaveText('Select chats');
    await page.mouse.move(0, 0);
    await expect(page.getByRole('tooltip')).toHaveCount(0);
  });
});
