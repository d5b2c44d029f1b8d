// The data functions the api package builds on.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  verifyApiKeyInOneTrip,
} from '../src/queries/api-keys';
import {
  createChat,
  createChatMetered,
  listChats,
  listChatsAs,
  pinChat,
  renameChat,
  setGeneratedTitle,
} from '../src/queries/chats';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
} from '../src/queries/idempotency';
import { appendMessage, listMessages, updateMessage } from '../src/queries/messages';
import { closeOrphanedRuns } from '../src/queries/run-leases';
import { findUserByEmail } from '../src/queries/users';
import { inlineParameters, sqlLiteral, withService, withUser, withUserOpening } from '../src/scope';
import { statementsSentBy } from '../src/testing';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();

beforeAll(async () => {
  await seedUser(ctx.database, 'pager', 'Pager@Example.com');
});

describe('chat list', () => {
  it('pages by recent activity without gaps or repeats while chats are added', async () => {
    const created: string[] = [];
    for (let i = 0; i < 25; i++) {
      const chat = await withService(ctx.database, (tx) =>
        createChat(tx, { userId: 'pager', title: `Chat ${i}`, source: 'app', titleSource: 'user' }),
      );
      created.push(chat.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await withUser(ctx.database, 'pager', (tx) =>
        listChats(tx, 'pager', { limit: 7, cursor }),
      );
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
      // New chats arrive at the top while paging; they never shift the pages below the cursor.
      await withService(ctx.database, (tx) =>
        createChat(tx, {
          userId: 'pager',
          title: `New ${pages}`,
          source: 'app',
          titleSource: 'user',
        }),
      );
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...created].reverse());
    expect(pages).toBe(4);
  });

  it('moves a chat to the top when a message arrives', async () => {
    const page = await withUser(ctx.database, 'pager', (tx) =>
      listChats(tx, 'pager', { limit: 50 }),
    );
    const oldest = page.items.at(-1);
    if (!oldest) throw new Error('no chats');
    await withService(ctx.database, (tx) =>
      appendMessage(tx, {
        chatId: oldest.id,
        userId: 'pager',
        role: 'user',
        content: 'bump',
        status: 'complete',
      }),
    );
    const after = await withUser(ctx.database, 'pager', (tx) =>
      listChats(tx, 'pager', { limit: 1 }),
    );
    expect(after.items[0]?.id).toBe(oldest.id);
  });

  it('searches titles case-insensitively and literally', async () => {
    await withService(ctx.database, async (tx) => {
      await createChat(tx, {
        userId: 'pager',
        title: 'Budget 50% cut',
        source: 'app',
        titleSource: 'user',
      });
      await createChat(tx, {
        userId: 'pager',
        title: 'Budget 500 items',
        source: 'app',
        titleSource: 'user',
      });
    });
    const found = await withUser(ctx.database, 'pager', (tx) =>
      listChats(tx, 'pager', { limit: 10, search: 'budget 50%' }),
    );
    expect(found.items.map((c) => c.title)).toEqual(['Budget 50% cut']);
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(
      withUser(ctx.database, 'pager', (tx) =>
        listChats(tx, 'pager', { limit: 5, cursor: 'garbage' }),
      ),
    ).rejects.toMatchObject({ kind: 'invalid_input', reason: 'invalid_cursor' });
  });

  it('answers in one round trip as the transaction does', async () => {
    const pinned = await withService(ctx.database, (tx) =>
      createChat(tx, {
        userId: 'pager',
        title: "Pinned 'quoted' \\ chat",
        source: 'app',
        titleSource: 'user',
      }),
    );
    await withUser(ctx.database, 'pager', (tx) => pinChat(tx, pinned.id, true));
    const first = await withUser(ctx.database, 'pager', (tx) =>
      listChats(tx, 'pager', { limit: 3 }),
    );
    const cases = [
      { limit: 3 },
      { limit: 3, cursor: first.nextCursor },
      { limit: 50, search: 'budget 50%' },
      { limit: 50, search: "'quoted' \\" },
      { limit: 5, view: 'pinned' as const },
      { limit: 5, view: 'recent' as const, cursor: first.nextCursor },
      { limit: 5, view: 'archived' as const },
    ];
    for (const options of cases) {
      const expected = await withUser(ctx.database, 'pager', (tx) =>
        listChats(tx, 'pager', options),
      );
      expect(await listChatsAs(ctx.database, 'pager', options)).toEqual(expected);
    }
    expect((await listChatsAs(ctx.database, 'pager', { limit: 5, view: 'pinned' })).items).toEqual([
      expect.objectContaining({ id: pinned.id, title: "Pinned 'quoted' \\ chat" }),
    ]);
    await expect(
      listChatsAs(ctx.database, 'pager', { limit: 5, cursor: 'garbage' }),
    ).rejects.toMatchObject({ kind: 'invalid_input', reason: 'invalid_cursor' });

    const statements = await statementsSentBy(ctx.database.pool, () =>
      listChatsAs(ctx.database, 'pager', { limit: 3, cursor: first.nextCursor }),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/request\.jwt\.claims[\s\S]*from "chats"/);
  });

  it('writes only strings and numbers into a query as literals', () => {
    expect(
      inlineParameters({
        sql: 'select $1, $2, $10',
        parameters: ["it's", 3, 0, 0, 0, 0, 0, 0, 0, 'ten'],
      }),
    ).toBe("select 'it''s', 3, 'ten'");
    expect(() => inlineParameters({ sql: 'select $1', parameters: [new Date()] })).toThrow(
      TypeError,
    );
    expect(inlineParameters({ sql: 'select -$1', parameters: [-5] })).toBe('select -(-5)');
    expect(() => inlineParameters({ sql: 'select $1', parameters: [1.5] })).toThrow(TypeError);
  });

  it('never lets a generated title replace one the user chose', async () => {
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, {
        userId: 'pager',
        title: 'New chat',
        source: 'app',
        titleSource: 'placeholder',
      }),
    );
    await withUser(ctx.database, 'pager', (tx) => renameChat(tx, chat.id, 'Mine'));
    const result = await withService(ctx.database, (tx) => setGeneratedTitle(tx, chat.id, 'Auto'));
    expect(result).toBeUndefined();
  });
});

