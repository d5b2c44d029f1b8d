// Regression tests for what the edge refuses and bounds: control characters, lone surrogates and
// bidi overrides in text, cursors and event ids Postgres would not take, batch and body sizes,
// write rates, open streams, and the housekeeping sweep.
import { createApiKey, encodeCursor, withService } from '@zatten/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepOnce } from '../src/housekeeping';
import { handleCreateChat } from '../src/rest/chats';
import { handleTRPCRequest } from '../src/server';
import { APP_URL, errorShape, seedUser, useApi, userActor } from './helpers';

const api = useApi({
  apiKeyPerMinute: 1000,
  writesPerMinute: 1000,
  limits: { maxBatchSize: 5, maxBodyBytes: 64 * 1024, maxStreamsPerUser: 2 },
});
const ana = userActor('user_edge');
let key: string;

beforeAll(async () => {
  await seedUser(api.database, 'user_edge');
  key = (
    await withService(api.database, (tx) =>
      createApiKey(tx, { name: 'edge', scopes: ['chats:create'], createdBy: null }),
    )
  ).key;
});

const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('text rules', () => {
  it.each([
    ['a NUL', 'Bad\u0000title'],
    ['a control character', 'Bad\u0007title'],
    ['a lone surrogate', 'Bad\uD800title'],
    ['a right-to-left override', 'gnp\u202Eexe.png'],
    ['a C1 control', 'Bad\u0085title'],
  ])(
    'refuses a title with %s in chat.create and chat.rename, naming the field',
    async (_, title) => {
      const caller = api.caller(ana);
      const created = await refused(caller.chat.create({ title }));
      expect(created).toMatchObject({ code: 'BAD_REQUEST' });
      const chat = await caller.chat.create({ title: 'Fine' });
      const renamed = await refused(caller.chat.rename({ id: chat.id, title }));
      expect(renamed).toMatchObject({ code: 'BAD_REQUEST' });
      expect(JSON.stringify((renamed as { cause?: unknown }).cause)).toContain('title');
      expect((await caller.chat.get({ id: chat.id })).title).toBe('Fine');
    },
  );

  it.each([
    ['a NUL', 'Hello\u0000there'],
    ['a lone surrogate', 'Hello \uDC00'],
  ])('refuses a message with %s and stores nothing', async (_, content) => {
    const caller = api.caller(ana);
    const chat = await caller.chat.create({});
    const error = await refused(caller.message.send({ chatId: chat.id, content }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await caller.message.list({ chatId: chat.id })).items).toEqual([]);
  });

  it('keeps tabs, newlines, emoji and right-to-left text in a message', async () => {
    const caller = api.caller(ana);
    const chat = await caller.chat.create({ title: 'שלום 👋' });
    expect(chat.title).toBe('שלום 👋');
    // A rule check only (no AI configured): the message passes validation and is stored.
    const sent = await caller.message.send({ chatId: chat.id, content: 'a\tb\nשלום 👋' });
    expect(sent.userMessage.content).toBe('a\tb\nשלום 👋');
    await api.services.runs.drain();
  });

  it('refuses a NUL in a REST title with a problem document, not a 500', async () => {
    const response = await handleCreateChat(
      new Request(`${APP_URL}/api/v1/chats`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'user_edge', title: 'Bad\u0000title' }),
      }),
      api.services,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.text()).toContain('title');
  });
});

