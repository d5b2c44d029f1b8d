// A database restart drops every pooled connection; the next transaction must not fail for it.
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { createChat, createChatMetered, listChats } from '../src/queries/chats';
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

it('makes one chat when the one-round-trip create committed but its answer was lost', async () => {
  await seedUser(ctx.database, 'user_reconnect_one');
  // The first attempt reaches the server and commits; the socket then closes before the answer
  // arrives (as a restart can), so the create is tried again on another connection.
  const { pool } = ctx.database;
  let attempts = 0;
  const flaky = Object.create(pool) as typeof pool;
  flaky.query = (async (text: string) => {
    attempts++;
    const result = await pool.query(text);
    if (attempts === 1) throw new Error('Connection terminated unexpectedly');
    return result;
  }) as unknown as typeof pool.query;
  const created = await createChatMetered(
    { ...ctx.database, pool: flaky },
    { userId: 'user_reconnect_one', title: 'Once', source: 'api', titleSource: 'api' },
    { key: 'test:reconnect', points: 5, msDuration: 60_000, now: Date.now() },
  );
  expect(attempts).toBe(2);
  expect(created.chat?.title).toBe('Once');
  const { rows } = await pool.query<{ id: string }>(
    "select id from public.chats where user_id = 'user_reconnect_one'",
  );
  expect(rows.map((row) => row.id)).toEqual([created.chat?.id]);
});
