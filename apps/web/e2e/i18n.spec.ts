// Language: Brazilian Portuguese by default and for Portuguese browsers, English for English
// ones, and a choice in the user menu that is remembered.
import { expect, test } from '@playwright/test';
import { composer, lastReply, newUser, signIn, trpcMutation } from './support/fixtures';

test.describe('language', () => {
  test.describe('Portuguese browser', () => {
    test.use({ locale: 'pt-BR' });

    test('speaks Brazilian Portuguese', async ({ page }) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('heading', { name: 'Boas-vindas ao Zatten' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'pt-BR');
      await signIn(page, newUser('Carla Dias'));
      await trpcMutation(page, 'chat.create', {});
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Como posso ajudar, Carla?' })).toBeVisible();
      // An unnamed chat shows the placeholder title in the reader's language.
      await expect(
        page.getByRole('navigation', { name: 'Suas conversas' }).getByRole('link'),
      ).toHaveText('Nova conversa');
      await expect(composer(page)).toHaveAttribute('placeholder', 'Mensagem para o Zatten');
    });
  });

  test.describe('browser without a language we speak', () => {
    test.use({ locale: 'de-DE' });

    test('falls back to Brazilian Portuguese', async ({ page }) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('heading', { name: 'Boas-vindas ao Zatten' })).toBeVisible();
    });
  });

  test('speaks English to English browsers and switches language on request', async ({ page }) => {
    await signIn(page, newUser('Diego Rocha'));
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'How can I help, Diego?' })).toBeVisible();

    await page.getByRole('button', { name: /Account and settings/ }).click();
    await page.getByRole('menuitemradio', { name: 'Português (Brasil)' }).click();
    await expect(page.getByRole('heading', { name: 'Como posso ajudar, Diego?' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Como posso ajudar, Diego?' })).toBeVisible();

    // Failure reasons are translated too.
    await composer(page).fill('[[fail]] Por que o céu é azul?');
    await composer(page).press('Enter');
    await expect(lastReply(page).getByRole('alert')).toContainText(
      'A resposta falhou antes de terminar.',
    );
  });
});
