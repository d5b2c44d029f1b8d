// Issue 17: feedback on replies and share links, through the procedures on real Postgres.
import { appendMessage, readShare, setActiveLeaf, updateMessage, withService } from '@zatten/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorShape, seedUser, useApi, userActor } from './helpers';

const api = useApi();
const ana = userActor('user_share_ana');
const bob = userActor('user_share_bob');
const admin = userActor('user_share_admin', 'admin@example.com');

/** A chat of Ana's with one finished exchange; returns the chat, question and reply ids. */
async function chatWithExchange(title = 'Shared chat') {
  const chat = await api.caller(ana).chat.create({ title });
  const question = await withService(api.database, (tx) =>
    appendMessage(tx, {
      chatId: chat.id,
      userId: 'user_share_ana',
      role: 'user',
      content: 'What is $e^{i\\pi}$?',
      status: 'complete',
    }),
  );
  const reply = await withService(api.database, async (tx) => {
    const row = await appendMessage(tx, {
      chatId: chat.id,
      userId: 'user_share_ana',
      role: 'assistant',
      content: '',
      status: 'streaming',
    });
    // As a run does: the reply starts in flight (the database records its assistant), then ends.
    await updateMessage(tx, row.id, { content: 'It is $-1$.', status: 'complete' });
    return row;
  });
  return { chatId: chat.id, questionId: question.id, replyId: reply.id };
}

beforeAll(async () => {
  await seedUser(api.database, 'user_share_ana');
  await seedUser(api.database, 'user_share_bob');
  await seedUser(api.database, 'user_share_admin', 'admin@example.com');
});

describe('feedback', () => {
  it('keeps one rating per person and reply: set, change, clear', async () => {
    const { chatId, replyId } = await chatWithExchange();
    await api.caller(ana).feedback.set({ messageId: replyId, rating: 'up' });
    expect(await api.caller(ana).feedback.inChat({ chatId })).toEqual({ [replyId]: 'up' });
    await api.caller(ana).feedback.set({ messageId: replyId, rating: 'down' });
    expect(await api.caller(ana).feedback.inChat({ chatId })).toEqual({ [replyId]: 'down' });
    const rows = await withService(api.database, (tx) =>
      tx.selectFrom('message_feedback').selectAll().where('message_id', '=', replyId).execute(),
    );
    expect(rows).toHaveLength(1);
    await api.caller(ana).feedback.set({ messageId: replyId, rating: null });
    expect(await api.caller(ana).feedback.inChat({ chatId })).toEqual({});
  });

  it("refuses feedback on a question, on someone else's reply, or a reply still being written", async () => {
    const { questionId, replyId } = await chatWithExchange();
    const onQuestion = await api
      .caller(ana)
      .feedback.set({ messageId: questionId, rating: 'up' })
      .catch(errorShape);
    expect(onQuestion).toEqual({ code: 'NOT_FOUND', reason: 'message_not_found' });
    const onOthers = await api
      .caller(bob)
      .feedback.set({ messageId: replyId, rating: 'up' })
      .catch(errorShape);
    expect(onOthers).toEqual({ code: 'NOT_FOUND', reason: 'message_not_found' });
    await withService(api.database, (tx) =>
      updateMessage(tx, replyId, { status: 'streaming', content: 'It is' }),
    );
    const writing = await api
      .caller(ana)
      .feedback.set({ messageId: replyId, rating: 'up' })
      .then(() => null, errorShape);
    expect(writing?.code).toBe('BAD_REQUEST');
  });

  it('shows admins the totals per assistant', async () => {
    const first = await chatWithExchange();
    const second = await chatWithExchange();
    const before = await api.caller(admin).admin.overview.feedback();
    await api.caller(ana).feedback.set({ messageId: first.replyId, rating: 'up' });
    await api.caller(ana).feedback.set({ messageId: second.replyId, rating: 'down' });
    const after = await api.caller(admin).admin.overview.feedback();
    const total = (list: typeof after) =>
      list.reduce((sum, row) => ({ up: sum.up + row.up, down: sum.down + row.down }), {
        up: 0,
        down: 0,
      });
    expect(total(after)).toEqual({ up: total(before).up + 1, down: total(before).down + 1 });
    expect(after[0]?.assistantName).toBeTruthy();
  });
});

describe('share links', () => {
  it('snapshots the active branch: later edits and switches do not change it', async () => {
    const { chatId, questionId, replyId } = await chatWithExchange('Euler');
    const share = await api.caller(ana).share.create({ chatId });
    expect(share.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(share.messageCount).toBe(2);

    // Edit the question (a new version with its reply), switch to it, rewrite the old reply.
    const edited = await withService(api.database, async (tx) => {
      const q = await appendMessage(tx, {
        chatId,
        userId: 'user_share_ana',
        role: 'user',
        content: 'Edited question',
        status: 'complete',
        parentId: null,
      });
      const r = await appendMessage(tx, {
        chatId,
        userId: 'user_share_ana',
        role: 'assistant',
        content: 'Edited answer',
        status: 'complete',
        parentId: q.id,
      });
      await setActiveLeaf(tx, chatId, r.id);
      await updateMessage(tx, replyId, { content: 'Changed later' });
      return r;
    });
    expect(edited.parent_id).not.toBe(questionId);
    await api.caller(ana).chat.rename({ id: chatId, title: 'Renamed later' });

    const shown = await withService(api.database, (tx) => readShare(tx, share.id));
    expect(shown?.title).toBe('Euler');
    expect(shown?.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'What is $e^{i\\pi}$?'],
      ['assistant', 'It is $-1$.'],
    ]);
    expect(JSON.stringify(shown)).not.toContain('@example.com');

    // A new share takes the branch now on screen.
    const second = await api.caller(ana).share.create({ chatId });
    const now = await withService(api.database, (tx) => readShare(tx, second.id));
    expect(now?.messages.map((m) => m.content)).toEqual(['Edited question', 'Edited answer']);
  });

  it('lists the owner’s links only, and revoking makes the link unknown at once', async () => {
    const { chatId } = await chatWithExchange();
    const share = await api.caller(ana).share.create({ chatId });
    expect((await api.caller(ana).share.list()).map((s) => s.id)).toContain(share.id);
    expect((await api.caller(bob).share.list()).map((s) => s.id)).not.toContain(share.id);

    const byBob = await api.caller(bob).share.revoke({ id: share.id }).catch(errorShape);
    expect(byBob).toEqual({ code: 'NOT_FOUND', reason: 'share_not_found' });
    expect(await withService(api.database, (tx) => readShare(tx, share.id))).toBeDefined();

    await api.caller(ana).share.revoke({ id: share.id });
    expect(await withService(api.database, (tx) => readShare(tx, share.id))).toBeUndefined();
    expect((await api.caller(ana).share.list()).map((s) => s.id)).not.toContain(share.id);
  });

  it("cannot share someone else's chat or an empty one", async () => {
    const { chatId } = await chatWithExchange();
    const byBob = await api.caller(bob).share.create({ chatId }).catch(errorShape);
    expect(byBob).toEqual({ code: 'NOT_FOUND', reason: 'chat_not_found' });
    const empty = await api.caller(ana).chat.create({ title: 'Empty' });
    const refused = await api.caller(ana).share.create({ chatId: empty.id }).catch(errorShape);
    expect(refused).toEqual({ code: 'NOT_FOUND', reason: 'nothing_to_share' });
  });
});
