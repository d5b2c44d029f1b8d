// chat.search, chat.pin, chat.archive and chat.deleteMany through the router (issue 17): input
// checked at the edge (NUL, empty, oversize, forged cursors are 400s, never 500s), the search
// rate limit, and the Realtime payloads other tabs follow.
import { appendMessage, withService } from '@zatten/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorShape, seedUser, useApi, userActor } from './helpers';

const api = useApi({ env: { RATE_LIMIT_SEARCHES_PER_MINUTE: '25' } });
const ana = userActor('user_search_ana');
const bob = userActor('user_search_bob');

async function chatWith(title: string, question: string) {
  const chat = await api.caller(ana).chat.create({ title });
  await withService(api.database, (tx) =>
    appendMessage(tx, {
      chatId: chat.id,
      userId: 'user_search_ana',
      role: 'user',
      content: question,
      status: 'complete',
    }),
  );
  return chat;
}

const refusal = async (call: () => Promise<unknown>) => {
  try {
    await call();
  } catch (error) {
    return errorShape(error);
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  await seedUser(api.database, 'user_search_ana');
  await seedUser(api.database, 'user_search_bob');
});

describe('chat.search', () => {
  it('finds a message in either language and returns snippet parts', async () => {
    const chat = await chatWith('Viagem', 'Quais são as atrações de São Paulo?');
    const { items } = await api.caller(ana).chat.search({ query: 'atracoes sao paulo' });
    expect(items.map((hit) => hit.chat.id)).toEqual([chat.id]);
    expect(
      items[0]?.message?.snippet.filter((part) => part.match).map((part) => part.text),
    ).toEqual(
      ['são', 'atrações', 'São', 'Paulo'], // "são" (are) folds to "sao" as well
    );
    expect((await api.caller(bob).chat.search({ query: 'paulo' })).items).toEqual([]);
  });

  it('refuses NUL, control characters, empty and oversize queries and forged cursors with 400', async () => {
    for (const query of ['a\u0000b', 'x\u0007', '', '   ', 'x'.repeat(201), '\uD800']) {
      expect(
        await refusal(() => api.caller(ana).chat.search({ query })),
        JSON.stringify(query),
      ).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(
      await refusal(() => api.caller(ana).chat.search({ query: 'paulo', cursor: 'WzEsIngiXQ' })),
    ).toEqual({ code: 'BAD_REQUEST', reason: 'invalid_cursor' });
  });

  it('answers odd but valid text with an empty page', async () => {
    for (const query of ["'&|!:*()", 'de', '%_\\']) {
      expect((await api.caller(ana).chat.search({ query })).items, query).toEqual([]);
    }
  });

  it('is rate limited per person', async () => {
    const outcomes = [];
    for (let i = 0; i < 30; i++) {
      outcomes.push(
        await api
          .caller(bob)
          .chat.search({ query: 'anything' })
          .then(
            () => 'ok',
            (error) => errorShape(error).reason,
          ),
      );
    }
    expect(outcomes).toContain('rate_limited');
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'rate_limited')).toEqual([]);
  });
});

describe('pin, archive and bulk', () => {
  it('pins, archives (which unpins) and restores, refusing to pin an archived chat', async () => {
    const chat = await api.caller(ana).chat.create({ title: 'Keep' });
    expect(
      (await api.caller(ana).chat.pin({ id: chat.id, pinned: true })).pinned_at,
    ).not.toBeNull();
    const pinned = await api.caller(ana).chat.list({ view: 'pinned' });
    expect(pinned.items.map((c) => c.id)).toEqual([chat.id]);
    const [archived] = await api.caller(ana).chat.archive({ ids: [chat.id], archived: true });
    expect(archived).toMatchObject({ pinned_at: null });
    expect(archived?.archived_at).not.toBeNull();
    expect(await refusal(() => api.caller(ana).chat.pin({ id: chat.id, pinned: true }))).toEqual({
      code: 'CONFLICT',
      reason: 'chat_archived',
    });
    const recent = await api.caller(ana).chat.list({ view: 'recent' });
    expect(recent.items.map((c) => c.id)).not.toContain(chat.id);
    const view = await api.caller(ana).chat.list({ view: 'archived' });
    expect(view.items.map((c) => c.id)).toEqual([chat.id]);
    await api.caller(ana).chat.archive({ ids: [chat.id], archived: false });
    expect((await api.caller(ana).chat.list({ view: 'recent' })).items.map((c) => c.id)).toContain(
      chat.id,
    );
  });

  it('archives and deletes several chats at once, all or none', async () => {
    const a = await api.caller(ana).chat.create({ title: 'A' });
    const b = await api.caller(ana).chat.create({ title: 'B' });
    const theirs = await api.caller(bob).chat.create({ title: 'Theirs' });
    expect(
      await refusal(() => api.caller(ana).chat.deleteMany({ ids: [a.id, theirs.id] })),
    ).toEqual({ code: 'NOT_FOUND', reason: 'chat_not_found' });
    expect(await api.caller(ana).chat.get({ id: a.id })).toMatchObject({ id: a.id });
    const archived = await api
      .caller(ana)
      .chat.archive({ ids: [a.id, b.id, a.id], archived: true });
    expect(archived.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(await api.caller(ana).chat.deleteMany({ ids: [a.id, b.id] })).toEqual({
      ids: expect.arrayContaining([a.id, b.id]),
    });
    expect(await refusal(() => api.caller(ana).chat.get({ id: a.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const ids of [[], Array.from({ length: 101 }, () => a.id), ['not-a-uuid']]) {
      expect(
        await refusal(() => api.caller(ana).chat.archive({ ids, archived: true })),
      ).toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('broadcasts pin and archive to the owner with the row, so other tabs follow', async () => {
    const chat = await api.caller(ana).chat.create({ title: 'Live' });
    await api.caller(ana).chat.pin({ id: chat.id, pinned: true });
    await api.caller(ana).chat.archive({ ids: [chat.id], archived: true });
    const rows = await api.sql<
      Array<{ topic: string; payload: { record: Record<string, unknown> } }>
    >`
      select topic, payload from realtime.messages
      where event = 'chats.update' and payload ->> 'id' = ${chat.id}
      order by inserted_at`;
    expect(rows.map((row) => row.topic)).toEqual(['user:user_search_ana', 'user:user_search_ana']);
    expect(rows[0]?.payload.record.pinned_at).not.toBeNull();
    expect(rows[1]?.payload.record).toMatchObject({ pinned_at: null });
    expect(rows[1]?.payload.record.archived_at).not.toBeNull();
  });
});