describe('cursors and event ids', () => {
  it('refuses a cursor whose timestamp JavaScript reads and Postgres does not', async () => {
    const cursor = encodeCursor({ at: '1', id: '00000000-0000-4000-8000-000000000000' });
    const error = await refused(api.caller(ana).chat.list({ cursor }));
    expect(errorShape(error)).toMatchObject({ code: 'BAD_REQUEST', reason: 'invalid_cursor' });
  });

  it('refuses an events.user id above int8 instead of stalling', async () => {
    const error = await refused(
      (async () => {
        const stream = await api.caller(ana).events.user({ lastEventId: '9999999999999999999' });
        await (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]().next();
      })(),
    );
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

function trpcPost(path: string, body: string, headers: Record<string, string> = {}) {
  return handleTRPCRequest(
    new Request(`${APP_URL}/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    }),
    { services: api.services, endpoint: '/api/trpc' },
  );
}

describe('bounds', () => {
  it('refuses a tRPC batch above maxBatchSize', async () => {
    const paths = Array.from({ length: 6 }, () => 'chat.create').join(',');
    const input = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [i, {}]));
    const response = await trpcPost(`${paths}?batch=1`, JSON.stringify(input));
    expect(response.status).toBe(400);
  });

  it('refuses a tRPC body above the cap with a 413 and a reason', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(100 * 1024) });
    const response = await trpcPost('chat.create', big);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { data: { code: 'PAYLOAD_TOO_LARGE', reason: 'payload_too_large' } },
    });
  });

  it('caps the live-update streams one person holds open', async () => {
    const controller = new AbortController();
    const caller = api.caller(ana, controller.signal);
    const open = async () =>
      ((await caller.events.user({})) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const first = await open();
    const second = await open();
    const pending = [first.next(), second.next()];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.services.streams.count('user_edge')).toBe(2);
    const third = await open();
    expect(errorShape(await refused(third.next()))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      reason: 'too_many_streams',
    });
    controller.abort();
    await Promise.allSettled(pending);
    expect(api.services.streams.count('user_edge')).toBe(0);
  });
});

describe('open streams per process', () => {
  const capped = useApi({ limits: { maxStreamsPerUser: 10, maxStreamsPerProcess: 2 } });

  it('caps the live-update streams the process holds open for everyone together', async () => {
    await seedUser(capped.database, 'user_cap_a');
    await seedUser(capped.database, 'user_cap_b');
    await seedUser(capped.database, 'user_cap_c');
    const controller = new AbortController();
    const open = async (userId: string) =>
      (
        (await capped
          .caller(userActor(userId), controller.signal)
          .events.user({})) as AsyncIterable<unknown>
      )[Symbol.asyncIterator]();
    const first = await open('user_cap_a');
    const second = await open('user_cap_b');
    const pending = [first.next(), second.next()];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(capped.services.streams.count()).toBe(2);
    // A third person, well inside their own share, is refused: the process is full.
    const third = await open('user_cap_c');
    expect(errorShape(await refused(third.next()))).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'too_many_streams_server',
    });
    controller.abort();
    await Promise.allSettled(pending);
    expect(capped.services.streams.count()).toBe(0);
    // Closed streams give their slots back.
    const again = new AbortController();
    const fourth = (
      (await capped
        .caller(userActor('user_cap_c'), again.signal)
        .events.user({})) as AsyncIterable<unknown>
    )[Symbol.asyncIterator]();
    const next = fourth.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(capped.services.streams.count('user_cap_c')).toBe(1);
    again.abort();
    await Promise.allSettled([next]);
  });
});

describe('write rate limit', () => {
  const limited = useApi({ writesPerMinute: 3 });

  it('limits chat.create (and every other write) per person', async () => {
    await seedUser(limited.database, 'user_burst');
    const caller = limited.caller(userActor('user_burst'));
    for (let i = 0; i < 3; i++) await caller.chat.create({});
    expect(errorShape(await refused(caller.chat.create({})))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      reason: 'rate_limited',
    });
    const chats = await caller.chat.list({});
    expect(chats.items).toHaveLength(3);
  });
});

describe('housekeeping', () => {
  it('purges expired idempotency keys and webhook deliveries older than their window', async () => {
    const { apiKey } = await withService(api.database, (tx) =>
      createApiKey(tx, { name: 'sweep', scopes: ['chats:create'], createdBy: null }),
    );
    const hash = 'a'.repeat(64);
    await api.sql`
      insert into idempotency_keys (api_key_id, key, request_hash, expires_at) values
        (${apiKey.id}, 'old', ${hash}, now() - interval '1 minute'),
        (${apiKey.id}, 'fresh', ${hash}, now() + interval '1 hour')`;
    await api.sql`
      insert into webhook_deliveries (id, source, event_type, received_at) values
        ('msg_old', 'clerk', 'user.created', now() - interval '8 days'),
        ('msg_new', 'clerk', 'user.created', now() - interval '1 day')`;
    const purged = await sweepOnce(api.database, { webhookRetentionMs: 7 * 24 * 3600_000 });
    expect(purged).toMatchObject({ idempotencyKeys: 1, webhookDeliveries: 1 });
    const keys = await api.sql`select key from idempotency_keys where api_key_id = ${apiKey.id}`;
    expect(keys.map((row) => row.key)).toEqual(['fresh']);
    const deliveries = await api.sql`select id from webhook_deliveries order by id`;
    expect(deliveries.map((row) => row.id)).toEqual(['msg_new']);
  });
});

describe('a new person', () => {
  it('is provisioned once when their first requests arrive together', async () => {
    const newcomer = userActor('user_newcomer');
    const created = await Promise.all(
      Array.from({ length: 8 }, () => api.caller(newcomer).chat.create({})),
    );
    expect(new Set(created.map((chat) => chat.user_id))).toEqual(new Set(['user_newcomer']));
  });
});
