// Conversations as trees on real Postgres: the migration of chats written by the previous schema,
// the shape the database enforces whoever writes, paging along the active branch, versions and
// the tip a switch lands on.
import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import postgres from 'postgres';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../src/client';
import { migrate } from '../src/migrate';
import { migrationsDir } from '../src/paths';
import { createChat, getChat } from '../src/queries/chats';
import { encodeCursor } from '../src/queries/cursor';
import {
  appendExchange,
  appendReply,
  branchPath,
  listBranch,
  listBranchAs,
  newestTipUnder,
  setActiveLeaf,
} from '../src/queries/message-tree';
import { appendMessage, messageColumns, updateMessage } from '../src/queries/messages';
import { withService, withUser } from '../src/scope';
import { createTestDatabase, statementsSentBy } from '../src/testing';
import { seedUser, useDatabase } from './helpers';

const TREE_MIGRATION = '20261130000400_message_tree.sql';

type ListOptions = { limit: number; cursor?: string | null };

describe('the message tree migration', () => {
  it('turns each chat written by the previous schema into one linear branch, changing nothing else', async () => {
    const db = await createTestDatabase(inject('testServer'), { migrated: false });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zatten-tree-'));
    const raw = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      // The schema as it was before this migration (and any later ones).
      const earlier = (await readdir(migrationsDir)).filter(
        (file) => file.endsWith('.sql') && file < TREE_MIGRATION,
      );
      for (const file of earlier) {
        await copyFile(path.join(migrationsDir, file), path.join(dir, file));
      }
      await migrate(db.url, { dir });

      // Data as the old code wrote it: a two-exchange chat (one reply regenerated in place,
      // one failed), a chat with a lone question, an empty chat, and rows with equal timestamps.
      await raw`insert into public.users (id, email) values ('old_user', 'old@example.com')`;
      const [assistant] = await raw`select id from public.assistants where is_default`;
      const chats = await raw`
        insert into public.chats (user_id, assistant_id, title)
        values ('old_user', ${assistant?.id}, 'Two exchanges'),
               ('old_user', ${assistant?.id}, 'Lone question'),
               ('old_user', ${assistant?.id}, 'Empty')
        returning id`;
      const [two, lone, empty] = chats.map((row) => row.id as string) as [string, string, string];
      const at = (seconds: number) => new Date(Date.UTC(2026, 9, 1, 12, 0, seconds)).toISOString();
      await raw`
        insert into public.messages (chat_id, user_id, role, content, status, error_code, created_at, updated_at)
        values (${two}, 'old_user', 'user', 'q1', 'complete', null, ${at(1)}, ${at(1)}),
               (${two}, 'old_user', 'assistant', 'a1', 'complete', null, ${at(2)}, ${at(3)}),
               (${two}, 'old_user', 'user', 'q2', 'complete', null, ${at(4)}, ${at(4)}),
               (${two}, 'old_user', 'assistant', '', 'failed', 'server_error', ${at(5)}, ${at(6)}),
               (${lone}, 'old_user', 'user', 'only', 'complete', null, ${at(7)}, ${at(7)})`;
      const before = await raw`
        select id, chat_id, role, content, status, updated_at from public.messages
        order by created_at, id`;
      const chatsBefore =
        await raw`select id, updated_at, last_activity_at from public.chats order by id`;
      const [{ n: eventsBefore }] = (await raw`
        select count(*)::int as n from realtime.messages`) as unknown as [{ n: number }];

      // The rest of the migrations, this one among them.
      for (const file of await readdir(migrationsDir)) {
        await copyFile(path.join(migrationsDir, file), path.join(dir, file));
      }
      const result = await migrate(db.url, { dir });
      expect(result.applied).toContain(TREE_MIGRATION);

      // Nothing lost, no content or timestamp changed, no flood of realtime events.
      const after = await raw`
        select id, chat_id, role, content, status, updated_at from public.messages
        order by created_at, id`;
      expect(after).toEqual(before);
      expect(
        await raw`select id, updated_at, last_activity_at from public.chats order by id`,
      ).toEqual(chatsBefore);
      const [{ n: eventsAfter }] = (await raw`
        select count(*)::int as n from realtime.messages`) as unknown as [{ n: number }];
      expect(eventsAfter).toBe(eventsBefore);

      const database = createDatabase(db.url);
      try {
        const page = await withUser(database, 'old_user', (tx) =>
          listBranch(tx, two as string, { limit: 10 }),
        );
        expect(page.items.map((m) => m.content)).toEqual(['q1', 'a1', 'q2', '']);
        expect(page.items.map((m) => m.parent_id)).toEqual([
          null,
          page.items[0]?.id,
          page.items[1]?.id,
          page.items[2]?.id,
        ]);
        expect(page.siblings).toEqual({});
        const chatTwo = await withService(database, (tx) => getChat(tx, two as string));
        expect(chatTwo?.active_leaf_id).toBe(page.items[3]?.id);
        const chatLone = await withService(database, (tx) => getChat(tx, lone as string));
        const loneBranch = await withUser(database, 'old_user', (tx) =>
          listBranch(tx, lone as string, { limit: 10 }),
        );
        expect(loneBranch.items.map((m) => m.content)).toEqual(['only']);
        expect(chatLone?.active_leaf_id).toBe(loneBranch.items[0]?.id);
        const chatEmpty = await withService(database, (tx) => getChat(tx, empty as string));
        expect(chatEmpty?.active_leaf_id).toBeNull();

        // The migrated chat goes on: a new exchange continues its branch.
        const next = await withUser(database, 'old_user', (tx) =>
          appendExchange(tx, {
            chatId: two as string,
            userId: 'old_user',
            parentId: page.items[3]?.id ?? null,
            content: 'q3',
          }),
        );
        const longer = await withUser(database, 'old_user', (tx) =>
          listBranch(tx, two as string, { limit: 10 }),
        );
        expect(longer.items.map((m) => m.content)).toEqual(['q1', 'a1', 'q2', '', 'q3', '']);
        expect(longer.items.at(-1)?.id).toBe(next.assistantMessage.id);
      } finally {
        await database.close();
      }
    } finally {
      await raw.end();
      await db.drop();
    }
  });
});

