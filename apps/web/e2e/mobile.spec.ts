// The phone layout: the sidebar folds into a sheet opened from the header, and chatting works
// with a touch screen.
import { expect, lastReply, phone, send, test, trpcMutation } from './support/fixtures';

test.use({ ...phone, locale: 'en-US' });

test('works on a phone-sized screen', async ({ page, user: _user }) => {
  await trpcMutation(page, 'chat.create', { title: 'Earlier chat' });
  await page.goto('/');
  // The sidebar is folded away; the header opens it.
  await expect(page.getByRole('navigation', { name: 'Your chats' })).toBeHidden();
  await page.getByRole('button', { name: 'Open sidebar' }).click();
  const sheet = page.getByRole('dialog', { name: 'Chats' });
  await expect(sheet.getByRole('link', { name: 'Earlier chat' })).toBeVisible();
  await sheet.getByRole('link', { name: 'Earlier chat' }).click();
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Earlier chat');

  await send(page, 'Hello from my phone');
  await expect(lastReply(page)).toContainText('Test reply to: Hello from my phone');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  // Nothing overflows sideways.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('Escape takes a tooltip away before the sheet that holds it', async ({
  page,
  user: _user,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sidebar' }).click();
  const sheet = page.getByRole('dialog', { name: 'Chats' });
  await expect(sheet).toBeVisible();
  // Keyboard focus on an icon button shows its tooltip.
  await sheet.getByRole('button', { name: 'Select chats' }).focus();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toHaveText('Select chats');
  await page.keyboard.press('Escape');
  await expect(tooltip).toHaveCount(0);
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});
