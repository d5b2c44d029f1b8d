// The Data API surface of the admin migration: what `authenticated` (anyone with a Clerk token
// and the anon key) can do directly, bypassing the app. It may read the assistants it may use
// without their instructions, read its own usage, and keep its own personal instructions; it can
// write nothing an administrator manages, nor forge a reply's assistant or its usage.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChat } from '../src/queries/chats';
import { appendMessage, beginReply, finishMessage } from '../src/queries/messages';
import { withService, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();
let restrictedId: string;
let defaultId: string;

beforeAll(async () => {
  await seedUser(ctx.database, 'user_a', 'a@acme.test');
  await seedUser(ctx.database, 'user_b', 'b@else.test');
  await withService(ctx.database, async (tx) => {
    defaultId = (
      await tx
        .selectFrom('assistants')
        .select('id')
        .where('is_default', '=', true)
        .executeTakeFirstOrThrow()
    ).id;
    restrictedId = (
      await tx
        .insertInto('assistants')
        .values({
          slug: 'acme',
          name: 'Acme',
          model: 'gpt-5',
          instructions: 'hidden',
          visibility: 'restricted',
          allowed_users: ['acme.test'],
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
});

/** The Postgres error code of a statement run as `authenticated` for `userId`, or 'ok'. */
async function asUser(userId: string, statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await withUser(ctx.database, userId, (tx) => statement.execute(tx));
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  }
}

describe('assistants through the Data API', () => {
  it('hides instructions and restricted assistants', async () => {
    expect(await asUser('user_a', sql`select instructions from public.assistants`)).toBe('42501');
    const visible = await withUser(ctx.database, 'user_b', (tx) =>
      tx.selectFrom('assistants').select(['id', 'name']).execute(),
    );
    expect(visible.map((a) => a.id)).toEqual([defaultId]);
    const forA = await withUser(ctx.database, 'user_a', (tx) =>
      tx.selectFrom('assistants').select('id').execute(),
    );
    expect(forA.map((a) => a.id).sort()).toEqual([defaultId, restrictedId].sort());
  });

  it('refuses every write to assistants and admin tables', async () => {
    for (const statement of [
      sql`update public.assistants set instructions = 'x'`,
      sql`insert into public.assistants (slug, name, model) values ('x', 'x', 'x')`,
      sql`insert into public.assistant_changes (assistant_id, action) values (${defaultId}, 'update')`,
      sql`select * from public.assistant_changes`,
      sql`update public.budget_settings set default_monthly_tokens = null`,
      sql`insert into public.user_budgets (user_id, monthly_tokens) values ('user_a', null)`,
      sql`select * from public.user_budgets`,
      sql`insert into public.usage_events (user_id, total_tokens) values ('user_a', 0)`,
      sql`delete from public.usage_events`,
      sql`select public.monthly_token_budget('user_a')`,
    ]) {
      expect(await asUser('user_a', statement)).toBe('42501');
    }
  });

  it('refuses a chat pointed at an assistant its owner may not use', async () => {
    const chat = await withUser(ctx.database, 'user_b', (tx) =>
      createChat(tx, { userId: 'user_b', title: 'B', source: 'app', titleSource: 'user' }),
    );
    expect(
      await asUser(
        'user_b',
        sql`update public.chats set assistant_id = ${restrictedId} where id = ${chat.id}`,
      ),
    ).toBe('42501');
  });
});

describe('replies and usage', () => {
  it("records the chat's assistant on a reply and ignores a forged one", async () => {
    const chat = await withUser(ctx.database, 'user_a', (tx) =>
      createChat(tx, { userId: 'user_a', title: 'A', source: 'app', titleSource: 'user' }),
    );
    const reply = await withUser(ctx.database, 'user_a', async (tx) => {
      const question = await appendMessage(tx, {
        chatId: chat.id,
        userId: 'user_a',
        role: 'user',
        content: 'hi',
        status: 'complete',
      });
      // Users cannot write replies: the placeholder comes from begin_reply, as message.send does.
      return beginReply(tx, question.id);
    });
    expect(reply.assistant_id).toBe(defaultId);
    await expect(
      withUser(ctx.database, 'user_a', (tx) =>
        sql`update public.messages set assistant_id = ${restrictedId} where id = ${reply.id}`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/permission denied/);
    await withService(ctx.database, (tx) =>
      finishMessage(tx, reply.id, {
        status: 'complete',
        usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      }),
    );
    const rows = await withUser(ctx.database, 'user_a', (tx) =>
      tx.selectFrom('usage_events').select(['assistant_id', 'total_tokens', 'user_id']).execute(),
    );
    // bigint columns arrive as strings from node-postgres.
    expect(rows.map((row) => ({ ...row, total_tokens: Number(row.total_tokens) }))).toEqual([
      { assistant_id: defaultId, total_tokens: 7, user_id: 'user_a' },
    ]);
    // Another person sees none of it.
    const theirs = await withUser(ctx.database, 'user_b', (tx) =>
      tx.selectFrom('usage_events').select('id').execute(),
    );
    expect(theirs).toEqual([]);
  });

  it('keeps personal instructions private and bounded', async () => {
    expect(
      await asUser(
        'user_a',
        sql`insert into public.personal_instructions (user_id, about_me) values ('user_a', 'me')`,
      ),
    ).toBe('ok');
    expect(
      await asUser(
        'user_a',
        sql`insert into public.personal_instructions (user_id, about_me) values ('user_b', 'spoof')`,
      ),
    ).toBe('42501');
    expect(
      await asUser(
        'user_a',
        sql`update public.personal_instructions set about_me = ${'x'.repeat(1501)}`,
      ),
    ).toBe('23514');
    const seen = await withUser(ctx.database, 'user_b', (tx) =>
      tx.selectFrom('personal_instructions').select('user_id').execute(),
    );
    expect(seen).toEqual([]);
  });
});