describe('the conversation tree', () => {
  const ctx = useDatabase();
  let chatId: string;
  let otherChatId: string;
  // q1 -> a1 -> q2 -> a2, then an edit of q2 (q2b -> a2b) and a regenerate of a2b (a2c).
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await seedUser(ctx.database, 'tree_ana');
    await seedUser(ctx.database, 'tree_bob');
    await withUser(ctx.database, 'tree_ana', async (tx) => {
      chatId = (
        await createChat(tx, {
          userId: 'tree_ana',
          title: 'Tree',
          source: 'app',
          titleSource: 'user',
        })
      ).id;
      otherChatId = (
        await createChat(tx, {
          userId: 'tree_ana',
          title: 'Other',
          source: 'app',
          titleSource: 'user',
        })
      ).id;
    });
    const exchange = async (parentId: string | null, content: string) => {
      const pair = await withUser(ctx.database, 'tree_ana', (tx) =>
        appendExchange(tx, { chatId, userId: 'tree_ana', parentId, content }),
      );
      await withService(ctx.database, (tx) =>
        updateMessage(tx, pair.assistantMessage.id, {
          status: 'complete',
          content: `re ${content}`,
        }),
      );
      return pair;
    };
    const first = await exchange(null, 'q1');
    ids.q1 = first.userMessage.id;
    ids.a1 = first.assistantMessage.id;
    const second = await exchange(ids.a1, 'q2');
    ids.q2 = second.userMessage.id;
    ids.a2 = second.assistantMessage.id;
    const edited = await exchange(ids.a1, 'q2b');
    ids.q2b = edited.userMessage.id;
    ids.a2b = edited.assistantMessage.id;
    const regenerated = await withUser(ctx.database, 'tree_ana', async (tx) =>
      appendReply(tx, { id: ids.q2b as string, chat_id: chatId, user_id: 'tree_ana' }),
    );
    ids.a2c = regenerated.id;
  });

  it('shows the active branch, with the versions of each message that has them', async () => {
    const page = await withUser(ctx.database, 'tree_ana', (tx) =>
      listBranch(tx, chatId, { limit: 10 }),
    );
    expect(page.items.map((m) => m.id)).toEqual([ids.q1, ids.a1, ids.q2b, ids.a2c]);
    expect(page.siblings).toEqual({
      [ids.q2b as string]: [ids.q2, ids.q2b],
      [ids.a2c as string]: [ids.a2b, ids.a2c],
    });
    expect(page.nextCursor).toBeNull();
  });

  it('pages along the branch with a keyset cursor, never into another branch', async () => {
    const first = await withUser(ctx.database, 'tree_ana', (tx) =>
      listBranch(tx, chatId, { limit: 3 }),
    );
    expect(first.items.map((m) => m.id)).toEqual([ids.a1, ids.q2b, ids.a2c]);
    const second = await withUser(ctx.database, 'tree_ana', (tx) =>
      listBranch(tx, chatId, { limit: 3, cursor: first.nextCursor }),
    );
    expect(second.items.map((m) => m.id)).toEqual([ids.q1]);
    expect(second.nextCursor).toBeNull();
  });

  it('tells an empty page, a chat the caller cannot see and a foreign cursor apart', async () => {
    const empty = await withUser(ctx.database, 'tree_ana', (tx) =>
      listBranch(tx, otherChatId, { limit: 10 }),
    );
    expect(empty).toEqual({ items: [], nextCursor: null, siblings: {} });
    // Another person's chat is not found, with or without a cursor into it.
    const atRoot = encodeCursor({ at: new Date().toISOString(), id: ids.q1 as string });
    for (const cursor of [null, atRoot]) {
      await expect(
        withUser(ctx.database, 'tree_bob', (tx) => listBranch(tx, chatId, { limit: 10, cursor })),
      ).rejects.toMatchObject({ code: 'not_found', reason: 'chat_not_found' });
    }
    // A cursor at the first question ends the list; one from another chat is refused.
    const end = await withUser(ctx.database, 'tree_ana', (tx) =>
      listBranch(tx, chatId, { limit: 10, cursor: atRoot }),
    );
    expect(end).toEqual({ items: [], nextCursor: null, siblings: {} });
    await expect(
      withUser(ctx.database, 'tree_ana', (tx) =>
        listBranch(tx, otherChatId, { limit: 10, cursor: atRoot }),
      ),
    ).rejects.toMatchObject({ reason: 'invalid_cursor' });
  });

  it("lists a person's page in one round trip, exactly as listBranch does in a transaction", async () => {
    const inTransaction = (userId: string, id: string, options: ListOptions) =>
      withUser(ctx.database, userId, (tx) => listBranch(tx, id, options));
    const first = await inTransaction('tree_ana', chatId, { limit: 3 });
    const atRoot = encodeCursor({ at: new Date().toISOString(), id: ids.q1 as string });
    const cases: [string, string, ListOptions][] = [
      ['tree_ana', chatId, { limit: 10 }],
      ['tree_ana', chatId, { limit: 3 }],
      ['tree_ana', chatId, { limit: 3, cursor: first.nextCursor }],
      ['tree_ana', chatId, { limit: 10, cursor: atRoot }],
      ['tree_ana', otherChatId, { limit: 10 }],
    ];
    for (const [userId, id, options] of cases) {
      expect(await listBranchAs(ctx.database, userId, id, options)).toEqual(
        await inTransaction(userId, id, options),
      );
    }
    // A message is its columns, nothing the query adds (the walk's step, the versions).
    const page = await listBranchAs(ctx.database, 'tree_ana', chatId, { limit: 10 });
    for (const message of page.items) expect(Object.keys(message)).toEqual([...messageColumns]);
    // RLS holds: another person's chat is not found, with or without a cursor into it, and a
    // cursor from another chat is refused.
    for (const cursor of [null, atRoot]) {
      await expect(
        listBranchAs(ctx.database, 'tree_bob', chatId, { limit: 10, cursor }),
      ).rejects.toMatchObject({ code: 'not_found', reason: 'chat_not_found' });
    }
    await expect(
      listBranchAs(ctx.database, 'tree_ana', otherChatId, { limit: 10, cursor: atRoot }),
    ).rejects.toMatchObject({ reason: 'invalid_cursor' });

    // One statement reaches the server for a page with rows.
    const statements = await statementsSentBy(ctx.database.pool, () =>
      listBranchAs(ctx.database, 'tree_ana', chatId, { limit: 10 }),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/request\.jwt\.claims[\s\S]*public\.branch_page\(/);
  });

  it('switches to the newest continuation of a version, and remembers it', async () => {
    const tip = await withUser(ctx.database, 'tree_ana', async (tx) => {
      const found = await newestTipUnder(tx, chatId, ids.q2 as string);
      await setActiveLeaf(tx, chatId, found);
      return found;
    });
    expect(tip).toBe(ids.a2);
    const page = await withUser(ctx.database, 'tree_ana', (tx) =>
      listBranch(tx, chatId, { limit: 10 }),
    );
    expect(page.items.map((m) => m.id)).toEqual([ids.q1, ids.a1, ids.q2, ids.a2]);
    const path = await withUser(ctx.database, 'tree_ana', (tx) =>
      branchPath(tx, chatId, ids.a2c as string),
    );
    expect(path.map((m) => m.id)).toEqual([ids.q1, ids.a1, ids.q2b, ids.a2c]);
  });

  it('refuses a leaf that is not a tip, or a message of another chat', async () => {
    await expect(
      withUser(ctx.database, 'tree_ana', (tx) => setActiveLeaf(tx, chatId, ids.a1 as string)),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      withUser(ctx.database, 'tree_ana', (tx) => setActiveLeaf(tx, otherChatId, ids.a2 as string)),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('keeps every message in its place: no moving, no reply without a question, no foreign parent', async () => {
    for (const scope of ['tree_ana', 'service'] as const) {
      const run = <T>(fn: Parameters<typeof withService<T>>[1]) =>
        scope === 'service' ? withService(ctx.database, fn) : withUser(ctx.database, scope, fn);
      await expect(
        run((tx) =>
          tx
            .updateTable('messages')
            .set({ parent_id: ids.a2 as string })
            .where('id', '=', ids.q2b as string)
            .execute(),
        ),
        // A user may update no column of a message at all (the Data API surface); the service
        // path meets the tree trigger.
      ).rejects.toMatchObject({ code: scope === 'service' ? '23514' : '42501' });
      await expect(
        run((tx) =>
          appendMessage(tx, {
            chatId,
            userId: 'tree_ana',
            role: 'assistant',
            content: 'reply to a reply',
            status: 'complete',
            parentId: ids.a1 as string,
          }),
        ),
      ).rejects.toMatchObject({ code: '23514' });
      await expect(
        run((tx) =>
          appendMessage(tx, {
            chatId,
            userId: 'tree_ana',
            role: 'user',
            content: 'a question after a question',
            status: 'complete',
            parentId: ids.q1 as string,
          }),
        ),
      ).rejects.toMatchObject({ code: '23514' });
      await expect(
        run((tx) =>
          appendMessage(tx, {
            chatId: otherChatId,
            userId: 'tree_ana',
            role: 'user',
            content: 'under another chat',
            status: 'complete',
            parentId: ids.a1 as string,
          }),
        ),
      ).rejects.toMatchObject({ code: '23514', constraint: 'messages_tree_shape' });
    }
  });

  it('takes a question and its reply written in one statement (row triggers run at its end)', async () => {
    const chat = await withUser(ctx.database, 'tree_ana', (tx) =>
      createChat(tx, {
        userId: 'tree_ana',
        title: 'One statement',
        source: 'app',
        titleSource: 'user',
      }),
    );
    // The service path (as seeding and imports write): users may not write replies at all.
    const rows = await withService(ctx.database, (tx) =>
      sql<{ id: string; role: string }>`
        with question as (
          insert into messages (chat_id, user_id, role, content)
          values (${chat.id}, 'tree_ana', 'user', 'both at once') returning id, chat_id
        )
        insert into messages (chat_id, user_id, role, content, parent_id)
        select chat_id, 'tree_ana', 'assistant', 'answer', id from question
        returning id, role`.execute(tx),
    );
    const reply = rows.rows[0]?.id;
    const page = await withUser(ctx.database, 'tree_ana', (tx) =>
      listBranch(tx, chat.id, { limit: 10 }),
    );
    expect(page.items.map((m) => m.content)).toEqual(['both at once', 'answer']);
    expect(page.items.at(-1)?.id).toBe(reply);
  });

  it("lets nobody move another user's active leaf", async () => {
    const changed = await withUser(ctx.database, 'tree_bob', (tx) =>
      tx
        .updateTable('chats')
        .set({ active_leaf_id: ids.a2c as string })
        .where('id', '=', chatId)
        .executeTakeFirst(),
    );
    expect(changed.numUpdatedRows).toBe(0n);
  });

  it('falls back to the newest message when the active leaf is deleted', async () => {
    const chat = await withUser(ctx.database, 'tree_ana', (tx) =>
      createChat(tx, {
        userId: 'tree_ana',
        title: 'Deleted leaf',
        source: 'app',
        titleSource: 'user',
      }),
    );
    const pair = await withUser(ctx.database, 'tree_ana', (tx) =>
      appendExchange(tx, { chatId: chat.id, userId: 'tree_ana', parentId: null, content: 'hi' }),
    );
    expect((await withService(ctx.database, (tx) => getChat(tx, chat.id)))?.active_leaf_id).toBe(
      pair.assistantMessage.id,
    );
    await withService(ctx.database, (tx) =>
      tx.deleteFrom('messages').where('id', '=', pair.assistantMessage.id).execute(),
    );
    expect(
      (await withService(ctx.database, (tx) => getChat(tx, chat.id)))?.active_leaf_id,
    ).toBeNull();
    const page = await withUser(ctx.database, 'tree_ana', (tx) =>
      listBranch(tx, chat.id, { limit: 10 }),
    );
    expect(page.items.map((m) => m.id)).toEqual([pair.userMessage.id]);
    // Deleting a question takes its whole subtree; deleting the chat takes everything.
    await withService(ctx.database, (tx) =>
      tx.deleteFrom('messages').where('id', '=', pair.userMessage.id).execute(),
    );
    await withService(ctx.database, (tx) =>
      sql`delete from public.chats where id = ${chatId}`.execute(tx),
    );
    const left = await withService(ctx.database, (tx) =>
      tx.selectFrom('messages').select('id').where('chat_id', 'in', [chat.id, chatId]).execute(),
    );
    expect(left).toEqual([]);
  });

  it('broadcasts a send as its two messages and one chat change, and a switch as one chat change', async () => {
    const chat = await withUser(ctx.database, 'tree_ana', (tx) =>
      createChat(tx, { userId: 'tree_ana', title: 'Events', source: 'app', titleSource: 'user' }),
    );
    const since = async () =>
      (
        await sql<{
          id: string;
        }>`select coalesce(max(id), 0)::text as id from realtime.messages`.execute(ctx.database.db)
      ).rows[0]?.id ?? '0';
    const events = async (from: string) =>
      (
        await sql<{ topic: string; event: string; payload: { record: Record<string, unknown> } }>`
          select topic, event, payload from realtime.messages where id > ${from}::bigint order by id`.execute(
          ctx.database.db,
        )
      ).rows;
    const start = await since();
    const first = await withUser(ctx.database, 'tree_ana', (tx) =>
      appendExchange(tx, { chatId: chat.id, userId: 'tree_ana', parentId: null, content: 'one' }),
    );
    await withService(ctx.database, (tx) =>
      updateMessage(tx, first.assistantMessage.id, { status: 'complete', content: 'done' }),
    );
    const sent = await events(start);
    expect(sent.map((e) => e.event)).toEqual([
      'messages.insert',
      'messages.insert',
      'chats.update',
      'messages.update',
    ]);
    expect(sent.every((e) => e.topic === 'user:tree_ana')).toBe(true);
    expect(sent[2]?.payload.record).toMatchObject({ active_leaf_id: first.assistantMessage.id });
    // The next send, at the tip: the same, the leaf moved from the previous reply to the new one.
    const beforeNext = await since();
    const next = await withUser(ctx.database, 'tree_ana', (tx) =>
      appendExchange(tx, {
        chatId: chat.id,
        userId: 'tree_ana',
        parentId: first.assistantMessage.id,
        content: 'two',
      }),
    );
    const nextEvents = await events(beforeNext);
    expect(nextEvents.map((e) => e.event)).toEqual([
      'messages.insert',
      'messages.insert',
      'chats.update',
    ]);
    expect(nextEvents[2]?.payload.record).toMatchObject({
      active_leaf_id: next.assistantMessage.id,
      last_activity_at: expect.any(String),
    });
    await withService(ctx.database, (tx) =>
      updateMessage(tx, next.assistantMessage.id, { status: 'complete', content: 'done' }),
    );

    const edited = await withUser(ctx.database, 'tree_ana', (tx) =>
      appendExchange(tx, { chatId: chat.id, userId: 'tree_ana', parentId: null, content: 'uno' }),
    );
    const beforeSwitch = await since();
    await withUser(ctx.database, 'tree_ana', async (tx) =>
      setActiveLeaf(tx, chat.id, await newestTipUnder(tx, chat.id, first.userMessage.id)),
    );
    const switched = await events(beforeSwitch);
    expect(switched.map((e) => e.event)).toEqual(['chats.update']);
    expect(switched[0]?.payload.record).toMatchObject({
      id: chat.id,
      active_leaf_id: next.assistantMessage.id,
    });
    // Switching to where it already is changes nothing and says nothing.
    const again = await since();
    await withUser(ctx.database, 'tree_ana', (tx) =>
      setActiveLeaf(tx, chat.id, next.assistantMessage.id),
    );
    expect(await events(again)).toEqual([]);
    expect(edited.assistantMessage.parent_id).toBe(edited.userMessage.id);
  });
});
