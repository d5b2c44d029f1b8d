// A send's opening reads, pinned down against the statements they were sent as until 2 December:
// the branch the reply continues (`tipPathSql`, now the function branch_path) and what admits the
// reply (`runAdmissionSql`, now run_admission). The functions keep their plans per connection; the
// texts below are the reference they must answer exactly like, in every state a send can meet.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChat } from '../src/queries/chats';
import { pathOf, tipPathSql } from '../src/queries/message-tree';
import { messageColumns } from '../src/queries/messages';
import { admissionOf, runAdmissionSql } from '../src/queries/run-leases';
import { type Executor, sqlLiteral, withService, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const columns = messageColumns.map((column) => `m.${column}`).join(', ');

/** The tip path as it was sent as text. */
function tipPathText(chatId: string): string {
  const chat = `${sqlLiteral(chatId)}::uuid`;
  return `with recursive branch as (
      select ${columns}, 0 as step
      from public.messages m where m.id = (select coalesce(c.active_leaf_id, (
          select n.id from public.messages n where n.chat_id = c.id
          order by n.created_at desc, n.id desc limit 1))
        from public.chats c where c.id = ${chat}) and m.chat_id = ${chat}
      union all
      select ${columns}, b.step + 1
      from public.messages m
      join branch b on m.id = b.parent_id and m.chat_id = b.chat_id
      where b.step + 1 < 100000
    )
    select * from branch order by step desc`;
}

/** The admission read as it was sent as text. */
function admissionText(userId: string, chatId: string, withInstructions: boolean): string {
  const chat = `${sqlLiteral(chatId)}::uuid`;
  const user = sqlLiteral(userId);
  const active = "'pending', 'streaming'";
  return `select
      exists (select 1 from public.messages where chat_id = ${chat} and status in (${active})) as chat_busy,
      (select count(*) from public.messages
        where user_id = ${user} and role = 'assistant' and status in (${active})) as active_replies,
      (select active_leaf_id from public.chats where id = ${chat}) as active_leaf_id,
      (select id from public.messages where chat_id = ${chat}
        order by created_at desc, id desc limit 1) as newest_id,
      exists (select 1 from public.attachments
        where chat_id = ${chat} and message_id is not null) as chat_has_files,
      p.about_me, p.how_to_answer, p.enabled, p.updated_at
    from (select 1) as one
    left join public.personal_instructions as p
      on ${withInstructions} and p.user_id = ${user}`;
}

const rowsOf = async (tx: Executor, text: string) =>
  (await sql.raw<Record<string, unknown>>(text).execute(tx)).rows;

describe("a send's opening reads (branch_path, run_admission)", () => {
  const ctx = useDatabase();
  const ids: Record<string, string> = {};
  let chatId = '';
  let otherChatId = '';
  let emptyChatId = '';

  beforeAll(async () => {
    await seedUser(ctx.database, 'open_ana');
    await seedUser(ctx.database, 'open_bob');
    await withService(ctx.database, async (tx) => {
      const make = async (title: string) =>
        (await createChat(tx, { userId: 'open_ana', title, source: 'app', titleSource: 'user' }))
          .id;
      chatId = await make('Tree');
      otherChatId = await make('Other');
      emptyChatId = await make('Empty');
      // q1 ─ a1 ─ q2 ─ a2, and q2 edited into q2b ─ a2b (the newest), a minute apart.
      const tree: [string, string | null][] = [
        ['q1', null],
        ['a1', 'q1'],
        ['q2', 'a1'],
        ['a2', 'q2'],
        ['q2b', 'a1'],
        ['a2b', 'q2b'],
      ];
      for (const [i, [name, parent]] of tree.entries()) {
        const { rows } = await sql<{ id: string }>`insert into public.messages
            (chat_id, user_id, role, content, status, parent_id, created_at)
          values (${chatId}, 'open_ana', ${name.startsWith('a') ? 'assistant' : 'user'},
            ${`${name}'s text`}, 'complete', ${parent ? ids[parent] : null},
            ${`2026-01-01T00:0${i}:00+00:00`})
          returning id`.execute(tx);
        ids[name] = rows[0]?.id as string;
      }
      await sql`update public.chats set active_leaf_id = ${ids.a2} where id = ${chatId}`.execute(
        tx,
      );
    });
  });

  /** Both reads both ways, as `userId`, in one transaction: they must agree row for row. */
  async function agree(userId: string, chat: string) {
    return withUser(ctx.database, userId, async (tx) => {
      const path = await rowsOf(tx, tipPathSql(chat));
      expect(path).toEqual(await rowsOf(tx, tipPathText(chat)));
      const admissions = [];
      for (const withInstructions of [true, false]) {
        const admission = await rowsOf(tx, runAdmissionSql(userId, chat, { withInstructions }));
        expect(admission).toEqual(await rowsOf(tx, admissionText(userId, chat, withInstructions)));
        admissions.push(admissionOf(admission, { withInstructions }));
      }
      return { path: pathOf(path).map((message) => message.id), admission: admissions[0] };
    });
  }

  it('walks the branch from the active leaf, and from the newest message without one', async () => {
    const atLeaf = await agree('open_ana', chatId);
    expect(atLeaf.path).toEqual([ids.q1, ids.a1, ids.q2, ids.a2]);
    expect(atLeaf.admission).toMatchObject({ tip: ids.a2, chatBusy: false, activeReplies: 0 });
    await withService(ctx.database, (tx) =>
      sql`update public.chats set active_leaf_id = null where id = ${chatId}`.execute(tx),
    );
    const atNewest = await agree('open_ana', chatId);
    expect(atNewest.path).toEqual([ids.q1, ids.a1, ids.q2b, ids.a2b]);
    expect(atNewest.admission?.tip).toBe(ids.a2b);
    // Every column of every message, as the table holds them.
    const [first] = await withUser(ctx.database, 'open_ana', (tx) =>
      rowsOf(tx, tipPathSql(chatId)),
    );
    expect(Object.keys(first ?? {})).toEqual([...messageColumns, 'step']);
  });

  it('counts replies in flight in the chat and across the person’s chats', async () => {
    for (const status of ['pending', 'streaming'] as const) {
      await withService(ctx.database, async (tx) => {
        await sql`update public.messages set status = 'complete' where chat_id = ${chatId}`.execute(
          tx,
        );
        await sql`insert into public.messages (chat_id, user_id, role, content, status, parent_id)
          values (${otherChatId}, 'open_ana', 'user', 'hi', 'complete', null)`.execute(tx);
      });
      const [question] = await withService(ctx.database, (tx) =>
        rowsOf(
          tx,
          `select id from public.messages where chat_id = '${otherChatId}'
           order by created_at desc, id desc limit 1`,
        ),
      );
      await withService(ctx.database, (tx) =>
        sql`insert into public.messages (chat_id, user_id, role, content, status, parent_id)
          values (${otherChatId}, 'open_ana', 'assistant', '', ${status}, ${question?.id})`.execute(
          tx,
        ),
      );
      const other = await agree('open_ana', otherChatId);
      expect(other.admission).toMatchObject({ chatBusy: true, activeReplies: 1 });
      const tree = await agree('open_ana', chatId);
      expect(tree.admission).toMatchObject({ chatBusy: false, activeReplies: 1 });
      await withService(ctx.database, (tx) =>
        sql`update public.messages set status = 'complete' where chat_id = ${otherChatId}`.execute(
          tx,
        ),
      );
    }
  });

  it("reads the person's instructions only when asked, with the defaults when there are none", async () => {
    const none = await agree('open_ana', chatId);
    expect(none.admission?.personal).toEqual({
      aboutMe: '',
      howToAnswer: '',
      enabled: true,
      updatedAt: null,
    });
    await withService(ctx.database, (tx) =>
      sql`insert into public.personal_instructions (user_id, about_me, how_to_answer, enabled)
        values ('open_ana', 'A tester', 'Briefly', false)`.execute(tx),
    );
    const some = await agree('open_ana', chatId);
    expect(some.admission?.personal).toMatchObject({
      aboutMe: 'A tester',
      howToAnswer: 'Briefly',
      enabled: false,
    });
  });

  it('reads nothing of a chat the caller cannot see, nor of an empty one', async () => {
    const empty = await agree('open_ana', emptyChatId);
    expect(empty.path).toEqual([]);
    expect(empty.admission).toMatchObject({ tip: null, chatBusy: false });
    // Another person's claims (the Data API exposes both functions): RLS hides the chat.
    const theirs = await agree('open_bob', chatId);
    expect(theirs.path).toEqual([]);
    expect(theirs.admission).toMatchObject({ tip: null, chatBusy: false, activeReplies: 0 });
  });
});
