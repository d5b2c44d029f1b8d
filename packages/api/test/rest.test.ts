// POST /api/v1/chats and GET /api/v1/chats/{id}: every error case, idempotency (including
// concurrent repeats), and the new chat reaching the user's topic through the database trigger.
import { createApiKey, type RealtimeEvent, withService } from '@zatten/db';
import { statementsSentBy } from '@zatten/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleCreateChat, handleGetChat, MAX_BODY_BYTES } from '../src/rest/chats';
import { APP_URL, seedUser, useApi, userActor } from './helpers';

const api = useApi({ apiKeyPerMinute: 1000 });
let key: string;
let readOnlyKey: string;
let readKey: string;

beforeAll(async () => {
  await seedUser(api.database, 'user_rest', 'Rest.User@Example.com');
  key = (
    await withService(api.database, (tx) =>
      createApiKey(tx, { name: 'crm', scopes: ['chats:create'], createdBy: null }),
    )
  ).key;
  readOnlyKey = (
    await withService(api.database, (tx) =>
      createApiKey(tx, { name: 'ro', scopes: ['chats:read'], createdBy: null }),
    )
  ).key;
  readKey = (
    await withService(api.database, (tx) =>
      createApiKey(tx, { name: 'rw', scopes: ['chats:create', 'chats:read'], createdBy: null }),
    )
  ).key;
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return handleCreateChat(
    new Request(`${APP_URL}/api/v1/chats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    api.services,
  );
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as {
    type: string;
    status: number;
    detail: string;
    errors?: Array<{ path: string; message: string }>;
  };
}

describe('POST /api/v1/chats', () => {
  it('creates a chat for a user by email, case-insensitively, with a Location', async () => {
    const response = await post({ email: 'rest.user@example.COM', title: 'From the CRM' });
    expect(response.status).toBe(201);
    const chat = (await response.json()) as {
      id: string;
      userId: string;
      title: string;
      url: string;
    };
    expect(chat).toMatchObject({ userId: 'user_rest', title: 'From the CRM', source: 'api' });
    expect(response.headers.get('location')).toBe(`/api/v1/chats/${chat.id}`);
    expect(chat.url).toBe(`${APP_URL}/c/${chat.id}`);
  });

  it("creates a chat by user id and tells the user's open dashboards at once", async () => {
    const events: RealtimeEvent[] = [];
    const unsubscribe = await api.relay.subscribe('user:user_rest', (event) => events.push(event));
    try {
      const response = await post({ userId: 'user_rest', title: 'Live' });
      const chat = (await response.json()) as { id: string };
      const deadline = Date.now() + 5000;
      while (!events.some((e) => e.payload.id === chat.id) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(events.find((e) => e.payload.id === chat.id)).toMatchObject({
        event: 'chats.insert',
        payload: { table: 'chats', op: 'insert' },
      });
    } finally {
      unsubscribe();
    }
  });

  it.each([
    ['no key', {}, 401, 'unauthenticated'],
    [
      'an unknown key',
      { authorization: 'Bearer zk_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      401,
      'unauthenticated',
    ],
    ['a malformed header', { authorization: 'Basic abc' }, 401, 'unauthenticated'],
  ])('answers %s with 401', async (_label, headers, status, slug) => {
    const request = new Request(`${APP_URL}/api/v1/chats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ userId: 'user_rest', title: 'x' }),
    });
    const response = await handleCreateChat(request, api.services);
    expect(response.status).toBe(status);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await problem(response)).type).toBe(`urn:zatten:problem:${slug}`);
  });

  it('answers a key without the scope with 403', async () => {
    const response = await post(
      { userId: 'user_rest', title: 'x' },
      { authorization: `Bearer ${readOnlyKey}` },
    );
    expect(response.status).toBe(403);
    expect((await problem(response)).detail).toMatch(/chats:create/);
    // The scope is checked before the body's fields, as the service procedure checks it.
    const invalid = await post({ title: '' }, { authorization: `Bearer ${readOnlyKey}` });
    expect(invalid.status).toBe(403);
  });

  it('answers a body that is not JSON with 415, malformed JSON and invalid fields with 400', async () => {
    expect(
      (await post('userId=x', { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    const malformed = await post('{"userId": ');
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).type).toBe('urn:zatten:problem:malformed-json');
    const invalid = await post({ email: 'not-an-email', title: '', extra: 1 });
    expect(invalid.status).toBe(400);
    const body = await problem(invalid);
    expect(body.type).toBe('urn:zatten:problem:validation-failed');
    expect(body.errors?.map((e) => e.path).sort()).toEqual(
      expect.arrayContaining(['email', 'title']),
    );
    const both = await post({ email: 'a@example.com', userId: 'x', title: 'T' });
    expect((await problem(both)).errors?.[0]?.message).toMatch(/exactly one of userId and email/);
    const neither = await post({ title: 'T' });
    expect(neither.status).toBe(400);
  });

  it('answers an unknown user or assistant with 404', async () => {
    const user = await post({ userId: 'user_nobody', title: 'x' });
    expect(user.status).toBe(404);
    expect((await problem(user)).type).toBe('urn:zatten:problem:user-not-found');
    const email = await post({ email: 'nobody@example.com', title: 'x' });
    expect((await problem(email)).type).toBe('urn:zatten:problem:user-not-found');
    const assistant = await post({
      userId: 'user_rest',
      title: 'x',
      assistantId: '00000000-0000-4000-8000-000000000000',
    });
    expect(assistant.status).toBe(404);
    expect((await problem(assistant)).type).toBe('urn:zatten:problem:assistant-not-found');
  });

  it('creates by user id in one database round trip (the key point, the checks, the insert)', async () => {
    // Warm: the key is remembered and the default assistant exists.
    expect((await post({ userId: 'user_rest', title: 'Warm' })).status).toBe(201);
    // Every statement the query pool's connections send during the create.
    const statements = await statementsSentBy(api.services.database.pool, async () => {
      expect((await post({ userId: 'user_rest', title: 'One trip' })).status).toBe(201);
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/public\.create_chat_metered\(/);
  });

  it('keeps a title with quotes, backslashes and SQL exactly as sent', async () => {
    const title = "O'Brien \\' \\\\ $$ '); drop table public.chats; -- \u00e9\u{1F600}";
    const response = await post({ userId: 'user_rest', title });
    expect(response.status).toBe(201);
    const chat = (await response.json()) as { id: string; title: string };
    expect(chat.title).toBe(title);
    const [row] = await api.sql<
      { title: string }[]
    >`select title from public.chats where id = ${chat.id}`;
    expect(row?.title).toBe(title);
  });

  it('answers a body over the limit with 413', async () => {
    const response = await post({
      userId: 'user_rest',
      title: 'x',
      pad: 'x'.repeat(MAX_BODY_BYTES),
    });
    expect(response.status).toBe(413);
    expect((await problem(response)).type).toBe('urn:zatten:problem:payload-too-large');
  });

  it('logs a client that left mid-body as gone, not as a server failure', async () => {
    const left = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // What Node gives a handler reading a request whose socket closed (abortIncoming).
        left.abort();
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const before = api.logs.length;
    await handleCreateChat(
      new Request(`${APP_URL}/api/v1/chats`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
        duplex: 'half',
        signal: left.signal,
      } as RequestInit),
      api.services,
    );
    const lines = api.logs.slice(before).map((line) => JSON.parse(line) as { level: string });
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'REST client went away' }),
    );
  });

  it('replays a repeated Idempotency-Key and refuses it with another body', async () => {
    const first = await post(
      { userId: 'user_rest', title: 'Idem' },
      { 'idempotency-key': 'order-1' },
    );
    const again = await post(
      { userId: 'user_rest', title: 'Idem' },
      { 'idempotency-key': 'order-1' },
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const other = await post(
      { userId: 'user_rest', title: 'Different' },
      { 'idempotency-key': 'order-1' },
    );
    expect(other.status).toBe(409);
    expect((await problem(other)).type).toBe('urn:zatten:problem:idempotency-key-reused');
    expect(
      (await post({ userId: 'user_rest', title: 'x' }, { 'idempotency-key': 'has space' })).status,
    ).toBe(400);
  });

  it('creates one chat for concurrent repeats of a key', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        post({ userId: 'user_rest', title: 'Race' }, { 'idempotency-key': 'race-1' }),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ id: string }>));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    const chats = await withService(api.database, (tx) =>
      tx.selectFrom('chats').select('id').where('title', '=', 'Race').execute(),
    );
    expect(chats).toHaveLength(1);
  });

  it('reads a chat back with the chats:read scope', async () => {
    const created = (await (await post({ userId: 'user_rest', title: 'Read me' })).json()) as {
      id: string;
    };
    const get = (k: string, id: string) =>
      handleGetChat(
        new Request(`${APP_URL}/api/v1/chats/${id}`, { headers: { authorization: `Bearer ${k}` } }),
        api.services,
        id,
      );
    const ok = await get(readKey, created.id);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: created.id, title: 'Read me' });
    expect((await get(key, created.id)).status).toBe(403);
    expect((await get(readKey, 'not-a-uuid')).status).toBe(400);
    expect((await get(readKey, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('a verified key', () => {
  it('is remembered briefly, and refused at once when revoked through the API', async () => {
    await seedUser(api.database, 'user_keys_admin', 'admin@example.com');
    const admin = userActor('user_keys_admin', 'admin@example.com');
    const { key: burstKey, apiKey } = await api.caller(admin).apiKey.create({ name: 'burst' });
    const create = () =>
      handleCreateChat(
        new Request(`${APP_URL}/api/v1/chats`, {
          method: 'POST',
          headers: { authorization: `Bearer ${burstKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'user_rest', title: 'Burst' }),
        }),
        api.services,
      );
    expect((await create()).status).toBe(201);
    // Revoked behind this process's back (as another server would): the verification it holds
    // still answers for a few seconds, so a burst of calls does not look the key up each time.
    await api.sql`update api_keys set revoked_at = now() where id = ${apiKey.id}`;
    expect((await create()).status).toBe(201);
    await api.sql`update api_keys set revoked_at = null where id = ${apiKey.id}`;
    // Revoked through the API: forgotten here at once.
    await api.caller(admin).apiKey.revoke({ id: apiKey.id });
    expect((await create()).status).toBe(401);
  });
});

describe('rate limit', () => {
  const limited = useApi({ apiKeyPerMinute: 2 });

  it("answers with 429 and Retry-After past the key's limit", async () => {
    await seedUser(limited.database, 'user_rl');
    const { key: rlKey } = await withService(limited.database, (tx) =>
      createApiKey(tx, { name: 'rl', scopes: ['chats:create'], createdBy: null }),
    );
    const send = () =>
      handleCreateChat(
        new Request(`${APP_URL}/api/v1/chats`, {
          method: 'POST',
          headers: { authorization: `Bearer ${rlKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'user_rl', title: 'x' }),
        }),
        limited.services,
      );
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const third = await send();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await problem(third)).type).toBe('urn:zatten:problem:rate-limited');
  });

  it('counts every call once, refused ones included, and a refused create inserts nothing', async () => {
    await seedUser(limited.database, 'user_rl2');
    const newKey = async () =>
      (
        await withService(limited.database, (tx) =>
          createApiKey(tx, { name: 'rl2', scopes: ['chats:create'], createdBy: null }),
        )
      ).key;
    const sendWith = (apiKey: string, body: unknown) =>
      handleCreateChat(
        new Request(`${APP_URL}/api/v1/chats`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
        limited.services,
      );
    const chats = async () =>
      (
        await limited.sql<{ n: number }[]>`select count(*)::int as n from public.chats
          where user_id = 'user_rl2'`
      )[0]?.n;
    const valid = { userId: 'user_rl2', title: 'x' };

    // An invalid body costs its point; past the limit the 429 answers before the 400.
    const invalidFirst = await newKey();
    expect((await sendWith(invalidFirst, { userId: 'user_rl2', title: '' })).status).toBe(400);
    expect((await sendWith(invalidFirst, valid)).status).toBe(201);
    expect((await sendWith(invalidFirst, { title: '' })).status).toBe(429);

    // A refused assistant (the database trigger's refusal, which rolls the statement back) and a
    // missing user cost their points too.
    const [restricted] = await limited.sql<{ id: string }[]>`insert into public.assistants
        (slug, name, model, visibility, allowed_users)
      values ('rl-restricted', 'Restricted', 'gpt-test', 'restricted', '{elsewhere.example}')
      returning id`;
    const refusedFirst = await newKey();
    const refused = await sendWith(refusedFirst, { ...valid, assistantId: restricted?.id });
    expect(refused.status).toBe(404);
    expect((await problem(refused)).type).toBe('urn:zatten:problem:assistant-not-found');
    expect((await sendWith(refusedFirst, { userId: 'user_nobody', title: 'x' })).status).toBe(404);
    expect((await sendWith(refusedFirst, valid)).status).toBe(429);

    // Over the limit nothing is inserted.
    const before = await chats();
    const overFirst = await newKey();
    expect((await sendWith(overFirst, valid)).status).toBe(201);
    expect((await sendWith(overFirst, valid)).status).toBe(201);
    const over = await sendWith(overFirst, valid);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(await chats()).toBe((before ?? 0) + 2);
  });
});
