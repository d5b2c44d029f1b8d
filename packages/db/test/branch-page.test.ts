// The page `message.list` shows, pinned down on a fixed tree: which messages, in which order, with
// which versions and which cursor, for the first page, the pages a cursor leads to, another branch
// or version, and an empty chat. Written against the page query as it was sent as text, and kept
// so that the database function it became (branch_page) answers exactly the same.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChat } from '../src/queries/chats';
import { decodeCursor } from '../src/queries/cursor';
import {
  type BranchPage,
  listBranch,
  listBranchAs,
  setActiveLeaf,
} from '../src/queries/message-tree';
import { messageColumns } from '../src/queries/messages';
import type { MessageRow } from '../src/schema';
import { withService, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

/**
 * The tree, in the order it was written (a minute apart), each message under its parent:
 *
 *   q1 ─ a1 ─ q2 ─ a2 ─ q3 ─ a3
 *   │         └ q2b ─ a2b          (q2 edited)
 *   │               └ a2c ─ q4 ─ a4 (a2b regenerated, then the talk went on)
 *   └ q1b ─ a1b                    (the first question edited)
 */
const TREE: [name: string, parent: string | null][] = [
  ['q1', null],
  ['a1', 'q1'],
  ['q2', 'a1'],
  ['a2', 'q2'],
  ['q3', 'a2'],
  ['a3', 'q3'],
  ['q2b', 'a1'],
  ['a2b', 'q2b'],
  ['a2c', 'q2b'],
  ['q4', 'a2c'],
  ['a4', 'q4'],
  ['q1b', null],
  ['a1b', 'q1b'],
];
const ids = Object.fromEntries(
  TREE.map(([name], i) => [name, `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`]),
);
const at = (name: string) =>
  `2026-01-01T00:${String(TREE.findIndex(([n]) => n === name)).padStart(2, '0')}:00+00:00`;

type ListOptions = { limit: number; cursor?: string | null };

/** What a page should be: its messages by name, its versions by name, and its cursor's message. */
interface Expected {
  items: string[];
  siblings: Record<string, string[]>;
  next: string | null;
}

describe('a page of the active branch (message.list)', () => {
  const ctx = useDatabase();
  const chatId = '00000000-0000-4000-9000-000000000001';
  const emptyChatId = '00000000-0000-4000-9000-000000000002';
  const rows = new Map<string, MessageRow>();

  beforeAll(async () => {
    await seedUser(ctx.database, 'page_ana');
    await seedUser(ctx.database, 'page_bob');
    await withService(ctx.database, async (tx) => {
      for (const [id, title] of [
        [chatId, 'Tree'],
        [emptyChatId, 'Empty'],
      ] as const) {
        const chat = await createChat(tx, {
          userId: 'page_ana',
          title,
          source: 'app',
          titleSource: 'user',
        });
        // Fixed ids, so that the expectations below are plain values.
        await sql`update public.chats set id = ${id} where id = ${chat.id}`.execute(tx);
      }
      for (const [name, parent] of TREE) {
        const assistant = name.startsWith('a');
        await sql`insert into public.messages
            (id, chat_id, user_id, role, content, status, parent_id, created_at, usage)
          values (${ids[name]}, ${chatId}, 'page_ana', ${assistant ? 'assistant' : 'user'},
            ${`${name}'s text`}, 'complete', ${parent ? ids[parent] : null}, ${at(name)},
            ${assistant ? JSON.stringify({ input_tokens: 3, output_tokens: 5 }) : null})`.execute(
          tx,
        );
      }
      const read = await tx
        .selectFrom('messages')
        .select(messageColumns)
        .where('chat_id', '=', chatId)
        .execute();
      for (const row of read) rows.set(row.id, row);
    });
  });

  const leaf = (name: string) =>
    withUser(ctx.database, 'page_ana', (tx) => setActiveLeaf(tx, chatId, ids[name] as string));

  /** The page both ways in: in a caller's transaction, and as one round trip. */
  async function pages(userId: string, id: string, options: ListOptions): Promise<BranchPage> {
    const inTransaction = await withUser(ctx.database, userId, (tx) => listBranch(tx, id, options));
    const inOneTrip = await listBranchAs(ctx.database, userId, id, options);
    expect(inOneTrip).toEqual(inTransaction);
    return inOneTrip;
  }

  function expectPage(page: BranchPage, expected: Expected) {
    // Whole rows, as the table holds them: the same columns, types and values, nothing added.
    expect(page.items).toEqual(expected.items.map((name) => rows.get(ids[name] as string)));
    for (const item of page.items) expect(Object.keys(item)).toEqual([...messageColumns]);
    expect(page.siblings).toEqual(
      Object.fromEntries(
        Object.entries(expected.siblings).map(([name, versions]) => [
          ids[name],
          versions.map((version) => ids[version]),
        ]),
      ),
    );
    expect(page.nextCursor && decodeCursor(page.nextCursor)).toEqual(
      expected.next && { at: at(expected.next), id: ids[expected.next] },
    );
  }

  it('pages along the active branch, with the versions of each message that has them', async () => {
    await leaf('a4');
    const versions = { q1: ['q1', 'q1b'], q2b: ['q2', 'q2b'], a2c: ['a2b', 'a2c'] };
    expectPage(await pages('page_ana', chatId, { limit: 10 }), {
      items: ['q1', 'a1', 'q2b', 'a2c', 'q4', 'a4'],
      siblings: versions,
      next: null,
    });
    // Exactly as many as the branch holds: no cursor.
    expectPage(await pages('page_ana', chatId, { limit: 6 }), {
      items: ['q1', 'a1', 'q2b', 'a2c', 'q4', 'a4'],
      siblings: versions,
      next: null,
    });
    const first = await pages('page_ana', chatId, { limit: 2 });
    expectPage(first, { items: ['q4', 'a4'], siblings: {}, next: 'q4' });
    const second = await pages('page_ana', chatId, { limit: 2, cursor: first.nextCursor });
    expectPage(second, {
      items: ['q2b', 'a2c'],
      siblings: { q2b: ['q2', 'q2b'], a2c: ['a2b', 'a2c'] },
      next: 'q2b',
    });
    const third = await pages('page_ana', chatId, { limit: 2, cursor: second.nextCursor });
    expectPage(third, { items: ['q1', 'a1'], siblings: { q1: ['q1', 'q1b'] }, next: null });
    // A cursor at the first question: the end of the branch.
    const atRoot = await pages('page_ana', chatId, { limit: 2, cursor: cursorAt('q1') });
    expectPage(atRoot, { items: [], siblings: {}, next: null });
  });

  it('shows the branch of the version chosen', async () => {
    await leaf('a3');
    expectPage(await pages('page_ana', chatId, { limit: 10 }), {
      items: ['q1', 'a1', 'q2', 'a2', 'q3', 'a3'],
      siblings: { q1: ['q1', 'q1b'], q2: ['q2', 'q2b'] },
      next: null,
    });
    const first = await pages('page_ana', chatId, { limit: 5 });
    expectPage(first, {
      items: ['a1', 'q2', 'a2', 'q3', 'a3'],
      siblings: { q2: ['q2', 'q2b'] },
      next: 'a1',
    });
    expectPage(await pages('page_ana', chatId, { limit: 5, cursor: first.nextCursor }), {
      items: ['q1'],
      siblings: { q1: ['q1', 'q1b'] },
      next: null,
    });
    // A branch of one exchange under the edited first question.
    await leaf('a1b');
    expectPage(await pages('page_ana', chatId, { limit: 10 }), {
      items: ['q1b', 'a1b'],
      siblings: { q1b: ['q1', 'q1b'] },
      next: null,
    });
    // A message in the middle of a branch (a regenerated reply's question).
    await leaf('a2b');
    expectPage(await pages('page_ana', chatId, { limit: 10 }), {
      items: ['q1', 'a1', 'q2b', 'a2b'],
      siblings: { q1: ['q1', 'q1b'], q2b: ['q2', 'q2b'], a2b: ['a2b', 'a2c'] },
      next: null,
    });
  });

  it('starts at the newest message when the chat has no active leaf', async () => {
    await withService(ctx.database, (tx) =>
      sql`update public.chats set active_leaf_id = null where id = ${chatId}`.execute(tx),
    );
    expectPage(await pages('page_ana', chatId, { limit: 10 }), {
      items: ['q1b', 'a1b'],
      siblings: { q1b: ['q1', 'q1b'] },
      next: null,
    });
  });

  it('shows an empty chat as an empty page, and no page of a chat the caller cannot see', async () => {
    expectPage(await pages('page_ana', emptyChatId, { limit: 10 }), {
      items: [],
      siblings: {},
      next: null,
    });
    for (const cursor of [null, cursorAt('q1'), cursorAt('a4')]) {
      await expect(
        withUser(ctx.database, 'page_bob', (tx) => listBranch(tx, chatId, { limit: 10, cursor })),
      ).rejects.toMatchObject({ code: 'not_found', reason: 'chat_not_found' });
      await expect(
        listBranchAs(ctx.database, 'page_bob', chatId, { limit: 10, cursor }),
      ).rejects.toMatchObject({ code: 'not_found', reason: 'chat_not_found' });
    }
    // A cursor from another chat is refused.
    await expect(
      listBranchAs(ctx.database, 'page_ana', emptyChatId, { limit: 10, cursor: cursorAt('a4') }),
    ).rejects.toMatchObject({ reason: 'invalid_cursor' });
  });

  it('answers a direct call (the Data API exposes it) only within what RLS lets the caller see', async () => {
    await leaf('a4');
    const direct = (tx: Parameters<Parameters<typeof withUser>[2]>[0], cursor: string | null) =>
      sql<{ id: string; step: number }>`select id, step
        from public.branch_page(${chatId}::uuid, 10, ${cursor}::uuid)`.execute(tx);
    const own = await withUser(ctx.database, 'page_ana', (tx) => direct(tx, null));
    expect(own.rows.map((row) => row.id)).toEqual(
      ['q1', 'a1', 'q2b', 'a2c', 'q4', 'a4'].map((name) => ids[name]),
    );
    // Another person's claims: nothing, from the tip or from a cursor into the chat.
    for (const cursor of [null, ids.a4 as string]) {
      const theirs = await withUser(ctx.database, 'page_bob', (tx) => direct(tx, cursor));
      expect(theirs.rows).toEqual([]);
    }
    // anon may not call it at all.
    await expect(
      withService(ctx.database, async (tx) => {
        await sql`select set_config('role', 'anon', true)`.execute(tx);
        return direct(tx, null);
      }),
    ).rejects.toMatchObject({ code: '42501' });
  });
});

function cursorAt(name: string): string {
  return Buffer.from(JSON.stringify([at(name), ids[name]])).toString('base64url');
}