describe('messages', () => {
  it('pages newest first, each page oldest to newest, keeping question before reply', async () => {
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'pager', title: 'Long', source: 'app', titleSource: 'user' }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      await withService(ctx.database, async (tx) => {
        const q = await appendMessage(tx, {
          chatId: chat.id,
          userId: 'pager',
          role: 'user',
          content: `q${i}`,
          status: 'complete',
        });
        const a = await appendMessage(tx, {
          chatId: chat.id,
          userId: 'pager',
          role: 'assistant',
          content: `a${i}`,
          status: 'complete',
        });
        ids.push(q.id, a.id);
      });
    }
    const first = await withUser(ctx.database, 'pager', (tx) =>
      listMessages(tx, chat.id, { limit: 4 }),
    );
    expect(first.items.map((m) => m.content)).toEqual(['q3', 'a3', 'q4', 'a4']);
    const second = await withUser(ctx.database, 'pager', (tx) =>
      listMessages(tx, chat.id, { limit: 4, cursor: first.nextCursor }),
    );
    expect(second.items.map((m) => m.content)).toEqual(['q1', 'a1', 'q2', 'a2']);
    const third = await withUser(ctx.database, 'pager', (tx) =>
      listMessages(tx, chat.id, { limit: 4, cursor: second.nextCursor }),
    );
    expect(third.items.map((m) => m.content)).toEqual(['q0', 'a0']);
    expect(third.nextCursor).toBeNull();
  });

  it('closes runs orphaned by a dead process as failed, keeping their text', async () => {
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'pager', title: 'Orphan', source: 'app', titleSource: 'user' }),
    );
    await withService(ctx.database, (tx) =>
      appendMessage(tx, {
        chatId: chat.id,
        userId: 'pager',
        role: 'user',
        content: 'question',
        status: 'complete',
      }),
    );
    const reply = await withService(ctx.database, (tx) =>
      appendMessage(tx, {
        chatId: chat.id,
        userId: 'pager',
        role: 'assistant',
        content: '',
        status: 'streaming',
      }),
    );
    await withService(ctx.database, (tx) => updateMessage(tx, reply.id, { content: 'half a' }));
    expect(await withService(ctx.database, (tx) => closeOrphanedRuns(tx, 60_000))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = await withService(ctx.database, (tx) => closeOrphanedRuns(tx, 10));
    expect(closed).toEqual([reply.id]);
    const page = await withService(ctx.database, (tx) => listMessages(tx, chat.id, { limit: 5 }));
    expect(page.items[1]).toMatchObject({
      status: 'failed',
      error_code: 'interrupted',
      content: 'half a',
    });
  });
});

describe('users', () => {
  it('finds a user by email whatever its case', async () => {
    const user = await withService(ctx.database, (tx) => findUserByEmail(tx, 'PAGER@example.COM'));
    expect(user?.id).toBe('pager');
  });
});

