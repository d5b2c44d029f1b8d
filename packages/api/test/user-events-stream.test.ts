// events.user over HTTP: a healthy stream is served with each event encoded once for all its
// subscribers, in tRPC's exact SSE bytes (so httpSubscriptionLink reads it unchanged), resuming
// from Last-Event-ID; every other case is still tRPC's answer.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { type RealtimeEvent, withService } from '@zatten/db';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRequestContext } from '../src/context';
import { appRouter } from '../src/root';
import { handleTRPCRequest } from '../src/server';
import { userEventFrame } from '../src/user-events-stream';
import { APP_URL, seedUser, useApi } from './helpers';

const api = useApi();
const opened: AbortController[] = [];
let token: string;

beforeAll(async () => {
  await seedUser(api.database, 'user_sse', 'sse@example.com');
  token = await api.clerk.sign({ sub: 'user_sse', email: 'sse@example.com' });
});

afterEach(async () => {
  for (const controller of opened.splice(0)) controller.abort();
  // The aborted streams give their slots back.
  await new Promise((resolve) => setTimeout(resolve, 50));
});

function request(query = '', headers: Record<string, string> = {}): Request {
  const controller = new AbortController();
  opened.push(controller);
  return new Request(`${APP_URL}/api/trpc/events.user${query}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: controller.signal,
  });
}

/** Zatten's handler, as the app mounts it. */
const served = (req: Request) =>
  handleTRPCRequest(req, { services: api.services, endpoint: '/api/trpc' });

/** tRPC's own pipeline for the same procedure: the reference for the bytes. */
const viaTRPC = (req: Request) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createRequestContext({ services: api.services, request: req }),
  });

/** The stream's text until `done` says it holds enough. */
async function readUntil(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 5000;
  while (!done(text) && Date.now() < deadline) {
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
    ]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text;
}

/** Whether the text holds `count` whole frames (the connected one included). */
const frames = (text: string, count: number) => text.split('\n\n\n').length - 1 >= count;

async function createChat(title: string): Promise<string> {
  const chat = await withService(api.database, (tx) =>
    tx
      .insertInto('chats')
      .values({
        user_id: 'user_sse',
        title,
        title_source: 'api',
        assistant_id: tx.selectFrom('assistants').select('id').where('is_default', '=', true),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return chat.id;
}

describe('GET /api/trpc/events.user', () => {
  it("writes tRPC's bytes and headers for the same events", async () => {
    const ours = await served(request());
    const theirs = await viaTRPC(request());
    for (const name of ['content-type', 'cache-control', 'x-accel-buffering', 'connection']) {
      expect(ours.headers.get(name)).toBe(theirs.headers.get(name));
    }
    expect(ours.status).toBe(theirs.status);
    // Both streams are open before the write.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const chatId = await createChat('Same bytes');
    const [a, b] = await Promise.all([
      readUntil(ours, (text) => frames(text, 2)),
      readUntil(theirs, (text) => frames(text, 2)),
    ]);
    expect(a).toContain(chatId);
    expect(a).toBe(b);
    expect(a.startsWith('event: connected\ndata: {}\n\n\ndata: {"event":"chats.insert"')).toBe(
      true,
    );
  });

  it('encodes an event once for all its streams', () => {
    const event: RealtimeEvent = {
      id: '7',
      topic: 'user:x',
      event: 'chats.insert',
      payload: { table: 'chats', op: 'insert', id: 'c' } as RealtimeEvent['payload'],
    };
    expect(userEventFrame(event)).toBe(userEventFrame(event));
    expect(new TextDecoder().decode(userEventFrame(event))).toBe(
      'data: {"event":"chats.insert","payload":{"table":"chats","op":"insert","id":"c"}}\nid: 7\n\n\n',
    );
  });

  it('resumes after the last event id, from the header or the input, as tRPC does', async () => {
    const probe = await served(request());
    await new Promise((resolve) => setTimeout(resolve, 200));
    await createChat('Before');
    const first = await readUntil(probe, (text) => frames(text, 2));
    const lastId = /\nid: (\d+)\n/.exec(first)?.[1] as string;
    const missed = await createChat('Missed');
    const fromHeader = request('', { 'last-event-id': lastId });
    const input = `?input=${encodeURIComponent(JSON.stringify({ lastEventId: lastId }))}`;
    for (const [ours, theirs] of [
      [await served(fromHeader), await viaTRPC(request('', { 'last-event-id': lastId }))],
      [await served(request(input)), await viaTRPC(request(input))],
    ] as const) {
      const [a, b] = await Promise.all([
        readUntil(ours, (text) => frames(text, 2)),
        readUntil(theirs, (text) => frames(text, 2)),
      ]);
      expect(a).toContain(missed);
      expect(a).toBe(b);
    }
  });

  it('gives its stream slot back when the client goes away', async () => {
    const before = api.services.streams.count('user_sse');
    const req = request();
    const response = await served(req);
    expect(api.services.streams.count('user_sse')).toBe(before + 1);
    opened.at(-1)?.abort();
    await response.body?.cancel().catch(() => {});
    expect(api.services.streams.count('user_sse')).toBe(before);
  });

  it("leaves every refusal to tRPC: the same status and frames as tRPC's", async () => {
    const anonymous = () =>
      new Request(`${APP_URL}/api/trpc/events.user`, { signal: AbortSignal.timeout(5000) });
    const badInput = () => request(`?input=${encodeURIComponent('{"lastEventId":"x"}')}`);
    const malformed = () => request('?input=%7B');
    for (const make of [anonymous, badInput, malformed]) {
      const ours = await served(make());
      const theirs = await viaTRPC(make());
      expect(ours.status).toBe(theirs.status);
      // Until the error frame is whole: chunk boundaries differ between the two (the app's
      // handler sends a frame as one chunk, tRPC's own handler in several).
      const done = (text: string) => /event: serialized-error\ndata: [^\n]*\n\n/.test(text);
      const [a, b] = await Promise.all([readUntil(ours, done), readUntil(theirs, done)]);
      expect(a).toContain('serialized-error');
      // The request id is per request; the rest is the same.
      const scrub = (text: string) => text.replace(/"requestId":"[^"]*"/g, '');
      expect(scrub(a)).toBe(scrub(b));
    }
  });
});
