// Row Level Security, through the same entry points the server uses.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChat, deleteChat, getChat, listChats, renameChat } from '../src/queries/chats';
import { appendMessage, listMessages, updateMessage } from '../src/queries/messages';
import { withService, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();
let chatOfB: string;
let messageOfB: string;

beforeAll(async () => {
  await seedUser(ctx.database, 'user_a');
  await seedUser(ctx.database, 'user_b');
  const chat = await withUser(ctx.database, 'user_b', (tx) =>
    createChat(tx, { userId: 'user_b', title: 'B private', source: 'app', titleSource: 'user' }),
  );
  chatOfB = chat.id;
  const message = await withUser(ctx.database, 'user_b', (tx) =>
    appendMessage(tx, {
      chatId: chat.id,
      userId: 'user_b',
      role: 'user',
      content: 'secret',
      status: 'complete',
    }),
  );
  messageOfB = message.id;
});

describe('RLS on chats and messages', () => {
  it('lets the owner read their own rows', async () => {
    const page = await withUser(ctx.database, 'user_b', (tx) =>
      listChats(tx, 'user_b', { limit: 10 }),
    );
    expect(page.items.map((c) => c.id)).toEqual([chatOfB]);
    const messages = await withUser(ctx.database, 'user_b', (tx) =>
      listMessages(tx, chatOfB, { limit: 10 }),
    );
    expect(messages.items.map((m) => m.content)).toEqual(['secret']);
  });

  it("hides another user's chats and messages, even when asked by id", async () => {
    await withUser(ctx.database, 'user_a', async (tx) => {
      expect(await getChat(tx, chatOfB)).toBeUndefined();
      expect((await listChats(tx, 'user_b', { limit: 10 })).items).toEqual([]);
      expect((await listMessages(tx, chatOfB, { limit: 10 })).items).toEqual([]);
    });
  });

  it("cannot update or delete another user's rows", async () => {
    await expect(
      withUser(ctx.database, 'user_a', (tx) => renameChat(tx, chatOfB, 'hijacked')),
    ).rejects.toMatchObject({ reason: 'chat_not_found' });
    await expect(
      withUser(ctx.database, 'user_a', (tx) => deleteChat(tx, chatOfB)),
    ).rejects.toMatchObject({ reason: 'chat_not_found' });
    // Users write no message fields at all (replies are the service path's; see
    // data-api-surface.test.ts), so this is refused before RLS is even asked.
    await expect(
      withUser(ctx.database, 'user_a', (tx) =>
        updateMessage(tx, messageOfB, { content: 'changed' }),
      ),
    ).rejects.toThrow(/permission denied/);
    const still = await withUser(ctx.database, 'user_b', (tx) => getChat(tx, chatOfB));
    expect(still?.title).toBe('B private');
    const messages = await withUser(ctx.database, 'user_b', (tx) =>
      listMessages(tx, chatOfB, { limit: 10 }),
    );
    expect(messages.items[0]?.content).toBe('secret');
  });

  it('cannot insert rows owned by another user', async () => {
    await expect(
      withUser(ctx.database, 'user_a', (tx) =>
        createChat(tx, { userId: 'user_b', title: 'planted', source: 'app', titleSource: 'user' }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withUser(ctx.database, 'user_a', (tx) =>
        appendMessage(tx, {
          chatId: chatOfB,
          userId: 'user_b',
          role: 'user',
          content: 'planted',
          status: 'complete',
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    // Nor a message of their own inside B's chat: the (chat, owner) foreign key refuses it.
    await expect(
      withUser(ctx.database, 'user_a', (tx) =>
        appendMessage(tx, {
          chatId: chatOfB,
          userId: 'user_a',
          role: 'user',
          content: 'planted',
          status: 'complete',
        }),
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('shows nothing to a missing or malformed claim', async () => {
    const count = (claims: string | null) =>
      ctx.database.db.transaction().execute(async (tx) => {
        if (claims !== null) {
          await sql`select set_config('request.jwt.claims', ${claims}, true)`.execute(tx);
        }
        await sql`select set_config('role', 'authenticated', true)`.execute(tx);
        const rows = await sql<{ n: number }>`
          select (select count(*) from public.chats)::int
               + (select count(*) from public.messages)::int as n`.execute(tx);
        return rows.rows[0]?.n;
      });
    expect(await count(null)).toBe(0);
    expect(await count('{}')).toBe(0);
    expect(await count('{"sub": ""}')).toBe(0);
    expect(await count('{"sub": null}')).toBe(0);
    await expect(count('not json')).rejects.toThrow(/invalid input syntax for type json/);
  });

  it('keeps api keys and idempotency records away from users entirely', async () => {
    await expect(
      withUser(ctx.database, 'user_a', (tx) => tx.selectFrom('api_keys').select('id').execute()),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withUser(ctx.database, 'user_a', (tx) =>
        tx.selectFrom('idempotency_keys').select('key').execute(),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('lets the service path act across users', async () => {
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, {
        userId: 'user_a',
        title: 'From a system',
        source: 'api',
        titleSource: 'api',
      }),
    );
    expect(chat.user_id).toBe('user_a');
    const all = await withService(ctx.database, (tx) =>
      tx.selectFrom('chats').select('user_id').execute(),
    );
    expect(new Set(all.map((c) => c.user_id))).toEqual(new Set(['user_a', 'user_b']));
  });
});

describe('the scope of a transaction', () => {
  it('carries claims with quotes and backslashes intact, and ends with the transaction', async () => {
    const claims = { sub: "o'brien\\x", role: 'authenticated', name: "it's" };
    const seen = await withUser(ctx.database, claims, async (tx) => {
      const { rows } = await sql<{ sub: string; role: string }>`
        select auth.jwt()->>'sub' as sub, current_user as role`.execute(tx);
      return rows[0];
    });
    expect(seen).toEqual({ sub: "o'brien\\x", role: 'authenticated' });
    const after = await sql<{ claims: string | null }>`
      select nullif(current_setting('request.jwt.claims', true), '') as claims`.execute(
      ctx.database.db,
    );
    expect(after.rows[0]?.claims ?? null).toBeNull();
  });

  it('rolls back everything when the work fails', async () => {
    await expect(
      withService(ctx.database, async (tx) => {
        await renameChat(tx, chatOfB, 'rolled back');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const chat = await withService(ctx.database, (tx) => getChat(tx, chatOfB));
    expect(chat?.title).toBe('B private');
  });
});
