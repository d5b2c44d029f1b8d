// The client's behaviour against a real server: typed errors with the server's codes and
// reasons, timeouts, retries for queries only (and for createChat, made safe by its key), the
// credentials on every request and every reconnection of a stream, and a resumed reply.
import { replyText, slowReplyText } from '@zatten/ai/testing';
import { startZattenTestServer, type ZattenTestServer } from '@zatten/api/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createZattenClient, isZattenError, toZattenError, type ZattenError } from '../src/index';

let server: ZattenTestServer;
let apiKey: string;

beforeAll(async () => {
  server = await startZattenTestServer(inject('testServer'));
  await server.seedUser('user_ana', 'ana@example.com');
  apiKey = await server.apiKey();
});
afterAll(() => server?.close());

/** A fetch that records each call and fails the first `failures` with a network error. */
function flakyFetch(failures: number) {
  const calls: Array<{ url: string; authorization: string | null }> = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({ url: String(input), authorization: headers.get('authorization') });
    if (calls.length <= failures) throw new TypeError('fetch failed');
    return fetch(input, init);
  }) as typeof fetch;
  return { fetcher, calls };
}

const noDelay = () => 0;

describe('errors', () => {
  it('carry the tRPC code, HTTP status, reason and request id', async () => {
    const zatten = createZattenClient({ url: server.url, apiKey });
    const error = await zatten
      .createChat({ email: 'nobody@example.com', title: 'Hi' })
      .catch((e: unknown) => e);
    expect(isZattenError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      httpStatus: 404,
      reason: 'user_not_found',
      requestId: expect.any(String),
    });
  });

  it('list invalid fields', async () => {
    const zatten = createZattenClient({ url: server.url, apiKey });
    const error = (await zatten
      .createChat({ email: 'ana@example.com', title: 'two\nlines' })
      .catch((e: unknown) => e)) as ZattenError;
    expect(error).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(JSON.stringify(error.fieldErrors)).toMatch(/single line/);
  });

  it('say when the server did not answer in time', async () => {
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof fetch;
    const zatten = createZattenClient({
      url: server.url,
      apiKey,
      fetch: hanging,
      timeoutMs: 50,
      retries: 0,
    });
    const error = await zatten.trpc.service.listChats
      .query({ email: 'ana@example.com' })
      .catch((e: unknown) => e);
    expect(toZattenError(error)).toMatchObject({ code: 'TIMEOUT', httpStatus: null });
  });
  it('end a refused stream with the same typed error', async () => {
    const zatten = createZattenClient({ url: server.url, apiKey });
    const error = await (async () => {
      for await (const _part of zatten.followReply('00000000-0000-4000-8000-000000000000')) {
        // An API key may not follow a person's reply: nothing arrives.
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ZattenError',
      code: 'UNAUTHORIZED',
      httpStatus: 401,
      requestId: expect.any(String),
    });
  });
});

describe('retries', () => {
  it('repeat a query that found no server', async () => {
    const { fetcher, calls } = flakyFetch(2);
    const zatten = createZattenClient({
      url: server.url,
      apiKey,
      fetch: fetcher,
      retryDelayMs: noDelay,
    });
    const page = await zatten.trpc.service.listChats.query({ email: 'ana@example.com' });
    expect(page.items).toBeInstanceOf(Array);
    expect(calls).toHaveLength(3);
  });

  it('give up on a query after the configured number', async () => {
    const { fetcher, calls } = flakyFetch(10);
    const zatten = createZattenClient({
      url: server.url,
      apiKey,
      fetch: fetcher,
      retries: 1,
      retryDelayMs: noDelay,
    });
    await expect(zatten.trpc.service.listChats.query({ email: 'ana@example.com' })).rejects.toThrow(
      /fetch failed/,
    );
    expect(calls).toHaveLength(2);
  });

  it('never repeat a plain mutation', async () => {
    const { fetcher, calls } = flakyFetch(1);
    const zatten = createZattenClient({
      url: server.url,
      apiKey,
      fetch: fetcher,
      retryDelayMs: noDelay,
    });
    await expect(
      zatten.trpc.service.createChat.mutate({ chat: { email: 'ana@example.com', title: 'Once' } }),
    ).rejects.toThrow(/fetch failed/);
    expect(calls).toHaveLength(1);
  });

  it('repeat createChat with the same idempotency key, so one chat is made', async () => {
    // The first request reaches the server and creates the chat; its answer is lost.
    let lost = false;
    const calls: string[] = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(String(init?.body));
      const response = await fetch(input, init);
      if (!lost) {
        lost = true;
        throw new TypeError('connection reset');
      }
      return response;
    }) as typeof fetch;
    const zatten = createZattenClient({
      url: server.url,
      apiKey,
      fetch: fetcher,
      retryDelayMs: noDelay,
    });
    const { chat, replayed } = await zatten.createChat({
      email: 'ana@example.com',
      title: 'Exactly once',
    });
    expect(replayed).toBe(true);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe(calls[1]);
    const page = await zatten.trpc.service.listChats.query({ email: 'ana@example.com' });
    expect(page.items.filter((c) => c.title === 'Exactly once').map((c) => c.id)).toEqual([
      chat.id,
    ]);
  });
});

