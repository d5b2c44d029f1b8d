// Conversations as trees, end to end on real Postgres and the OpenAI test server (serving only
// the Responses API, read by the official SDK): the exact input the upstream receives for a send,
// an edit, a regenerate, a retry and after a branch switch; concurrent edits; stop and follow on
// a branch that is not on screen; and chats whose OpenAI-side thread is gone.
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, replyText, startOpenAITestServer } from '@zatten/ai/testing';
import { getMessage, withService } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/runs/events';
import { collect, seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;

beforeAll(async () => {
  openai = await startOpenAITestServer({
    responsesOnly: true,
    tokenDelayMs: 1,
    slowTokenDelayMs: 30,
    slowExtraTokens: 60,
  });
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
  runs: { persistIntervalMs: 50, limits: { firstTokenMs: 3000, idleMs: 2000, maxRetries: 0 } },
  sendsPerMinute: 1000,
});
const ana = userActor('user_tree_ana');
const bob = userActor('user_tree_bob');

beforeAll(async () => {
  await seedUser(api.database, 'user_tree_ana');
  await seedUser(api.database, 'user_tree_bob');
});

async function waitForStatus(id: string, statuses: string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await withService(api.database, (tx) => getMessage(tx, id));
    if (message && statuses.includes(message.status)) return message;
    if (Date.now() > deadline) throw new Error(`message ${id} is ${message?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The `input` the upstream received for the run of `replyId` (found by its metadata). */
function inputFor(replyId: string): unknown {
  const request = openai.responsesRequests.findLast(
    (r) => (r.body as { metadata?: { message_id?: string } }).metadata?.message_id === replyId,
  );
  if (!request) throw new Error(`no upstream request for ${replyId}`);
  return request.input;
}

const user = (content: string) => ({ type: 'message', role: 'user', content });
const assistant = (content: string) => ({ type: 'message', role: 'assistant', content });

async function send(chatId: string, content: string) {
  const pair = await api.caller(ana).message.send({ chatId, content });
  const reply = await waitForStatus(pair.assistantMessage.id, ['complete', 'failed', 'cancelled']);
  return { question: pair.userMessage, reply };
}

async function branch(chatId: string) {
  const page = await api.caller(ana).message.list({ chatId });
  return { contents: page.items.map((m) => m.content), page };
}

describe('what the model sees', () => {
  it('is exactly the branch on screen, once, for send, edit, regenerate and after a switch', async () => {
    const chat = await api.caller(ana).chat.create({});
    const one = await send(chat.id, 'first question');
    expect(inputFor(one.reply.id)).toEqual([user('first question')]);
    const two = await send(chat.id, 'second question');
    expect(inputFor(two.reply.id)).toEqual([
      user('first question'),
      assistant(replyText('first question')),
      user('second question'),
    ]);

    // Edit the second question: a new version beside it, answered from the shared history only.
    const edited = await api
      .caller(ana)
      .branch.edit({ messageId: two.question.id, content: 'second question, edited' });
    expect(edited.userMessage.parent_id).toBe(two.question.parent_id);
    const editedReply = await waitForStatus(edited.assistantMessage.id, ['complete']);
    expect(inputFor(editedReply.id)).toEqual([
      user('first question'),
      assistant(replyText('first question')),
      user('second question, edited'),
    ]);
    expect((await branch(chat.id)).contents).toEqual([
      'first question',
      replyText('first question'),
      'second question, edited',
      replyText('second question, edited'),
    ]);

    // Regenerate: another version of the reply; the question is sent once, no earlier answer.
    const { assistantMessage: regenerated } = await api
      .caller(ana)
      .message.regenerate({ chatId: chat.id });
    expect(regenerated.parent_id).toBe(edited.userMessage.id);
    await waitForStatus(regenerated.id, ['complete']);
    expect(inputFor(regenerated.id)).toEqual([
      user('first question'),
      assistant(replyText('first question')),
      user('second question, edited'),
    ]);
    const afterRegenerate = await branch(chat.id);
    expect(afterRegenerate.page.siblings).toEqual({
      [edited.userMessage.id]: [two.question.id, edited.userMessage.id],
      [regenerated.id]: [editedReply.id, regenerated.id],
    });

    // Switch back to the first version of the second question: its whole continuation returns,
    // and the next question is answered from that branch alone.
    const switched = await api.caller(ana).branch.switch({ messageId: two.question.id });
    expect(switched.active_leaf_id).toBe(two.reply.id);
    expect((await branch(chat.id)).contents).toEqual([
      'first question',
      replyText('first question'),
      'second question',
      replyText('second question'),
    ]);
    const three = await send(chat.id, 'third question');
    expect(inputFor(three.reply.id)).toEqual([
      user('first question'),
      assistant(replyText('first question')),
      user('second question'),
      assistant(replyText('second question')),
      user('third question'),
    ]);
    expect(await api.caller(ana).branch.siblings({ messageId: two.question.id })).toEqual({
      ids: [two.question.id, edited.userMessage.id],
      index: 0,
    });
    // Nothing in this chat ever asked for a Conversation.
    expect(openai.requests.some((r) => r.path.startsWith('/v1/conversations'))).toBe(false);
  });

  it('leaves a failed attempt out, and a retry replaces only that attempt', async () => {
    const chat = await api.caller(ana).chat.create({});
    await send(chat.id, 'warm up');
    // The warm-up's title request runs after its reply is stored: it must not take the failure.
    await api.services.runs.drain();
    openai.enqueue({ kind: 'failed', afterTokens: 2 });
    const failed = await send(chat.id, 'this one fails');
    expect(failed.reply.status).toBe('failed');
    await api.caller(ana).message.retry({ messageId: failed.reply.id });
    const retried = await waitForStatus(failed.reply.id, ['complete']);
    expect(retried.id).toBe(failed.reply.id);
    expect(inputFor(retried.id)).toEqual([
      user('warm up'),
      assistant(replyText('warm up')),
      user('this one fails'),
    ]);
    const { page } = await branch(chat.id);
    expect(page.items.map((m) => m.id)).toContain(failed.reply.id);
    expect(page.siblings).toEqual({});
  });

  it('continues a chat whose OpenAI conversation is gone (older than the retention) from our history', async () => {
    const chat = await api.caller(ana).chat.create({});
    await send(chat.id, 'long ago');
    // As if created by the previous design, its thread since deleted on OpenAI's side.
    await withService(api.database, (tx) =>
      tx
        .updateTable('chats')
        .set({ openai_conversation_id: 'conv_expired_long_ago' })
        .where('id', '=', chat.id)
        .execute(),
    );
    const later = await send(chat.id, 'today');
    expect(later.reply.status).toBe('complete');
    expect(inputFor(later.reply.id)).toEqual([
      user('long ago'),
      assistant(replyText('long ago')),
      user('today'),
    ]);
  });
});

describe('edits and switches', () => {
  it('lets one of two concurrent edits win; the other is refused and leaves nothing behind', async () => {
    const chat = await api.caller(ana).chat.create({});
    const { question } = await send(chat.id, 'edit me');
    const results = await Promise.allSettled([
      api.caller(ana).branch.edit({ messageId: question.id, content: 'edit A [[slow]]' }),
      api.caller(ana).branch.edit({ messageId: question.id, content: 'edit B [[slow]]' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    await api.services.runs.drain();
    const versions = await api.caller(ana).branch.siblings({ messageId: question.id });
    expect(versions.ids).toHaveLength(2);
    const { page } = await branch(chat.id);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]?.id).toBe(versions.ids[1]);
  });

  it('follows, stops and finishes a reply on a branch that is not on screen', async () => {
    const chat = await api.caller(ana).chat.create({});
    const { question, reply } = await send(chat.id, 'original');
    const edited = await api
      .caller(ana)
      .branch.edit({ messageId: question.id, content: 'edited [[slow]]' });
    // Switch back while the edited branch's reply is still being written.
    await api.caller(ana).branch.switch({ messageId: question.id });
    expect((await branch(chat.id)).page.items.map((m) => m.id)).toEqual([question.id, reply.id]);
    // One reply in flight per chat, whichever branch it is on.
    await expect(
      api.caller(ana).message.send({ chatId: chat.id, content: 'meanwhile' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const events = await collect<StreamEvent>(
      await api.caller(ana).message.stream({ messageId: edited.assistantMessage.id }),
      (_event, all) => all.length >= 3,
    );
    expect(events.length).toBeGreaterThanOrEqual(3);
    const { message } = await api
      .caller(ana)
      .message.cancel({ messageId: edited.assistantMessage.id });
    expect(message.status).toBe('cancelled');
    expect(message.content.length).toBeGreaterThan(0);
    // The switch is remembered: the stopped branch is not brought back on screen.
    expect((await api.caller(ana).chat.get({ id: chat.id })).active_leaf_id).toBe(reply.id);
  });

  it('treats a repeated edit with the same client id as one edit', async () => {
    const chat = await api.caller(ana).chat.create({});
    const { question } = await send(chat.id, 'say it once');
    const clientMessageId = crypto.randomUUID();
    const first = await api
      .caller(ana)
      .branch.edit({ messageId: question.id, content: 'said once', clientMessageId });
    const again = await api
      .caller(ana)
      .branch.edit({ messageId: question.id, content: 'said once', clientMessageId });
    expect(again.userMessage.id).toBe(first.userMessage.id);
    expect(again.assistantMessage.id).toBe(first.assistantMessage.id);
    await waitForStatus(first.assistantMessage.id, ['complete']);
    expect((await api.caller(ana).branch.siblings({ messageId: question.id })).ids).toHaveLength(2);
    // The id of a message elsewhere in the chat is not reusable for an edit.
    await expect(
      api
        .caller(ana)
        .branch.edit({ messageId: question.id, content: 'clash', clientMessageId: question.id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("refuses another person's messages, and editing a reply", async () => {
    const chat = await api.caller(ana).chat.create({});
    const { question, reply } = await send(chat.id, 'private');
    await expect(
      api.caller(bob).branch.edit({ messageId: question.id, content: 'hijack' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.caller(bob).branch.switch({ messageId: question.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(api.caller(bob).branch.siblings({ messageId: question.id })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    await expect(
      api.caller(ana).branch.edit({ messageId: reply.id, content: 'not mine to edit' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.caller(ana).branch.edit({ messageId: question.id, content: '   ' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('closes a reply orphaned on a branch that is not on screen', async () => {
    const chat = await api.caller(ana).chat.create({});
    const { question } = await send(chat.id, 'keep me');
    // A reply left streaming by a dead process, on another version of the question.
    const orphan = await withService(api.database, async (tx) => {
      const version = await tx
        .insertInto('messages')
        .values({
          chat_id: chat.id,
          user_id: 'user_tree_ana',
          role: 'user',
          content: 'other version',
          parent_id: question.parent_id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return tx
        .insertInto('messages')
        .values({
          chat_id: chat.id,
          user_id: 'user_tree_ana',
          role: 'assistant',
          content: 'half',
          status: 'streaming',
          parent_id: version.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    });
    await api.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update messages set updated_at = now() - interval '10 minutes' where id = ${orphan.id}`;
    });
    expect(await api.services.runs.closeOrphans()).toEqual([orphan.id]);
    expect(await waitForStatus(orphan.id, ['failed'])).toMatchObject({
      error_code: 'interrupted',
      content: 'half',
    });
    // The branch on screen did not move, and the chat takes a new reply again.
    expect((await branch(chat.id)).contents).toEqual(['keep me', replyText('keep me')]);
    expect((await send(chat.id, 'next')).reply.status).toBe('complete');
  });
});