describe('api keys', () => {
  it('shows the secret once, stores only its hash, verifies and revokes', async () => {
    const { key, apiKey } = await withService(ctx.database, (tx) =>
      createApiKey(tx, { name: 'CRM', scopes: ['chats:create'], createdBy: 'pager' }),
    );
    expect(key).toMatch(/^zk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const stored = await withService(ctx.database, (tx) =>
      tx
        .selectFrom('api_keys')
        .select('hash')
        .where('id', '=', apiKey.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored.hash).not.toContain(key.slice(12));
    const verified = await verifyApiKeyInOneTrip(ctx.database, key);
    expect(verified?.id).toBe(apiKey.id);
    expect(verified?.last_used_at).toBeDefined();
    expect(await verifyApiKeyInOneTrip(ctx.database, `${key.slice(0, -1)}x`)).toBeUndefined();
    expect(await verifyApiKeyInOneTrip(ctx.database, 'zk_nope')).toBeUndefined();
    const listed = await withService(ctx.database, (tx) => listApiKeys(tx));
    expect(listed.find((k) => k.id === apiKey.id)?.last_used_at).not.toBeNull();
    expect(listed[0]).not.toHaveProperty('hash');
    expect(verified).not.toHaveProperty('hash');
    await withService(ctx.database, (tx) => revokeApiKey(tx, apiKey.id));
    expect(await verifyApiKeyInOneTrip(ctx.database, key)).toBeUndefined();
  });

  it('records a use in one round trip only for the holder of the secret', async () => {
    const { key, apiKey } = await withService(ctx.database, (tx) =>
      createApiKey(tx, { name: 'One trip', scopes: ['chats:create'], createdBy: null }),
    );
    const lastUsed = async () =>
      (
        await withService(ctx.database, (tx) =>
          tx
            .selectFrom('api_keys')
            .select('last_used_at')
            .where('id', '=', apiKey.id)
            .executeTakeFirstOrThrow(),
        )
      ).last_used_at;
    // A wrong secret with the right prefix records nothing.
    expect(await verifyApiKeyInOneTrip(ctx.database, `${key.slice(0, -1)}x`)).toBeUndefined();
    expect(await lastUsed()).toBeNull();
    const first = await verifyApiKeyInOneTrip(ctx.database, key);
    expect(first?.id).toBe(apiKey.id);
    expect(await lastUsed()).not.toBeNull();
  });
});

describe('idempotency', () => {
  it('does the work once for concurrent repeats and replays its result', async () => {
    const { apiKey } = await withService(ctx.database, (tx) =>
      createApiKey(tx, { name: 'Race', scopes: ['chats:create'], createdBy: null }),
    );
    const body = { email: 'pager@example.com', title: 'Once' };
    const attempt = () =>
      withService(ctx.database, async (tx) => {
        const claim = await claimIdempotencyKey(tx, {
          apiKeyId: apiKey.id,
          key: 'k-1',
          requestHash: hashRequest(body),
        });
        if (claim.kind !== 'claimed') return claim;
        const chat = await createChat(tx, {
          userId: 'pager',
          title: 'Once',
          source: 'api',
          titleSource: 'api',
        });
        // Hold the claim a moment so the repeats really wait on it.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await completeIdempotencyKey(tx, {
          apiKeyId: apiKey.id,
          key: 'k-1',
          status: 201,
          body: { id: chat.id },
        });
        return { kind: 'created' as const, id: chat.id };
      });
    const results = await Promise.all([attempt(), attempt(), attempt(), attempt()]);
    const created = results.filter((r) => r.kind === 'created');
    expect(created).toHaveLength(1);
    for (const r of results.filter((r) => r.kind !== 'created')) {
      expect(r).toEqual({ kind: 'replay', status: 201, body: { id: created[0]?.id } });
    }
    const mismatch = await withService(ctx.database, (tx) =>
      claimIdempotencyKey(tx, {
        apiKeyId: apiKey.id,
        key: 'k-1',
        requestHash: hashRequest({ other: 1 }),
      }),
    );
    expect(mismatch).toEqual({ kind: 'mismatch' });
    const count = await withService(ctx.database, (tx) =>
      tx.selectFrom('chats').select('id').where('title', '=', 'Once').execute(),
    );
    expect(count).toHaveLength(1);
  });
});

