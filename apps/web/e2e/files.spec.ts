// Files in chats (issue 16) in Chromium: attach an image by the button, a PDF by drag and drop
// and a Markdown file by pasting; see the thumbnail and the upload finish; send; the reply (from
// the OpenAI test server) names the three files it received; the files stay after a reload; and
// deleting the chat deletes them from the local store.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { samplePdf, samplePng } from '@zatten/api/testing/sample-files';
import { composer, expect, lastReply, test, trpcMutation } from './support/fixtures';
import { expectLive, openChatId } from './support/live';
import { E2E } from './support/ports';

async function storedFiles(): Promise<string[]> {
  const root = path.join(E2E.dataDir, 'attachments');
  const owners = await readdir(root).catch(() => [] as string[]);
  const files: string[] = [];
  for (const owner of owners) {
    for (const name of await readdir(path.join(root, owner)).catch(() => [] as string[]))
      files.push(`${owner}/${name}`);
  }
  return files;
}

test.describe('files in chats', () => {
  test('attach by button, drop and paste; send; the reply names them; reload; delete', async ({
    page,
    user: _user,
  }, testInfo) => {
    test.setTimeout(90_000);
    await page.goto('/');
    await expectLive(page);
    const chips = page.getByTestId('composer-attachments').getByRole('listitem');

    // The limits are told before attaching: the button's description and its tooltip.
    const attach = page.getByRole('button', { name: 'Attach files' });
    const limits = 'Up to 5 files of 10 MB each: images, PDFs and text';
    await expect(attach).toHaveAccessibleDescription(limits);
    await attach.hover();
    await expect(page.getByRole('tooltip')).toContainText(limits);

    // The button opens the file picker.
    const chooser = page.waitForEvent('filechooser');
    await attach.click();
    await (await chooser).setFiles({
      name: 'chart.png',
      mimeType: 'image/png',
      buffer: Buffer.from(samplePng(64, 48)),
    });
    await expect(page.getByTestId('attachment-thumbnail')).toBeVisible();
    await expect(chips.nth(0)).toHaveAttribute('data-status', 'ready');

    // Drag and drop onto the composer.
    const pdf = Array.from(samplePdf('Quarterly report'));
    const transfer = await page.evaluateHandle((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'report.pdf', { type: 'application/pdf' }));
      return data;
    }, pdf);
    const form = page.locator('form').filter({ has: composer(page) });
    await form.dispatchEvent('dragover', { dataTransfer: transfer });
    await form.dispatchEvent('drop', { dataTransfer: transfer });
    await expect(chips.nth(1)).toHaveAttribute('data-status', 'ready');

    // Paste from the clipboard into the message field.
    await composer(page).evaluate((field) => {
      const data = new DataTransfer();
      data.items.add(
        new File(['# Notes\n\n- one\n- two\n'], 'notes.md', { type: 'text/markdown' }),
      );
      field.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await expect(chips.nth(2)).toHaveAttribute('data-status', 'ready');
    await expect(chips).toHaveCount(3);
    await page.screenshot({ path: testInfo.outputPath('composer-with-files.png') });

    // A refused file is explained and removable.
    await page.getByTestId('attachment-input').setInputFiles({
      name: 'tool.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0xff, 0xfe]),
    });
    await expect(chips.nth(3)).toHaveAttribute('data-status', 'error');
    await expect(chips.nth(3).getByRole('alert')).toContainText('tool.exe cannot be attached');
    await chips.nth(3).getByRole('button', { name: 'Remove tool.exe' }).click();
    await expect(chips).toHaveCount(3);

    await composer(page).fill('What is in these files?');
    await composer(page).press('Enter');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await expect(lastReply(page)).toContainText(
      'Test reply to: What is in these files? [files: chart.png (image), report.pdf (file), notes.md (text)]',
    );
    const sent = page.getByTestId('message-attachments');
    await expect(sent.getByTestId('message-thumbnail')).toBeVisible();
    await expect(sent.getByRole('link', { name: 'Open report.pdf' })).toBeVisible();
    await expect(page.getByTestId('composer-attachments')).toHaveCount(0);
    // The thumbnail really loaded from its signed URL.
    await expect
      .poll(() =>
        sent
          .getByTestId('message-thumbnail')
          .evaluate((image: HTMLImageElement) => image.naturalWidth),
      )
      .toBe(64);
    await page.screenshot({ path: testInfo.outputPath('sent-with-files.png') });

    await page.reload();
    // A loaded machine takes a while to render the chat again; nothing here depends on timing.
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    await expect(page.getByTestId('message-thumbnail')).toBeVisible();
    await expect(lastReply(page)).toContainText('[files: chart.png (image)');
    expect(await storedFiles()).toHaveLength(3);

    await trpcMutation(page, 'chat.delete', { id: openChatId(page) });
    await expect.poll(storedFiles).toEqual([]);
  });
});
