// message.stream over HTTP for its usual case, a person's own reply running in this process: the
// run cuts its deltas into frames once and writes the same bytes to every follower, in tRPC's
// exact SSE bytes (so httpSubscriptionLink reads them unchanged) with the same events and ids,
// resuming from Last-Event-ID; every other case is still tRPC's answer.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, startOpenAITestServer } from '@zatten/ai/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRequestContext } from '../src/context';
import { appRouter } from '../src/root';
import { handleTRPCRequest } from '../src/server';
import { APP_URL, seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;
beforeAll(async () => {
  openai = await startOpenAITestServer();
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
});

afterEach(async () => {
  openai.setScript();
  vi.restoreAllMocks();
  await api.services.runs.drain();
});

async function request(userId: string, messageId: string, headers: Record<string, string> = {}) {
  const token = await api.clerk.sign({ sub: userId, email: `${userId}@example.com` });
  const input = encodeURIComponent(JSON.stringify({ messageId }));
  return new Request(`${APP_URL}/api/trpc/message.stream?input=${input}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: AbortSignal.timeout(10_000),
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

async function readAll(response: Response): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const next = await reader.read();
    if (next.done) return text;
    text += decoder.decode(next.value, { stream: true });
  }
}

type Frame = { id?: string; event?: string; data: string };

function parse(text: string): Frame[] {
  return text
    .split('\n\n\n')
    .filter(Boolean)
    .map((block) => {
      const frame: Frame = { data: '' };
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(': ');
        const value = rest.join(': ');
        if (field === 'data') frame.data = value;
        else if (field === 'id') frame.id = value;
        else if (field === 'event') frame.event = value;
      }
      return frame;
    });
}

/** The text a follower put together from its frames, checking each id is the offset so far. */
function followed(frames: Frame[], from = 0): { text: string; end: { content: string } } {
  let text = '';
  let end: { content: string } | undefined;
  for (const frame of frames.filter((f) => !f.event)) {
    const event = JSON.parse(frame.data) as {
      type: string;
      text?: string;
      content?: string;
    };
    if (event.type === 'snapshot') text = event.content ?? '';
    else if (event.type === 'delta') text += event.text ?? '';
    else if (event.type === 'end') end = event as { content: string };
    if (event.type !== 'end') expect(frame.id).toBe(String(from + text.length));
    else expect(frame.id).toBe('end');
  }
  if (!end) throw new Error('no end frame');
  return { text, end };
}

async function sendFor(userId: string, content = 'hello there') {
  await seedUser(api.database, userId);
  const caller = api.caller(userActor(userId));
  const chat = await caller.chat.create({});
  const { assistantMessage } = await caller.message.send({ chatId: chat.id, content });
  return { caller, messageId: assistantMessage.id };
}

describe('GET /api/trpc/message.stream of a reply running here', () => {
  it("writes tRPC's bytes and headers for the same reply, outside tRPC", async () => {
    // Tokens further apart than a frame: neither side merges any, so the frames are the same.
    openai.setScript([
      { kind: 'reply', text: 'One two three four', tokenDelayMs: 100, firstTokenDelayMs: 1500 },
    ]);
    const attach = vi.spyOn(api.services.runs, 'attach');
    const { messageId } = await sendFor('user_ms_bytes');
    // Both open before the first token (the same opening).
    const [ours, theirs] = await Promise.all([
      request('user_ms_bytes', messageId).then(served),
      request('user_ms_bytes', messageId).then(viaTRPC),
    ]);
    expect(attach).toHaveReturnedWith(expect.any(Function));
    for (const name of ['content-type', 'cache-control', 'x-accel-buffering', 'connection']) {
      expect(ours.headers.get(name)).toBe(theirs.headers.get(name));
    }
    expect(ours.status).toBe(theirs.status);
    const [a, b] = await Promise.all([readAll(ours), readAll(theirs)]);
    expect(a).toBe(b);
    expect(a.startsWith('event: connected\ndata: {}\n\n\ndata: {"type":"snapshot"')).toBe(true);
    expect(a.endsWith('\nid: end\n\n\nevent: return\ndata: \n\n\n')).toBe(true);
    expect(followed(parse(a)).text).toBe('One two three four');
  });

  it('gives every follower the whole reply in frames, each id the offset so far', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    openai.setScript([{ kind: 'reply', text: words, tokenDelayMs: 3 }]);
    const { caller, messageId } = await sendFor('user_ms_many');
    const responses = await Promise.all(
      [1, 2, 3].map(async () => served(await request('user_ms_many', messageId))),
    );
    const texts = await Promise.all(responses.map(readAll));
    for (const text of texts) {
      const { text: whole, end } = followed(parse(text));
      expect(whole).toBe(words);
      expect(end.content).toBe(words);
      // Merged into frames: fewer than one per token.
      expect(parse(text).length).toBeLessThan(60);
    }
    const reply = await caller.message.get({ id: messageId });
    expect(reply).toMatchObject({ status: 'complete', content: words });
  });

  it('resumes after the last event id, with the text after it only', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `r${i}`).join(' ');
    openai.setScript([{ kind: 'reply', text: words, tokenDelayMs: 10 }]);
    const { messageId } = await sendFor('user_ms_resume');
    const first = await served(await request('user_ms_resume', messageId));
    const reader = (first.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let head = '';
    while (!/\nid: [1-9]\d*\n/.test(head)) {
      const next = await reader.read();
      if (next.done) break;
      head += decoder.decode(next.value, { stream: true });
    }
    await reader.cancel();
    const lastId = [...head.matchAll(/\nid: (\d+)\n/g)].at(-1)?.[1] as string;
    const resumed = await served(
      await request('user_ms_resume', messageId, { 'last-event-id': lastId }),
    );
    const rest = parse(await readAll(resumed));
    expect(rest.find((frame) => frame.data.includes('"snapshot"'))).toBeUndefined();
    const { text } = followed(rest, Number(lastId));
    expect(words.slice(0, Number(lastId)) + text).toBe(words);
  });

  it('gives its stream slot back when the follower leaves, and the reply still completes', async () => {
    openai.setScript([{ kind: 'reply', text: 'a b c d e f', tokenDelayMs: 50 }]);
    const { caller, messageId } = await sendFor('user_ms_leave');
    const leave = new AbortController();
    const token = await api.clerk.sign({ sub: 'user_ms_leave', email: 'l@example.com' });
    const input = encodeURIComponent(JSON.stringify({ messageId }));
    const response = await served(
      new Request(`${APP_URL}/api/trpc/message.stream?input=${input}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: leave.signal,
      }),
    );
    expect(api.services.streams.count('user_ms_leave')).toBe(1);
    leave.abort();
    await response.body?.cancel().catch(() => {});
    expect(api.services.streams.count('user_ms_leave')).toBe(0);
    await api.services.runs.drain();
    expect(await caller.message.get({ id: messageId })).toMatchObject({ status: 'complete' });
    const errors = api.logs.filter((line) => JSON.parse(line).level === 'error');
    expect(errors).toEqual([]);
  });

  it("leaves another person's reply and an ended one to tRPC", async () => {
    openai.setScript([{ kind: 'reply', text: 'mine only', tokenDelayMs: 100 }]);
    const { messageId } = await sendFor('user_ms_owner');
    await seedUser(api.database, 'user_ms_other');
    const attach = vi.spyOn(api.services.runs, 'attach');
    const other = await served(await request('user_ms_other', messageId));
    const reference = await viaTRPC(await request('user_ms_other', messageId));
    expect(other.status).toBe(reference.status);
    const scrub = (text: string) => text.replace(/"requestId":"[^"]*"/g, '');
    const [a, b] = await Promise.all([readAll(other), readAll(reference)]);
    expect(a).toContain('serialized-error');
    expect(scrub(a)).toBe(scrub(b));
    expect(attach).not.toHaveBeenCalled();
    await api.services.runs.drain();
    // Ended: tRPC answers from the outcome.
    const ended = parse(await readAll(await served(await request('user_ms_owner', messageId))));
    expect(followed(ended).end.content).toBe('mine only');
    expect(attach).not.toHaveReturnedWith(expect.any(Function));
  });
});