describe('a transaction opened with statements (withUserOpening)', () => {
  it("answers each statement under the person's scope, in the first round trip", async () => {
    await seedUser(ctx.database, 'opener');
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'opener', title: 'Mine', source: 'app', titleSource: 'user' }),
    );
    let value: unknown;
    const statements = await statementsSentBy(ctx.database.pool, async () => {
      value = await withUserOpening(
        ctx.database,
        'opener',
        [
          `select id, title from public.chats where id = ${sqlLiteral(chat.id)}`,
          "select current_setting('request.jwt.claims', true)::json ->> 'sub' as sub",
        ],
        async (_tx, first) => first.map((result) => result.rows),
      );
    });
    expect(value).toEqual([[{ id: chat.id, title: 'Mine' }], [{ sub: 'opener' }]]);
    // BEGIN, the scope and both statements, then COMMIT.
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^begin;[\s\S]*select id, title from public\.chats/);
  });

  it('rolls back when one of them fails, and never runs the rest', async () => {
    await seedUser(ctx.database, 'opener_failing');
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, {
        userId: 'opener_failing',
        title: 'Kept',
        source: 'app',
        titleSource: 'user',
      }),
    );
    let ran = false;
    const failed = await withUserOpening(
      ctx.database,
      'opener_failing',
      [
        `update public.chats set title = 'Changed' where id = ${sqlLiteral(chat.id)}`,
        'select 1 / 0',
      ],
      async () => {
        ran = true;
      },
    ).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: '22012' });
    expect(ran).toBe(false);
    const [row] = await withUser(ctx.database, 'opener_failing', (tx) =>
      listChats(tx, 'opener_failing', { limit: 5, cursor: null }).then((page) => page.items),
    );
    expect(row?.title).toBe('Kept');
    // Every pooled connection is usable again (none left inside the aborted transaction).
    for (let i = 0; i < 8; i++) {
      await withUserOpening(ctx.database, 'opener_failing', ['select 1 as one'], async () => {});
    }
  });
});

describe('metered create (create_chat_metered)', () => {
  it('takes the point on the limiter row and inserts only within the limit, on one plan', async () => {
    await seedUser(ctx.database, 'metered');
    const chat = {
      userId: 'metered',
      title: 'Metered',
      source: 'api',
      titleSource: 'api',
    } as const;
    const now = Date.now();
    const terms = { key: 'test:metered', points: 2, msDuration: 60_000, now };
    const count = async () =>
      (
        await ctx.database.pool.query<{ n: number }>(
          "select count(*)::int as n from public.chats where user_id = 'metered'",
        )
      ).rows[0]?.n;
    // More calls than PL/pgSQL's five custom plans, so the cached (generic) plan answers too.
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await createChatMetered(ctx.database, chat, terms));
    expect(results.map((r) => r.consumedPoints)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => r.chat !== undefined)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(results.every((r) => r.expire === now + 60_000)).toBe(true);
    expect(results[0]?.chat).toMatchObject({ user_id: 'metered', title: 'Metered', source: 'api' });
    expect(await count()).toBe(2);
    // The limiter's own row: rate-limiter-flexible's columns, counted by both.
    const { rows } = await ctx.database.pool.query<{ points: number; expire: string }>(
      "select points, expire from public.rate_limits where key = 'test:metered'",
    );
    expect(rows).toEqual([{ points: 7, expire: String(now + 60_000) }]);
    // A new window starts at one point.
    const later = await createChatMetered(ctx.database, chat, { ...terms, now: now + 60_000 });
    expect(later.consumedPoints).toBe(1);
    expect(later.expire).toBe(now + 120_000);
    expect(later.chat).toBeDefined();
    // A missing user: the point alone, no chat (the caller then asks for the precise refusal).
    const nobody = await createChatMetered(
      ctx.database,
      { ...chat, userId: 'nobody' },
      { ...terms, key: 'test:metered-nobody' },
    );
    expect(nobody).toMatchObject({ consumedPoints: 1, chat: undefined });
  });

  it('keeps its counters out of the write-ahead log, so taking a point waits for no disk flush', async () => {
    // An unlogged table (and its indexes): a transaction that only takes points commits without
    // a WAL flush; a crash of the server empties the counters, which is all it costs.
    const { rows } = await ctx.database.pool.query<{ relname: string; relpersistence: string }>(
      `select relname, relpersistence from pg_class
       where relname in ('rate_limits', 'rate_limits_pkey', 'rate_limits_expire') order by relname`,
    );
    expect(rows).toEqual([
      { relname: 'rate_limits', relpersistence: 'u' },
      { relname: 'rate_limits_expire', relpersistence: 'u' },
      { relname: 'rate_limits_pkey', relpersistence: 'u' },
    ]);
  });

  it('is the service path only: the Data API roles may not call it', async () => {
    const { rows } = await ctx.database.pool.query<{ role: string; allowed: boolean }>(
      `select role, has_function_privilege(role, 'public.create_chat_metered(uuid, text, uuid,
         text, text, text, text, integer, bigint, bigint)', 'execute') as allowed
       from unnest(array['anon', 'authenticated', 'service_role']) as role`,
    );
    expect(rows).toEqual([
      { role: 'anon', allowed: false },
      { role: 'authenticated', allowed: false },
      { role: 'service_role', allowed: true },
    ]);
  });
});
