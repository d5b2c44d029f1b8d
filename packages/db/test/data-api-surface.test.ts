// The Data API surface: Supabase serves the public schema to anyone with the anon key, and a Clerk
// session token makes the caller `authenticated` with its claims. So what `authenticated` may
// write is a public API. This file enumerates, as `authenticated` with a user's claims (and as
// `anon`), insert, update and delete on every column of every table and every callable function,
// and compares the result with an explicit allow-list: a new table, column or function without a
// row here fails the test until someone decides who may write it. Then it tries, with a user's
// own token, what the app's procedures never allow.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/client';
import { createChat } from '../src/queries/chats';
import { appendMessage } from '../src/queries/messages';
import { withService, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();

type Op = 'insert' | 'update';
/** Per table: the columns `authenticated` may insert / update, and whether it may delete rows. */
interface Allowed {
  columns: Record<string, Op[]>;
  delete: boolean;
}

const none = (...columns: string[]) => Object.fromEntries(columns.map((c) => [c, [] as Op[]]));

// What the app's procedures write as the signed-in user (everything else is the service path:
// provisioning and webhooks write users, the run writes replies, REST writes `source`).
const AUTHENTICATED: Record<string, Allowed> = {
  users: {
    columns: none('id', 'email', 'name', 'image_url', 'created_at', 'updated_at'),
    delete: false,
  },
  assistants: {
    columns: none(
      'id',
      'slug',
      'name',
      'description',
      'model',
      'instructions',
      'temperature',
      'max_output_tokens',
      'is_default',
      'archived_at',
      'created_at',
      'updated_at',
      'starter_prompts',
      'visibility',
      'allowed_users',
    ),
    delete: false,
  },
  // Administrators' tables (the console writes them on the service path).
  assistant_changes: {
    columns: none('id', 'assistant_id', 'action', 'changed_by', 'changed_at', 'changes'),
    delete: false,
  },
  budget_settings: {
    columns: none('id', 'default_monthly_tokens', 'updated_by', 'updated_at'),
    delete: false,
  },
  user_budgets: {
    columns: none('user_id', 'monthly_tokens', 'updated_by', 'updated_at'),
    delete: false,
  },
  // The ledger is written by the database when a reply records its usage.
  usage_events: {
    columns: none(
      'id',
      'user_id',
      'chat_id',
      'message_id',
      'assistant_id',
      'input_tokens',
      'output_tokens',
      'total_tokens',
      'created_at',
    ),
    delete: false,
  },
  // Settings -> personal instructions.
  personal_instructions: {
    columns: {
      user_id: ['insert'],
      about_me: ['insert', 'update'],
      how_to_answer: ['insert', 'update'],
      enabled: ['insert', 'update'],
      updated_at: [],
    },
    delete: true,
  },
  chats: {
    columns: {
      ...none('id', 'source', 'openai_conversation_id', 'created_at', 'updated_at'),
      last_activity_at: [],
      // chat.create
      user_id: ['insert'],
      // chat.create, and the assistant picker of an open chat
      assistant_id: ['insert', 'update'],
      // the chat's switch for personal instructions
      personal_instructions: ['update'],
      // branch.switch (the database allows only a branch's tip)
      active_leaf_id: ['update'],
      // chat.create and chat.rename
      title: ['insert', 'update'],
      title_source: ['insert', 'update'],
      // Issue 17: chat.pin, chat.archive (a chat is never both: chats_pinned_or_archived)
      pinned_at: ['update'],
      archived_at: ['update'],
    },
    delete: true, // chat.delete
  },
  messages: {
    columns: {
      // message.send: the person's own message (id is the client's idempotency id).
      id: ['insert'],
      chat_id: ['insert'],
      user_id: ['insert'],
      role: ['insert'],
      content: ['insert'],
      status: ['insert'],
      // message.send and branch.edit put the question under its parent (checked by a trigger)
      parent_id: ['insert'],
      ...none(
        'error_code',
        'error_message',
        'model',
        'openai_response_id',
        'usage',
        'created_at',
        'updated_at',
        'completed_at',
        // set by the database from the chat when a reply starts
        'assistant_id',
      ),
    },
    delete: false,
  },
  api_keys: {
    columns: none(
      'id',
      'name',
      'prefix',
      'hash',
      'scopes',
      'created_by',
      'created_at',
      'last_used_at',
      'revoked_at',
    ),
    delete: false,
  },
  idempotency_keys: {
    columns: none(
      'api_key_id',
      'key',
      'request_hash',
      'response_status',
      'response_body',
      'created_at',
      'expires_at',
    ),
    delete: false,
  },
  rate_limits: { columns: none('key', 'points', 'expire'), delete: false },
  // Which server process owns a reply in flight (the service path only).
  run_leases: { columns: none('message_id', 'owner_key', 'leased_at'), delete: false },
  webhook_deliveries: {
    columns: none('id', 'source', 'event_type', 'received_at'),
    delete: false,
  },
  // issue 16: files in chats. People read their attachments; every write is the service path's
  // (the app checks ownership and limits, triggers check them again).
  attachment_limits: {
    columns: none(
      'id',
      'max_file_bytes',
      'max_files_per_message',
      'quota_bytes_per_user',
      'updated_at',
    ),
    delete: false,
  },
  attachments: {
    columns: none(
      'id',
      'user_id',
      'chat_id',
      'message_id',
      'name',
      'mime_type',
      'size_bytes',
      'storage_key',
      'status',
      'created_at',
    ),
    delete: false,
  },
  storage_deletions: { columns: none('storage_key', 'queued_at'), delete: false },
  // Issue 17: feedback.set writes the caller's own rating (a trigger checks the reply is a
  // finished one in their chat); shared snapshots and import keys are the service path's only.
  message_feedback: {
    columns: {
      message_id: ['insert'],
      user_id: ['insert'],
      rating: ['insert', 'update'],
      ...none('created_at', 'updated_at'),
    },
    delete: true,
  },
  shared_chats: {
    columns: none('id', 'user_id', 'chat_id', 'title', 'message_count', 'created_at'),
    delete: false,
  },
  shared_messages: {
    columns: none('share_id', 'position', 'role', 'content', 'assistant_name', 'created_at'),
    delete: false,
  },
  chat_imports: {
    columns: none('user_id', 'source_key', 'chat_id', 'imported_at'),
    delete: false,
  },
};

/** Functions `authenticated` may call: the reply placeholder and restart, with their checks. */
const AUTHENTICATED_FUNCTIONS = [
  // A send's question, reply and leaf in one call (SECURITY INVOKER: the caller's grants and RLS).
  'begin_exchange',
  'begin_reply',
  // message.list's page (SECURITY INVOKER: the caller's RLS; issue 13, a plan cached per session).
  'branch_page',
  // A send's opening reads: the branch it continues and what admits its reply (SECURITY INVOKER,
  // plans cached per session as for branch_page).
  'branch_path',
  // Whether a person may use an assistant: the policies and the picker ask it.
  'can_use_assistant',
  'restart_reply',
  'run_admission',
  // Issue 17: search (SECURITY INVOKER, so RLS scopes it) and its pure helpers, which index
  // expressions evaluate with the writer's privileges.
  'search_chats',
  'search_document',
  'search_fold',
  'search_highlight',
  'search_query',
  // Pure validators behind check constraints on assistants (they read nothing).
  'valid_allowed_users',
  'valid_starter_prompts',
];

interface Column {
  table: string;
  column: string;
  type: string;
}

async function publicColumns(database: Database): Promise<Column[]> {
  const { rows } = await sql<Column>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(database.db);
  return rows;
}

type Role = 'authenticated' | 'anon';

/**
 * Runs `statement` as `role` with user_a's claims and says whether the privilege check let it
 * through. Statements match no rows (`where false`), so nothing changes; privileges are checked
 * when the statement starts, before any row or constraint.
 */
async function permitted(role: Role, statement: ReturnType<typeof sql>): Promise<boolean> {
  try {
    await ctx.database.db.transaction().execute(async (tx) => {
      await sql`select set_config('request.jwt.claims', ${JSON.stringify({ sub: 'user_a', role })}, true),
                       set_config('role', ${role}, true)`.execute(tx);
      await statement.execute(tx);
    });
    return true;
  } catch (error) {
    const message = (error as Error).message;
    if (/permission denied/i.test(message)) return false;
    // GENERATED ALWAYS identity columns: nobody may write them, the owner included.
    if (/cannot insert a non-DEFAULT value|can only be updated to DEFAULT/i.test(message))
      return false;
    throw error;
  }
}

async function surface(role: Role) {
  const columns = await publicColumns(ctx.database);
  const result: Record<string, Allowed> = {};
  for (const { table, column, type } of columns) {
    result[table] ??= { columns: {}, delete: false };
    const entry = result[table];
    const ops: Op[] = [];
    const t = sql.table(`public.${table}`);
    const c = sql.ref(column);
    if (
      await permitted(role, sql`insert into ${t} (${c}) select null::${sql.raw(type)} where false`)
    ) {
      ops.push('insert');
    }
    if (await permitted(role, sql`update ${t} set ${c} = null::${sql.raw(type)} where false`)) {
      ops.push('update');
    }
    if (entry) entry.columns[column] = ops;
  }
  for (const table of Object.keys(result)) {
    const entry = result[table];
    if (entry) {
      entry.delete = await permitted(
        role,
        sql`delete from ${sql.table(`public.${table}`)} where false`,
      );
    }
  }
  return result;
}

async function callableFunctions(role: Role): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select p.proname as name
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and has_function_privilege(${role}, p.oid, 'execute')
    order by 1`.execute(ctx.database.db);
  return rows.map((row) => row.name);
}

let chatOfA: string;

beforeAll(async () => {
  await seedUser(ctx.database, 'user_a', 'a@example.com');
  await seedUser(ctx.database, 'user_b', 'b@example.com');
  chatOfA = (
    await withUser(ctx.database, 'user_a', (tx) =>
      createChat(tx, { userId: 'user_a', title: 'Mine', source: 'app', titleSource: 'user' }),
    )
  ).id;
});

describe('what authenticated and anon may write, column by column', () => {
  it('authenticated writes exactly the allow-list', async () => {
    expect(await surface('authenticated')).toEqual(AUTHENTICATED);
  });

  it('anon writes nothing', async () => {
    const anon = await surface('anon');
    for (const [table, entry] of Object.entries(anon)) {
      expect(entry.delete, `delete on ${table}`).toBe(false);
      for (const [column, ops] of Object.entries(entry.columns)) {
        expect(ops, `${table}.${column}`).toEqual([]);
      }
    }
  });

  it('authenticated calls only the allowed functions; anon none', async () => {
    expect(await callableFunctions('authenticated')).toEqual(AUTHENTICATED_FUNCTIONS);
    expect(await callableFunctions('anon')).toEqual([]);
  });

  it("users cannot read an assistant's instructions (the run reads them on the service path)", async () => {
    expect(
      await permitted('authenticated', sql`select instructions from public.assistants where false`),
    ).toBe(false);
    expect(
      await permitted(
        'authenticated',
        sql`select id, name, model from public.assistants where false`,
      ),
    ).toBe(true);
  });
});

/** A statement run with user_a's own token, as the Data API would run it. */
function asUserA<T>(run: (tx: Parameters<Parameters<typeof withUser>[2]>[0]) => Promise<T>) {
  return withUser(ctx.database, { sub: 'user_a', role: 'authenticated' }, run);
}

describe("what a user's own token cannot do", () => {
  it('cannot change their email (chats created by email would go to them)', async () => {
    await expect(
      asUserA((tx) =>
        sql`update public.users set email = 'b2@example.com' where id = 'user_a'`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asUserA((tx) =>
        sql`insert into public.users (id, email) values ('user_a', 'admin@example.com')
            on conflict (id) do update set email = excluded.email`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('cannot forge or rewrite an assistant reply', async () => {
    await expect(
      asUserA((tx) =>
        appendMessage(tx, {
          chatId: chatOfA,
          userId: 'user_a',
          role: 'assistant',
          content: 'Forged answer',
          status: 'complete',
        }),
      ),
      // Refused by the tree trigger (a reply answers a question) or by the insert policy.
    ).rejects.toThrow(/row-level security|a reply answers a question/);
    const question = await asUserA((tx) =>
      appendMessage(tx, {
        chatId: chatOfA,
        userId: 'user_a',
        role: 'user',
        content: 'A real question',
        status: 'complete',
      }),
    );
    await expect(
      asUserA((tx) =>
        sql`update public.messages set content = 'rewritten', role = 'assistant'
            where id = ${question.id}`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it("cannot store a message over the app's limit", async () => {
    // A chat of its own: its first question has no parent, so only the length rule can refuse it.
    const chat = await asUserA((tx) =>
      createChat(tx, { userId: 'user_a', title: 'Long', source: 'app', titleSource: 'user' }),
    );
    await expect(
      asUserA((tx) =>
        appendMessage(tx, {
          chatId: chat.id,
          userId: 'user_a',
          role: 'user',
          content: 'x'.repeat(32_001),
          status: 'complete',
        }),
      ),
    ).rejects.toThrow(/messages_user_content_length/);
  });

  it('cannot set a chat source, conversation id, or a title the assistant or API chose', async () => {
    await expect(
      asUserA((tx) =>
        sql`update public.chats set openai_conversation_id = 'conv_other' where id = ${chatOfA}`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asUserA((tx) =>
        sql`update public.chats set source = 'api' where id = ${chatOfA}`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asUserA((tx) =>
        createChat(tx, { userId: 'user_a', title: 'Forged', source: 'api', titleSource: 'api' }),
      ),
    ).rejects.toThrow(/permission denied|row-level security/);
    await expect(
      asUserA((tx) =>
        sql`update public.chats set title_source = 'assistant' where id = ${chatOfA}`.execute(tx),
      ),
    ).rejects.toThrow(/title_source must be user/);
  });

  it("cannot start or restart a reply in another user's chat", async () => {
    const chatOfB = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'user_b', title: 'B', source: 'app', titleSource: 'user' }),
    );
    const started = await asUserA(
      async (tx) => (await sql`select id from public.begin_reply(${chatOfB.id})`.execute(tx)).rows,
    );
    expect(started).toEqual([]);
  });

  it("cannot send into another user's chat, nor as anyone but themselves", async () => {
    const chatOfB = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'user_b', title: 'B', source: 'app', titleSource: 'user' }),
    );
    await expect(
      asUserA((tx) =>
        sql`select id from public.begin_exchange(${chatOfB.id}::uuid, null, 'hi', null)`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/row-level security|foreign key/);
    const count = await withService(
      ctx.database,
      async (tx) =>
        (
          await sql<{
            n: string;
          }>`select count(*)::text as n from public.messages where chat_id = ${chatOfB.id}`.execute(
            tx,
          )
        ).rows[0]?.n,
    );
    expect(count).toBe('0');
    const ownChat = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'user_a', title: 'A2', source: 'app', titleSource: 'user' }),
    );
    const mine = await asUserA(
      async (tx) =>
        (
          await sql<{
            user_id: string;
            role: string;
          }>`select user_id, role from public.begin_exchange(${ownChat.id}::uuid, null, 'mine', null)`.execute(
            tx,
          )
        ).rows,
    );
    expect(mine).toEqual([
      { user_id: 'user_a', role: 'user' },
      { user_id: 'user_a', role: 'assistant' },
    ]);
  });
});

// Issue 17: shared snapshots are copies the public page reads on the server; no Data API caller
// may write one, and nobody but its owner sees even its summary.
describe('shared snapshots through the Data API', () => {
  it('authenticated cannot insert, change or delete a snapshot; anon cannot read one', async () => {
    const shareId = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    await withService(ctx.database, async (tx) => {
      await tx
        .insertInto('shared_chats')
        .values({
          id: shareId,
          user_id: 'user_a',
          chat_id: chatOfA,
          title: 'Mine',
          message_count: 1,
        })
        .execute();
      await tx
        .insertInto('shared_messages')
        .values({
          share_id: shareId,
          position: 0,
          role: 'user',
          content: 'hi',
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    const asOwner = (statement: ReturnType<typeof sql>) => permitted('authenticated', statement);
    expect(await asOwner(sql`update public.shared_messages set content = 'forged'`)).toBe(false);
    expect(await asOwner(sql`update public.shared_chats set title = 'forged'`)).toBe(false);
    expect(await asOwner(sql`delete from public.shared_messages`)).toBe(false);
    expect(
      await asOwner(
        sql`insert into public.shared_messages (share_id, position, role, content, created_at)
            values (${shareId}, 1, 'assistant', 'forged', now())`,
      ),
    ).toBe(false);
    expect(await asOwner(sql`select content from public.shared_messages`)).toBe(false);
    expect(await permitted('anon', sql`select id from public.shared_chats`)).toBe(false);
    // The owner lists their own link; another user does not see it.
    const visible = (sub: string) =>
      ctx.database.db.transaction().execute(async (tx) => {
        await sql`select set_config('request.jwt.claims', ${JSON.stringify({ sub, role: 'authenticated' })}, true),
                         set_config('role', 'authenticated', true)`.execute(tx);
        return (await sql<{ id: string }>`select id from public.shared_chats`.execute(tx)).rows;
      });
    expect(await visible('user_a')).toEqual([{ id: shareId }]);
    expect(await visible('user_b')).toEqual([]);
    const rows = await withService(ctx.database, (tx) =>
      tx.selectFrom('shared_messages').select('content').where('share_id', '=', shareId).execute(),
    );
    expect(rows).toEqual([{ content: 'hi' }]);
  });

  it('feedback goes only on a finished reply in the caller’s own chat', async () => {
    const chat = await withUser(ctx.database, 'user_a', (tx) =>
      createChat(tx, { userId: 'user_a', title: 'Rated', source: 'app', titleSource: 'user' }),
    );
    const reply = await withService(ctx.database, async (tx) => {
      await appendMessage(tx, {
        chatId: chat.id,
        userId: 'user_a',
        role: 'user',
        content: 'q',
        status: 'complete',
      });
      return appendMessage(tx, {
        chatId: chat.id,
        userId: 'user_a',
        role: 'assistant',
        content: 'a',
        status: 'complete',
      });
    });
    const rate = (sub: string, userId: string) =>
      withUser(ctx.database, sub, (tx) =>
        sql`insert into public.message_feedback (message_id, user_id, rating) values (${reply.id}, ${userId}, 1)`.execute(
          tx,
        ),
      );
    await expect(rate('user_b', 'user_b')).rejects.toThrow(/own chat/);
    await expect(rate('user_b', 'user_a')).rejects.toThrow(/row-level security/);
    await rate('user_a', 'user_a');
    await expect(rate('user_a', 'user_a')).rejects.toThrow(/duplicate key/);
  });
});
