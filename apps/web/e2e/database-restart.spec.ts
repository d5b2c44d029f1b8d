// Live updates survive a database restart: every connection to the database is cut (as a restart
// does), and a change made afterwards still reaches an open dashboard without a reload — the
// server's relay listens again by itself. Runs alone, after every other test (its own project in
// playwright.config.ts), since cutting connections would break requests of tests running beside it.
import { terminateDatabaseConnections } from './support/database';
import { expect, test, trpcMutation } from './support/fixtures';
import { chatList, expectLive } from './support/live';

test('live updates go on after the database drops every connection', async ({
  page,
  user: _user,
}) => {
  await page.goto('/');
  await expectLive(page);
  await trpcMutation(page, 'chat.create', { title: 'Before the restart' });
  await expect(chatList(page).getByRole('link', { name: 'Before the restart' })).toBeVisible();

  expect(await terminateDatabaseConnections()).toBeGreaterThan(0);

  await trpcMutation(page, 'chat.create', { title: 'After the restart' });
  await expect(chatList(page).getByRole('link', { name: 'After the restart' })).toBeVisible();
  await expectLive(page);
});
