// A database restart drops every pooled connection; the next transaction must not fail for it.
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { createChat, listChats } from '../src/queries/chats';
import { withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();

it('runs a transaction on a fresh connection after the server dropped the pooled ones', async () => {
  await seedUser(ctx.database, 'user_reconnect');
  // Warm the pool so idle connections exist to be cut.
  await Promise.all(
    Array.from({ length: 4 }, () =>
      withUser(ctx.database, 'user_reconnect', (tx) =>
        listChats(tx, 'user_reconnect', { limit: 1 }),
      ),
    ),
  );
  const admin = postgres(ctx.test.url, { max: 1 });
  const cut = await admin`select pg_terminate_backend(pid) from pg_stat_activity
                          where datname = current_database() and pid <> pg_backend_pid()`;
  await admin.end();
  expect(cut.length).toBeGreaterThan(0);
  const chat = await withUser(ctx.database, 'user_reconnect', (tx) =>
    createChat(tx, {
      userId: 'user_reconnect',
      title: 'After',
      source: 'app',
      titleSource: 'user',
    }),
  );
  expect(chat.title).toBe('After');
});