describe('batching', () => {
  it('sends concurrent calls together, at most maxBatchSize per request', async () => {
    const { fetcher, calls } = flakyFetch(0);
    const zatten = createZattenClient({ url: server.url, apiKey, fetch: fetcher, maxBatchSize: 2 });
    const pages = await Promise.all(
      [1, 2, 3].map((limit) =>
        zatten.trpc.service.listChats.query({ email: 'ana@example.com', limit }),
      ),
    );
    expect(pages).toHaveLength(3);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.url).toContain('batch=1');
  });
});

describe('streams', () => {
  it('send the credentials on every request, read anew for each one', async () => {
    let issued = 0;
    const { fetcher, calls } = flakyFetch(0);
    const ana = createZattenClient({
      url: server.url,
      fetch: fetcher,
      getToken: async () => {
        issued += 1;
        return server.token('user_ana', 'ana@example.com');
      },
    });
    const chat = await ana.trpc.chat.create.mutate({ title: 'Tokens' });
    const reply = await ana.sendMessage({ chatId: chat.id, content: 'Hi' });
    let text = '';
    for await (const part of reply) if (part.type === 'delta') text += part.text;
    expect(text).toBe(replyText('Hi'));
    const stream = calls.find((call) => call.url.includes('message.stream'));
    expect(stream?.authorization).toMatch(/^Bearer ey/);
    expect(issued).toBe(calls.length);
  });

  it('resume a reply after the connection drops, with a fresh token and no gap', async () => {
    const streamAuth: Array<string | null> = [];
    let cut = false;
    const cutting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('message.stream')) {
        streamAuth.push(new Headers(init?.headers).get('authorization'));
      }
      const response = await fetch(input, init);
      if (cut || !String(input).includes('message.stream') || !response.body) return response;
      cut = true;
      // Pass the first chunk of the stream, then drop the connection.
      const reader = response.body.getReader();
      const body = new ReadableStream({
        async pull(controller) {
          const { value } = await reader.read();
          if (value) controller.enqueue(value);
          await reader.cancel();
          controller.error(new TypeError('connection reset'));
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    }) as typeof fetch;
    const ana = createZattenClient({
      url: server.url,
      fetch: cutting,
      // A token that lives 60 s: each connection must ask for the one current then.
      getToken: () => server.token('user_ana', 'ana@example.com', 60),
    });
    const chat = await ana.trpc.chat.create.mutate({ title: 'Drops' });
    const question = 'Tell me slowly [[slow]]';
    const reply = await ana.sendMessage({ chatId: chat.id, content: question });
    let text = '';
    let final = null;
    for await (const part of reply) {
      if (part.type === 'delta') text += part.text;
      else final = part.message;
    }
    expect(cut).toBe(true);
    // The stream connected again, presenting a token read for that connection (iat differs).
    expect(streamAuth.length).toBeGreaterThanOrEqual(2);
    expect(new Set(streamAuth).size).toBe(streamAuth.length);
    expect(text).toBe(slowReplyText(question, 40));
    expect(final).toMatchObject({ status: 'complete', content: text });
  });

  it('stop following live events quietly when the caller aborts', async () => {
    const ana = createZattenClient({
      url: server.url,
      getToken: () => server.token('user_ana', 'ana@example.com'),
    });
    const chat = await ana.trpc.chat.create.mutate({ title: 'Live' });
    const controller = new AbortController();
    const seen: string[] = [];
    // From the start of the log, which already holds the chat's insert.
    const following = (async () => {
      for await (const event of ana.followEvents({ lastEventId: '0', signal: controller.signal })) {
        seen.push(event.payload.id);
        if (event.payload.table === 'chats' && event.payload.id === chat.id) controller.abort();
      }
    })();
    await expect(following).resolves.toBeUndefined();
    expect(seen).toContain(chat.id);
  });
});

// issue 16: a chat that starts with a message and a file, for a user, from another system.
describe('files', () => {
  it('upload a file for a user, then create a chat whose first message carries it', async () => {
    const zatten = createZattenClient({ url: server.url, apiKey });
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const file = await zatten.uploadFile({
      email: 'ana@example.com',
      name: 'invoice.pdf',
      data: pdf,
    });
    expect(file).toMatchObject({
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
      status: 'uploaded',
    });
    const { chat, firstMessage } = await zatten.createChat({
      email: 'ana@example.com',
      title: 'Invoice',
      message: { content: 'Summarise it', attachmentIds: [file.id] },
    });
    expect(firstMessage).toEqual({ id: expect.any(String), replyId: expect.any(String) });
    const token = await server.token('user_ana', 'ana@example.com');
    const ana = createZattenClient({ url: server.url, getToken: () => token });
    const files = await ana.trpc.attachment.list.query({ chatId: chat.id });
    expect(files.map((f) => [f.name, f.messageId])).toEqual([['invoice.pdf', firstMessage?.id]]);
  });

  it('refuses a file whose bytes are not an accepted type, with a typed error', async () => {
    const zatten = createZattenClient({ url: server.url, apiKey });
    const error = await zatten
      .uploadFile({
        email: 'ana@example.com',
        name: 'a.pdf',
        data: new Uint8Array([0x4d, 0x5a, 0x90, 0]),
      })
      .catch((caught: unknown) => caught as ZattenError);
    expect(isZattenError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'attachment_type_refused', httpStatus: 415 });
  });
});
