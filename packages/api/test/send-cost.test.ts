// What a send costs: the person's rate-limit points (a write and a send, taken in one statement,
// refused exactly as the two limits in a row were) and the database round trips before its
// reply runs (counted on the pool's Client#query, as bench/src/round-trips.ts does).
import { randomUUID } from 'node:crypto';
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, startOpenAITestServer } from '@zatten/ai/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;
beforeAll(async () => {
  openai = await startOpenAITestServer({ tokenDelayMs: 1 });
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
  writesPerMinute: 4,
  sendsPerMinute: 2,
});

async function points(userId: string): Promise<Record<string, number>> {
  const rows = await api.sql<{ key: string; points: number }[]>`
    select key, points from rate_limits where key in (${`writes:${userId}`}, ${`send:${userId}`})`;
  return Object.fromEntries(rows.map((row) => [row.key.split(':')[0], row.points]));
}

// Wrapped before the fixture connects: the database wraps each connection's query on connect.
let recording: string[] | null = null;
type Query = (...args: unknown[]) => unknown;
const client = pg.Client.prototype as unknown as { query: Query };
const original = client.query;
client.query = function (this: unknown, ...args: unknown[]) {
  const first = args[0] as string | { text?: string } | undefined;
  recording?.push(typeof first === 'string' ? first : (first?.text ?? '?'));
  return original.apply(this, args);
};
afterAll(() => {
  client.query = original;
});

/** Every statement the query pool's clients send while `fn` runs. */
async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  recording = statements;
  try {
    await fn();
  } finally {
    recording = null;
  }
  return statements;
}

describe('the points of a send', () => {
  it('a send takes one write and one send point; a refused send stops at the first limit', async () => {
    await seedUser(api.database, 'user_points');
    const caller = api.caller(userActor('user_points'));
    const chats = [await caller.chat.create({}), await caller.chat.create({})];
    await caller.message.send({ chatId: chats[0]?.id ?? '', content: 'one' });
    expect(await points('user_points')).toEqual({ writes: 3, send: 1 });
    await caller.message.send({ chatId: chats[1]?.id ?? '', content: 'two' });
    expect(await points('user_points')).toEqual({ writes: 4, send: 2 });
    // The write limit (4) refuses first, and a refused write costs no send point.
    const error = await caller.message
      .send({ chatId: chats[0]?.id ?? '', content: 'three' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('making changes too fast'),
      cause: { reason: 'rate_limited', retryAfter: expect.any(Number) },
    });
    expect(await points('user_points')).toEqual({ writes: 5, send: 2 });
    await api.services.runs.drain();
  });

  it('a repeated send costs a write, not a send', async () => {
    await seedUser(api.database, 'user_repeat');
    const caller = api.caller(userActor('user_repeat'));
    const chat = await caller.chat.create({});
    const input = { chatId: chat.id, content: 'once', clientMessageId: randomUUID() };
    const first = await caller.message.send(input);
    const again = await caller.message.send(input);
    expect(again.assistantMessage.id).toBe(first.assistantMessage.id);
    expect(await points('user_repeat')).toEqual({ writes: 3, send: 1 });
    await api.services.runs.drain();
  });

  it('the send limit refuses once the writes are within theirs', async () => {
    const limited = api.services.rateLimits;
    await limited.writeAndSend('user_sends');
    await limited.writeAndSend('user_sends');
    await expect(limited.writeAndSend('user_sends')).rejects.toMatchObject({
      reason: 'rate_limited',
      message: expect.stringContaining('sending messages too fast'),
    });
    expect(await points('user_sends')).toEqual({ writes: 3, send: 3 });
  });
});

