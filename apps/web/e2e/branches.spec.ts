// Conversations as trees in the browser: edit a sent message inline (Esc cancels, Enter sends),
// regenerate a reply as a new version, switch between versions with the "‹ n/m ›" switcher (by
// mouse and by keyboard), and the choice kept across a reload and followed live by another
// window of the same person.
import { expect, lastReply, send, test } from './support/fixtures';
import { expectLive, openAs } from './support/live';

test.describe('branches', () => {
  test('edit, regenerate, switch, reload, and a second window follows', async ({
    page,
    browser,
    user,
  }) => {
    // One long story across two windows: more than the default 45 s on a busy machine.
    test.setTimeout(120_000);
    await page.goto('/');
    await expectLive(page);
    await send(page, 'What is the capital of France?');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await send(page, 'And of Spain?');
    await expect(lastReply(page)).toContainText('Test reply to: And of Spain?');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const second = await openAs(browser, user, new URL(page.url()).pathname);
    await expect(lastReply(second)).toContainText('Test reply to: And of Spain?');

    const questions = page.getByRole('article', { name: 'You said' });
    const spain = questions.filter({ hasText: 'And of Spain?' });

    // Esc puts the message back unchanged.
    await spain.getByRole('button', { name: 'Edit message' }).click();
    const editor = page.getByRole('textbox', { name: 'Edit your message' });
    await expect(editor).toBeFocused();
    await editor.fill('Never mind');
    await editor.press('Escape');
    await expect(editor).toHaveCount(0);
    await expect(spain).toBeVisible();

    // Enter sends the edit: a second version of the question with its own reply.
    await spain.getByRole('button', { name: 'Edit message' }).click();
    await editor.fill('And of Portugal?');
    await editor.press('Enter');
    await expect(lastReply(page)).toContainText('Test reply to: And of Portugal?');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const portugal = questions.filter({ hasText: 'And of Portugal?' });
    await expect(portugal.getByRole('group', { name: 'Versions' })).toContainText('2 / 2');
    await expect(page.getByText('And of Spain?')).toHaveCount(0);
    // The other window follows the new branch by itself.
    await expect(lastReply(second)).toContainText('Test reply to: And of Portugal?');

    // Regenerate: a second version of the reply; the first is kept.
    await lastReply(page).getByRole('button', { name: 'Regenerate reply' }).click();
    await expect(lastReply(page).getByRole('group', { name: 'Versions' })).toContainText('2 / 2');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await lastReply(page).getByRole('button', { name: 'Previous version' }).click();
    await expect(lastReply(page).getByRole('group', { name: 'Versions' })).toContainText('1 / 2');

    // Switch the question back to its first version: its whole continuation returns.
    await portugal.getByRole('button', { name: 'Previous version' }).click();
    await expect(spain.getByRole('group', { name: 'Versions' })).toContainText('1 / 2');
    await expect(lastReply(page)).toContainText('Test reply to: And of Spain?');
    await expect(page.getByText('And of Portugal?')).toHaveCount(0);
    await expect(lastReply(second)).toContainText('Test reply to: And of Spain?');
    await expect(second.getByText('And of Portugal?')).toHaveCount(0);

    // Remembered across a reload.
    await page.reload();
    await expect(lastReply(page)).toContainText('Test reply to: And of Spain?');
    await expect(spain.getByRole('group', { name: 'Versions' })).toContainText('1 / 2');

    // By keyboard: focus the switcher's next button and press Enter.
    const next = spain.getByRole('button', { name: 'Next version' });
    await next.focus();
    await next.press('Enter');
    await expect(lastReply(page)).toContainText('Test reply to: And of Portugal?');
    await expect(lastReply(second)).toContainText('Test reply to: And of Portugal?');
  });
});
