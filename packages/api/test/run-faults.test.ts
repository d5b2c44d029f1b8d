// Regression tests for runs under faults: a database that refuses the final write, a send whose
// run cannot be prepared, a deleted chat with a reply in flight, an owner process that died, and
// the per-person cap on replies in flight.
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, slowReplyText, startOpenAITestServer } from '@zatten/ai/testing';
import { getMessage, leaseRun, withService } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/runs/events';
import { createApiServices } from '../src/services';
import { collect, errorShape, seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;
const SLOW_EXTRA = 30;

beforeAll(async () => {
  openai = await startOpenAITestServer({
    tokenDelayMs: 2,
    slowTokenDelayMs: 30,
    slowExtraTokens: SLOW_EXTRA,
  });
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
  runs: {
    persistIntervalMs: 100,
    finalWriteMs: 300,
    limits: { firstTokenMs: 3000, idleMs: 1000, backoffMs: 20, maxBackoffMs: 50 },
  },
  sendsPerMinute: 1000,
  limits: { maxActiveRepliesPerUser: 2 },
});
const ana = userActor('user_ana');

beforeAll(async () => {
  await seedUser(api.database, 'user_ana');
  // A switch the tests flip to make the database refuse a reply's final write.
  await api.sql.unsafe(`
    create table public.test_refuse_final (on_ boolean);
    create function public.test_refuse_final() returns trigger language plpgsql security definer as $$
    begin
      if new.status in ('complete', 'failed', 'cancelled')
         and old.status in ('pending', 'streaming')
         and exists (select 1 from public.test_refuse_final) then
        raise exception 'the database refuses the final write';
      end if;
      return new;
    end $$;
    create trigger test_refuse_final before update on public.messages
      for each row execute function public.test_refuse_final();
  `);
});

const isEnd = (event: StreamEvent) => event.type === 'end';

async function stored(id: string) {
  return withService(api.database, (tx) => getMessage(tx, id));
}

describe('a refused final write', () => {
  it('still ends followers, lets drain() resolve, and writes the text when the database answers', async () => {
    const caller = api.caller(ana);
    const chat = await caller.chat.create({});
    const input = 'Keep me [[slow]]';
    await api.sql`insert into public.test_refuse_final values (true)`;
    try {
      const { assistantMessage } = await caller.message.send({ chatId: chat.id, content: input });
      const events = await collect<StreamEvent>(
        await caller.message.stream({ messageId: assistantMessage.id }),
        isEnd,
      );
      expect(events.at(-1)?.data).toMatchObject({
        type: 'end',
        status: 'complete',
        content: slowReplyText(input, SLOW_EXTRA),
      });
      await api.services.runs.drain();
      expect((await stored(assistantMessage.id))?.status).toBe('streaming');
      // Still away: nothing written, the outcome is kept.
      expect(await api.services.runs.writeUnsaved()).toBe(1);
      await api.sql`delete from public.test_refuse_final`;
      expect(await api.services.runs.writeUnsaved()).toBe(0);
      expect(await stored(assistantMessage.id)).toMatchObject({
        status: 'complete',
        content: slowReplyText(input, SLOW_EXTRA),
      });
    } finally {
      await api.sql`delete from public.test_refuse_final`;
    }
  });
});

describe('sending', () => {
  it('refuses a chat whose assistant was retired before storing anything', async () => {
    const caller = api.caller(ana);
    const assistant = await withService(api.database, (tx) =>
      tx
        .insertInto('assistants')
        .values({ slug: 'retiring', name: 'Retiring', model: 'gpt-test' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const chat = await caller.chat.create({ assistantId: assistant.id });
    await withService(api.database, (tx) =>
      tx
        .updateTable('assistants')
        .set({ archived_at: new Date().toISOString() })
        .where('id', '=', assistant.id)
        .execute(),
    );
    const error = await caller.message
      .send({ chatId: chat.id, content: 'Anyone there?' })
      .catch((e: unknown) => e);
    expect(errorShape(error)).toMatchObject({ code: 'FORBIDDEN', reason: 'assistant_unavailable' });
    const page = await caller.message.list({ chatId: chat.id });
    expect(page.items).toEqual([]);
  });

  it('refuses a retry when the assistant was retired, leaving the reply as it was', async () => {
    const caller = api.caller(ana);
    const assistant = await withService(api.database, (tx) =>
      tx
        .insertInto('assistants')
        .values({ slug: 'retiring-later', name: 'Retiring later', model: 'gpt-test' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const chat = await caller.chat.create({ assistantId: assistant.id });
    const { assistantMessage } = await caller.message.send({
      chatId: chat.id,
      content: 'Break [[500]]',
    });
    await api.services.runs.drain();
    expect((await stored(assistantMessage.id))?.status).toBe('failed');
    await withService(api.database, (tx) =>
      tx
        .updateTable('assistants')
        .set({ archived_at: new Date().toISOString() })
        .where('id', '=', assistant.id)
        .execute(),
    );
    const error = await caller.message
      .retry({ messageId: assistantMessage.id })
      .catch((e: unknown) => e);
    expect(errorShape(error)).toMatchObject({ code: 'FORBIDDEN', reason: 'assistant_unavailable' });
    // Not left in flight without a run: the chat is not blocked.
    expect((await stored(assistantMessage.id))?.status).toBe('failed');
    const regenerate = await caller.message
      .regenerate({ chatId: chat.id })
      .catch((e: unknown) => e);
    expect(errorShape(regenerate)).toMatchObject({ reason: 'assistant_unavailable' });
    expect((await stored(assistantMessage.id))?.status).toBe('failed');
  });

  it('caps the replies one person has in flight, storing nothing for the refused send', async () => {
    const caller = api.caller(ana);
    const chats = await Promise.all([1, 2, 3].map(() => caller.chat.create({})));
    const [a, b, c] = chats.map((chat) => chat.id) as [string, string, string];
    await caller.message.send({ chatId: a, content: 'One [[slow]]' });
    await caller.message.send({ chatId: b, content: 'Two [[slow]]' });
    const error = await caller.message
      .send({ chatId: c, content: 'Three [[slow]]' })
      .catch((e: unknown) => e);
    expect(errorShape(error)).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      reason: 'too_many_replies',
    });
    expect((await caller.message.list({ chatId: c })).items).toEqual([]);
    await api.services.runs.drain();
    await caller.message.send({ chatId: c, content: 'Three again' });
    await api.services.runs.drain();
  });
});

describe('deleting a chat', () => {
  it('stops the reply it was writing', async () => {
    const caller = api.caller(ana);
    const chat = await caller.chat.create({});
    const { assistantMessage } = await caller.message.send({
      chatId: chat.id,
      content: 'Delete me [[slow]]',
    });
    const stream = await caller.message.stream({ messageId: assistantMessage.id });
    const following = collect<StreamEvent>(stream, isEnd);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await caller.chat.delete({ id: chat.id });
    const events = await following;
    expect(events.at(-1)?.data).toMatchObject({ type: 'end', status: 'cancelled' });
    await api.services.runs.drain();
    expect(await stored(assistantMessage.id)).toBeUndefined();
  });
});

describe('a reply whose process died', () => {
  async function orphanIn(chatId: string, ownerKey: number) {
    return withService(api.database, async (tx) => {
      const question = await tx
        .insertInto('messages')
        .values({ chat_id: chatId, user_id: 'user_ana', role: 'user', content: 'q' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const reply = await tx
        .insertInto('messages')
        .values({
          chat_id: chatId,
          user_id: 'user_ana',
          role: 'assistant',
          content: 'persisted half',
          status: 'streaming',
          // Messages form a tree: the reply answers the question.
          parent_id: question.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await leaseRun(tx, reply.id, ownerKey);
      return reply;
    });
  }

  it('ends failed with its persisted text, and the chat accepts a send at once', async () => {
    const caller = api.caller(ana);
    const chat = await caller.chat.create({});
    // Leased to a process whose lock nobody holds: it was killed a moment ago.
    const orphan = await orphanIn(chat.id, 424242);
    const { assistantMessage } = await caller.message.send({ chatId: chat.id, content: 'Again' });
    expect(await stored(orphan.id)).toMatchObject({
      status: 'failed',
      error_code: 'interrupted',
      content: 'persisted half',
    });
    await api.services.runs.drain();
    expect((await stored(assistantMessage.id))?.status).toBe('complete');
  });

  it('is told apart from a reply whose owner lives in another process', async () => {
    const caller = api.caller(ana);
    const chat = await caller.chat.create({});
    const { assistantMessage } = await caller.message.send({
      chatId: chat.id,
      content: 'Alive [[slow]]',
    });
    const other = createApiServices({
      env: api.services.env,
      database: api.database,
      ownerLock: true,
    });
    try {
      await other.ready;
      expect(await other.runs.closeOrphans()).toEqual([]);
      const second = await caller.message
        .send({ chatId: chat.id, content: 'Too soon' })
        .catch((e: unknown) => e);
      expect(errorShape(second)).toMatchObject({ code: 'CONFLICT', reason: 'run_active' });
      await api.services.runs.drain();
      expect((await stored(assistantMessage.id))?.status).toBe('complete');
    } finally {
      await other.close();
    }
  });
});