describe('the round trips of a send', () => {
  it('takes both limits in one statement', async () => {
    await seedUser(api.database, 'user_trips');
    const caller = api.caller(userActor('user_trips'));
    const chat = await caller.chat.create({});
    const statements = await statementsOf(() =>
      caller.message.send({ chatId: chat.id, content: 'count me' }),
    );
    await api.services.runs.drain();
    expect(statements.filter((text) => text.includes('rate_limits'))).toHaveLength(1);
  });

  it("reads the person's instructions in the admission statement", async () => {
    await seedUser(api.database, 'user_notes');
    const caller = api.caller(userActor('user_notes'));
    const chat = await caller.chat.create({});
    const statements = await statementsOf(() =>
      caller.message.send({ chatId: chat.id, content: 'count me' }),
    );
    await api.services.runs.drain();
    // The admission read is the function run_admission (its plans kept per connection), asked
    // for the instructions too.
    const reads = statements.filter((text) => text.includes('public.run_admission('));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/public\.run_admission\('user_notes', '[^']+'::uuid,\s*true\)/);
  });

  it('locks the chat and reads its assistant in one statement', async () => {
    await seedUser(api.database, 'user_lock');
    const caller = api.caller(userActor('user_lock'));
    const chat = await caller.chat.create({});
    const statements = await statementsOf(() =>
      caller.message.send({ chatId: chat.id, content: 'count me' }),
    );
    await api.services.runs.drain();
    const locks = statements.filter((text) => /for update/i.test(text));
    expect(locks).toHaveLength(1);
    expect(locks[0]).toContain('public.assistants');
    // The person's run lock too, after the row's (a materialised CTE holds the row lock first).
    expect(statements.filter((text) => text.includes('pg_advisory_xact_lock'))).toEqual(locks);
    // Nothing else reads the assistant's public row (a cold cache reads its full row, instructions
    // included, on the service path: that one names the instructions).
    const reads = statements.filter((text) => /from "assistants"/.test(text));
    expect(reads.every((text) => text.includes('instructions'))).toBe(true);
  });

  it("checks a browser's new client message id in one round trip, not a transaction", async () => {
    await seedUser(api.database, 'user_client_id');
    const caller = api.caller(userActor('user_client_id'));
    const chat = await caller.chat.create({});
    const clientMessageId = randomUUID();
    // Someone's send first warms the process's caches (the assistant's row), so that the two
    // compared pay the same (two sends a minute each in this file).
    await seedUser(api.database, 'user_client_warm');
    const warm = api.caller(userActor('user_client_warm'));
    await warm.message.send({ chatId: (await warm.chat.create({})).id, content: 'warm up' });
    await api.services.runs.drain();
    const plain = await statementsOf(() =>
      caller.message.send({ chatId: chat.id, content: 'count me' }),
    );
    await api.services.runs.drain();
    const withId = await statementsOf(() =>
      caller.message.send({ chatId: chat.id, content: 'count me too', clientMessageId }),
    );
    await api.services.runs.drain();
    // The browser sends every message with its id: the repeat check costs one statement more.
    expect(withId.length).toBe(plain.length + 1);
    // The id is read once, then written as the question's (with the lease of its reply).
    const naming = withId.filter((text) => text.includes(clientMessageId));
    expect(naming).toHaveLength(2);
    expect(naming[0]).toContain('select 1 from public.messages');
    expect(naming[1]).toContain('public.begin_exchange(');
  });

  it('looks for no files in a chat that has none', async () => {
    await seedUser(api.database, 'user_nofiles');
    const caller = api.caller(userActor('user_nofiles'));
    const chat = await caller.chat.create({});
    const statements = await statementsOf(() =>
      caller.message.send({ chatId: chat.id, content: 'count me' }),
    );
    await api.services.runs.drain();
    expect(statements.filter((text) => /from "attachments"/.test(text))).toEqual([]);
  });

  it('commits in the round trip of its last statement, the lease', async () => {
    await seedUser(api.database, 'user_commit');
    const caller = api.caller(userActor('user_commit'));
    const chat = await caller.chat.create({});
    // A first send warms the process's caches (the assistant's row), as in the usual case.
    await caller.message.send({ chatId: chat.id, content: 'warm' });
    await api.services.runs.drain();
    const statements = await statementsOf(() =>
      caller.message.send({ chatId: chat.id, content: 'count me' }),
    );
    await api.services.runs.drain();
    const sent = statements.slice(0, statements.findIndex((text) => /run_leases/.test(text)) + 1);
    expect(sent.at(-1)).toMatch(/insert into public\.run_leases[\s\S]*;\s*commit$/);
    expect(sent.filter((text) => text.trim() === 'commit')).toEqual([]);
    // The limits; BEGIN with the scope, both locks, the admission and the branch on screen; the
    // writes, the lease and COMMIT.
    expect(sent).toHaveLength(3);
    expect(sent[0]).toContain('rate_limits');
    expect(sent[1]).toMatch(/^begin;/);
    expect(sent[1]).toMatch(
      /for update of c[\s\S]*public\.run_admission\([\s\S]*public\.branch_path\(/,
    );
    expect(sent[2]).toMatch(/^select [\s\S]*public\.begin_exchange\([\s\S]*run_leases/);
  });

  it('writes the question, its reply and the active leaf in one statement', async () => {
    await seedUser(api.database, 'user_writes');
    const caller = api.caller(userActor('user_writes'));
    const chat = await caller.chat.create({});
    const statements = await statementsOf(() =>
      caller.message.send({ chatId: chat.id, content: 'count me' }),
    );
    await api.services.runs.drain();
    const writes = statements.filter((text) =>
      /insert into "messages"|begin_reply|begin_exchange|"active_leaf_id" =/.test(text),
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain('public.begin_exchange(');
  });
});

describe('what running replies cost the pool', () => {
  it('their progress is one statement for all of them, and each outcome one round trip', async () => {
    const words = Array.from({ length: 45 }, (_, i) => `p${i}`).join(' ');
    openai.setScript({ kind: 'reply', text: words, tokenDelayMs: 40 });
    const replies: string[] = [];
    const statements = await statementsOf(async () => {
      for (const userId of ['user_run_a', 'user_run_b', 'user_run_c']) {
        await seedUser(api.database, userId);
        const caller = api.caller(userActor(userId));
        const chat = await caller.chat.create({});
        const { assistantMessage } = await caller.message.send({ chatId: chat.id, content: 'go' });
        replies.push(assistantMessage.id);
      }
      await api.services.runs.drain();
    });
    openai.setScript();
    // No write of a reply's own (a transaction each, as before: BEGIN, UPDATE, COMMIT).
    expect(statements.filter((text) => /^update "messages"/.test(text.trim()))).toEqual([]);
    const progress = statements.filter((text) => text.includes('update public.messages m set'));
    expect(progress.length).toBeGreaterThan(0);
    // The three replies stream together (about 1.8 s each): one statement writes all three.
    for (const id of replies) expect(progress[0]).toContain(id);
    const outcomes = statements.filter((text) => /set status = 'complete'/.test(text));
    expect(outcomes).toHaveLength(3);
    for (const outcome of outcomes) expect(outcome).toMatch(/^select set_config\('role'/);
    for (const id of replies) {
      const [row] = await api.sql<{ status: string; content: string }[]>`
        select status, content from messages where id = ${id}`;
      expect(row).toEqual({ status: 'complete', content: words });
    }
  });
});
