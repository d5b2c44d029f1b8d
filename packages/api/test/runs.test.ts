// Assistant runs end to end on real Postgres and the OpenAI test server: send, follow, resume,
// stop (here and from another process), failures, retry, regenerate, limits and orphans.
import { getEventListeners } from 'node:events';
import { createAssistantRunner } from '@zatten/ai';
import {
  type OpenAITestServer,
  replyText,
  slowReplyText,
  startOpenAITestServer,
  titleText,
  tokenize,
} from '@zatten/ai/testing';
import { getMessage, withService } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/runs/events';
import { createApiServices } from '../src/services';
import { collect, seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;
const SLOW_EXTRA = 40;

beforeAll(async () => {
  openai = await startOpenAITestServer({
    tokenDelayMs: 2,
    slowTokenDelayMs: 40,
    slowExtraTokens: SLOW_EXTRA,
  });
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
  runs: {
    persistIntervalMs: 100,
    limits: { firstTokenMs: 3000, idleMs: 1000, backoffMs: 20, maxBackoffMs: 50 },
  },
  sendsPerMinute: 1000,
});
const ana = userActor('user_ana');

beforeAll(async () => {
  await seedUser(api.database, 'user_ana');
});

async function newChat() {
  return api.caller(ana).chat.create({});
}

const isEnd = (event: StreamEvent) => event.type === 'end';

function textOf(events: Array<{ data: StreamEvent }>): string {
  let text = '';
  for (const { data } of events) {
    if (data.type === 'snapshot') text = data.content;
    if (data.type === 'delta') text += data.text;
  }
  return text;
}

async function follow(messageId: string, lastEventId?: string) {
  return api.caller(ana).message.stream({ messageId, lastEventId });
}

async function waitForStatus(id: string, statuses: string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await withService(api.database, (tx) => getMessage(tx, id));
    if (message && statuses.includes(message.status)) return message;
    if (Date.now() > deadline) throw new Error(`message ${id} is ${message?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a reply', () => {
  it('streams to the sender, is stored with usage, and names the chat', async () => {
    const chat = await newChat();
    const { userMessage, assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Olá, tudo bem?' });
    expect(userMessage).toMatchObject({
      role: 'user',
      content: 'Olá, tudo bem?',
      status: 'complete',
    });
    expect(assistantMessage).toMatchObject({ role: 'assistant', status: 'streaming' });
    const events = await collect<StreamEvent>(await follow(assistantMessage.id), isEnd);
    expect(textOf(events)).toBe(replyText('Olá, tudo bem?'));
    expect(events.at(-1)?.data).toMatchObject({ type: 'end', status: 'complete' });
    const stored = await waitForStatus(assistantMessage.id, ['complete']);
    expect(stored.content).toBe(replyText('Olá, tudo bem?'));
    expect(stored.model).toBeTruthy();
    expect(stored.openai_response_id).toMatch(/^resp_/);
    expect(stored.usage).toMatchObject({ totalTokens: expect.any(Number) });
    await api.services.runs.drain();
    const named = await api.caller(ana).chat.get({ id: chat.id });
    expect(named).toMatchObject({ title_source: 'assistant', title: titleText('Olá, tudo bem?') });
    // The branch travels as input on each run: no OpenAI Conversation is created; the Response
    // is tied to the chat and the reply by its metadata and its id stored on the reply.
    expect(named.openai_conversation_id).toBeNull();
    const request = openai.responsesRequests.find(
      (r) =>
        (r.body as { metadata?: { message_id?: string } }).metadata?.message_id ===
        assistantMessage.id,
    );
    expect(request?.body).toMatchObject({
      metadata: { app: 'zatten-chat', chat_id: chat.id, message_id: assistantMessage.id },
    });
  });

  it('reaches its follower in frames that carry several tokens each', async () => {
    // The tokens come in one burst, so frames of ~20 ms carry several and the server encodes and
    // writes far fewer SSE events than tokens (before coalescing there was one event per token).
    // A burst, not tokens a few ms apart: on a busy machine those arrived more than a frame apart
    // and the count depended on the load, not on the coalescing.
    const chat = await newChat();
    const text = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    // Keyed on the input, not queued: another test's background title request must not take it.
    openai.setScript((request) =>
      request.inputText === 'Frames, please' ? { kind: 'reply', text, tokenDelayMs: 0 } : undefined,
    );
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Frames, please' });
    const events = await collect<StreamEvent>(await follow(assistantMessage.id), isEnd).finally(
      () => openai.setScript(undefined),
    );
    expect(textOf(events)).toBe(text);
    const deltas = events.filter(({ data }) => data.type === 'delta').length;
    expect(deltas).toBeLessThan(tokenize(text).length / 3);
  });

  it('shows two followers the same text, and a late one the text so far, then the rest', async () => {
    const chat = await newChat();
    const input = 'Tell me slowly [[slow]]';
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: input });
    const first = collect<StreamEvent>(await follow(assistantMessage.id), isEnd);
    const second = collect<StreamEvent>(await follow(assistantMessage.id), isEnd);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const lateEvents = await collect<StreamEvent>(await follow(assistantMessage.id), isEnd);
    const [a, b] = await Promise.all([first, second]);
    const full = slowReplyText(input, SLOW_EXTRA);
    expect(textOf(a)).toBe(full);
    expect(textOf(b)).toBe(full);
    const opening = lateEvents[0]?.data;
    expect(opening?.type).toBe('snapshot');
    expect(opening?.type === 'snapshot' ? opening.content.length : 0).toBeGreaterThan(0);
    expect(textOf(lateEvents)).toBe(full);
  });

  // Issue 13: the owner's follow of a reply running here skips the database; nobody else's does.
  it('lets only its owner follow a reply while it runs in this process', async () => {
    await seedUser(api.database, 'user_bob');
    const chat = await newChat();
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Mine only [[slow]]' });
    expect(api.services.runs.isRunningHere(assistantMessage.id)).toBe(true);
    const strangers = await api
      .caller(userActor('user_bob'))
      .message.stream({ messageId: assistantMessage.id });
    const refused = await strangers[Symbol.asyncIterator]()
      .next()
      .then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
    expect(refused).toBe('NOT_FOUND');
    const own = await collect<StreamEvent>(
      await follow(assistantMessage.id),
      (_d, all) => all.length >= 2,
    );
    expect(own.length).toBeGreaterThanOrEqual(2);
    await api.caller(ana).message.cancel({ messageId: assistantMessage.id });
  });

  it('resumes from a last event id without gaps or repeats', async () => {
    const chat = await newChat();
    const input = 'Resume me [[slow]]';
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: input });
    const head = await collect<StreamEvent>(
      await follow(assistantMessage.id),
      (_d, all) => all.length >= 4,
    );
    const lastId = head.at(-1)?.id ?? '';
    await new Promise((resolve) => setTimeout(resolve, 200)); // tokens keep coming while away
    const tail = await collect<StreamEvent>(await follow(assistantMessage.id, lastId), isEnd);
    expect(tail[0]?.data.type).toBe('delta');
    expect(textOf(head) + textOf(tail)).toBe(slowReplyText(input, SLOW_EXTRA));
  });

  it('gives a follower of a finished reply the final text and the end at once', async () => {
    const chat = await newChat();
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Quick one' });
    await waitForStatus(assistantMessage.id, ['complete']);
    await api.services.runs.drain();
    const other = createApiServices({
      env: api.services.env,
      database: api.database,
    });
    try {
      // A different process knows the reply only from the database.
      const items: StreamEvent[] = [];
      for await (const item of other.runs.follow(assistantMessage.id, {})) items.push(item.event);
      expect(items).toEqual([
        { type: 'snapshot', content: replyText('Quick one'), status: 'complete' },
        {
          type: 'end',
          status: 'complete',
          content: replyText('Quick one'),
          errorCode: null,
          errorMessage: null,
        },
      ]);
    } finally {
      await other.close();
    }
  });

  it('writes progress to the database while it streams', async () => {
    const chat = await newChat();
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Progress [[slow]]' });
    const deadline = Date.now() + 5000;
    let seen = '';
    while (Date.now() < deadline) {
      const row = await withService(api.database, (tx) => getMessage(tx, assistantMessage.id));
      if (row?.status === 'streaming' && row.content.length > 0) {
        seen = row.content;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(slowReplyText('Progress [[slow]]', SLOW_EXTRA).startsWith(seen)).toBe(true);
    await waitForStatus(assistantMessage.id, ['complete']);
  });
});

describe('stopping a reply', () => {
  it('stops it in this process and keeps the partial text', async () => {
    const chat = await newChat();
    const input = 'Stop me [[slow]]';
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: input });
    await collect<StreamEvent>(await follow(assistantMessage.id), (_d, all) => all.length >= 3);
    const { message } = await api.caller(ana).message.cancel({ messageId: assistantMessage.id });
    expect(message.status).toBe('cancelled');
    expect(message.content.length).toBeGreaterThan(0);
    expect(slowReplyText(input, SLOW_EXTRA).startsWith(message.content)).toBe(true);
    expect(message.content.length).toBeLessThan(slowReplyText(input, SLOW_EXTRA).length);
  });

  it('follows a reply running in another process to its end, leaving no listener behind', async () => {
    const chat = await newChat();
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Watched from afar [[slow]]' });
    const other = createApiServices({ env: api.services.env, database: api.database });
    const follower = new AbortController();
    try {
      await other.ready;
      const events: unknown[] = [];
      for await (const item of other.runs.follow(assistantMessage.id, {
        signal: follower.signal,
      })) {
        events.push(item.event);
      }
      expect(events.at(-1)).toMatchObject({ type: 'end', status: 'complete' });
      // It polled the database several times meanwhile; each wait let go of its abort listener
      // (they used to pile up on the request's signal, one per poll, for as long as it watched).
      expect(getEventListeners(follower.signal, 'abort')).toEqual([]);
    } finally {
      await api.services.runs.drain();
      await other.close();
    }
  });

  it('stops a reply that runs in another process, through the database', async () => {
    const chat = await newChat();
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Far away [[slow]]' });
    await collect<StreamEvent>(await follow(assistantMessage.id), (_d, all) => all.length >= 3);
    const other = createApiServices({
      env: api.services.env,
      database: api.database,
    });
    try {
      await other.ready;
      expect(other.runs.isRunningHere(assistantMessage.id)).toBe(false);
      const { message, stoppedBy } = await other.runs.cancel(assistantMessage.id);
      // The owning process stopped it and wrote its partial text; nothing was forced.
      expect(stoppedBy).toBe('owner');
      expect(message?.status).toBe('cancelled');
      expect(message?.content.length ?? 0).toBeGreaterThan(0);
      await api.services.runs.drain();
      expect(api.services.runs.isRunningHere(assistantMessage.id)).toBe(false);
    } finally {
      await other.close();
    }
  });
});

describe('failures', () => {
  it.each([
    ['[[500]]', 'upstream_error', ''],
    ['[[401]]', 'invalid_api_key', ''],
    ['[[fail]]', 'response_failed', 'partial'],
    ['[[drop]]', 'connection_lost', 'partial'],
    ['[[stall]]', 'idle_timeout', 'partial'],
  ])('%s ends as failed with %s', async (marker, code, partial) => {
    const chat = await newChat();
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: `Break ${marker}` });
    const events = await collect<StreamEvent>(await follow(assistantMessage.id), isEnd);
    expect(events.at(-1)?.data).toMatchObject({ type: 'end', status: 'failed', errorCode: code });
    const stored = await waitForStatus(assistantMessage.id, ['failed']);
    expect(stored.error_code).toBe(code);
    expect(stored.error_message).toBeTruthy();
    if (partial) expect(stored.content.length).toBeGreaterThan(0);
    else expect(stored.content).toBe('');
  });

  it('retries a failed reply in place and regenerates the last one as a new version', async () => {
    const chat = await newChat();
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Flaky [[500once]]' });
    const failed = await waitForStatus(assistantMessage.id, ['failed', 'complete']);
    // [[500once]] fails the first request only; the runner's own retry may already have won.
    if (failed.status === 'failed') {
      await api.caller(ana).message.retry({ messageId: assistantMessage.id });
      await waitForStatus(assistantMessage.id, ['complete']);
    }
    await expect(
      api.caller(ana).message.retry({ messageId: assistantMessage.id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const { assistantMessage: again } = await api
      .caller(ana)
      .message.regenerate({ chatId: chat.id });
    expect(again.id).not.toBe(assistantMessage.id);
    expect(again).toMatchObject({ status: 'streaming', parent_id: assistantMessage.parent_id });
    const done = await waitForStatus(again.id, ['complete']);
    expect(done.content).toBe(replyText('Flaky [[500once]]'));
    // The earlier version is still there, untouched.
    const kept = await waitForStatus(assistantMessage.id, ['complete']);
    expect(kept.content).toBe(replyText('Flaky [[500once]]'));
  });

  it('fails plainly when no AI is configured', async () => {
    const unconfigured = createApiServices({
      env: api.services.env,
      database: api.database,
      ai: {},
    });
    try {
      const chat = await newChat();
      const { createCaller } = await import('../src/root');
      const { createInnerContext } = await import('../src/context');
      const caller = createCaller(createInnerContext({ services: unconfigured, actor: ana }));
      const { assistantMessage } = await caller.message.send({
        chatId: chat.id,
        content: 'Hello?',
      });
      const stored = await waitForStatus(assistantMessage.id, ['failed']);
      expect(stored.error_code).toBe('not_configured');
    } finally {
      await unconfigured.close();
    }
  });
});

describe('sending', () => {
  it('refuses a second send while a reply is running', async () => {
    const chat = await newChat();
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Long [[slow]]' });
    await expect(
      api.caller(ana).message.send({ chatId: chat.id, content: 'Me too' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await api.caller(ana).message.cancel({ messageId: assistantMessage.id });
  });

  it('treats a repeated send with the same client id as one send', async () => {
    const chat = await newChat();
    const clientMessageId = crypto.randomUUID();
    const first = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Once', clientMessageId });
    const second = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Once', clientMessageId });
    expect(second.userMessage.id).toBe(clientMessageId);
    expect(second.assistantMessage.id).toBe(first.assistantMessage.id);
    const page = await api.caller(ana).message.list({ chatId: chat.id });
    expect(page.items).toHaveLength(2);
  });

  it('rejects empty and over-long messages', async () => {
    const chat = await newChat();
    await expect(
      api.caller(ana).message.send({ chatId: chat.id, content: '   ' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.caller(ana).message.send({ chatId: chat.id, content: 'x'.repeat(32_001) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('limits', () => {
  const limited = useApi({
    runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
    sendsPerMinute: 2,
  });

  it('limits how fast one person sends', async () => {
    await seedUser(limited.database, 'user_fast');
    const fast = userActor('user_fast');
    const caller = limited.caller(fast);
    for (let i = 0; i < 2; i++) {
      const chat = await caller.chat.create({});
      await caller.message.send({ chatId: chat.id, content: `m${i}` });
    }
    const chat = await caller.chat.create({});
    const error = await caller.message
      .send({ chatId: chat.id, content: 'one too many' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      cause: { reason: 'rate_limited', retryAfter: expect.any(Number) },
    });
    await limited.services.runs.drain();
  });

  it('closes replies orphaned by a dead process when a server starts', async () => {
    await seedUser(limited.database, 'user_orphan');
    const chat = await limited.caller(userActor('user_orphan')).chat.create({});
    const orphan = await withService(limited.database, async (tx) => {
      const question = await tx
        .insertInto('messages')
        .values({ chat_id: chat.id, user_id: 'user_orphan', role: 'user', content: 'q' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return tx
        .insertInto('messages')
        .values({
          chat_id: chat.id,
          user_id: 'user_orphan',
          role: 'assistant',
          content: 'half',
          status: 'streaming',
          parent_id: question.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    });
    // As if its process died ten minutes ago (the touch trigger would otherwise reset updated_at).
    await limited.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update messages set updated_at = now() - interval '10 minutes' where id = ${orphan.id}`;
    });
    const restarted = createApiServices({
      env: limited.services.env,
      database: limited.database,
    });
    try {
      await restarted.ready;
      const row = await withService(limited.database, (tx) => getMessage(tx, orphan.id));
      expect(row).toMatchObject({ status: 'failed', error_code: 'interrupted', content: 'half' });
    } finally {
      await restarted.close();
    }
  });
});
