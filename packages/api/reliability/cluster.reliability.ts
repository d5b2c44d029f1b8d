// Two server processes on one database, and races: concurrent sends to one chat, rename and
// delete racing a stream, 100 concurrent REST creates with one Idempotency-Key.
import { createApiKey, createDatabase, withService } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, type Cluster, startCluster } from './harness/cluster';
import { messages, newChat, send, settled } from './harness/conversation';
import { recordFigures } from './harness/figures';
import { dataOf, isEnd, type ReplyEvent, subscribe, trpcMutation } from './harness/http';

let cluster: Cluster;
let a: AppProcess;
let b: AppProcess;
let token: string;

beforeAll(async () => {
  // Slow replies last ~6 s (60 words, 100 ms apart): long enough to still be in flight when a
  // second process follows, stops or races them on a loaded machine (at 25 ms apart a reply
  // could end before a cancel or a racing send got through, under a load average of ~20).
  cluster = await startCluster({
    openai: { tokenDelayMs: 2, slowTokenDelayMs: 100, slowExtraTokens: 60 },
  });
  [a, b] = await Promise.all([cluster.startApp(), cluster.startApp()]);
  token = await cluster.tokenFor('user_cluster');
  await newChat(a.url, token); // provisions the user before the races
});
afterAll(() => cluster?.close());

describe('two server processes', () => {
  it('a reply started on one is followed over SSE and stopped from the other', async () => {
    const chatId = await newChat(a.url, token);
    const { assistantMessage } = await send(a.url, token, chatId, 'Across [[slow]]');
    const following = subscribe(
      b.url,
      'message.stream',
      { messageId: assistantMessage.id },
      token,
      {
        until: isEnd,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cancelled = dataOf<{ message: { status: string; content: string } }>(
      await trpcMutation(b.url, 'message.cancel', { messageId: assistantMessage.id }, token),
    );
    expect(cancelled.message.status).toBe('cancelled');
    const { events } = await following;
    const end = events.at(-1)?.data as ReplyEvent;
    expect(end).toMatchObject({ type: 'end', status: 'cancelled' });
    expect(end.content).toBe(cancelled.message.content);
    expect(cancelled.message.content.length).toBeGreaterThan(0);
  });
});

describe('races', () => {
  it('concurrent sends to one chat: exactly one is accepted, the rest refused as run_active', async () => {
    const chatId = await newChat(a.url, token);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        trpcMutation(
          i % 2 ? b.url : a.url,
          'message.send',
          { chatId, content: `Race ${i} [[slow]]` },
          token,
        ),
      ),
    );
    // Slow replies, so the first is still in flight when the others arrive.
    const statuses = results.map((r) => r.status);
    const answers = results.map((r) => `${r.status} ${r.text.slice(0, 160)}`).join('\n');
    expect(
      statuses.filter((s) => s === 200),
      answers,
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s === 409),
      answers,
    ).toHaveLength(9);
    const items = await settled(a.url, token, chatId);
    expect(items).toHaveLength(2);
    recordFigures('races', { 'concurrent sends to one chat (10)': '1 accepted, 9 refused (409)' });
  });

  it('rename and delete racing a stream: the stream ends, nothing is left behind', async () => {
    const chatId = await newChat(a.url, token);
    const { assistantMessage } = await send(a.url, token, chatId, 'Racing [[slow]]');
    const following = subscribe(
      b.url,
      'message.stream',
      { messageId: assistantMessage.id },
      token,
      {
        until: isEnd,
        timeoutMs: 20_000,
      },
    );
    const renames = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        trpcMutation(b.url, 'chat.rename', { id: chatId, title: `Renamed ${i}` }, token),
      ),
    );
    expect(renames.every((r) => r.status === 200)).toBe(true);
    const deleted = await trpcMutation(b.url, 'chat.delete', { id: chatId }, token);
    expect(deleted.status).toBe(200);
    const { events } = await following;
    // The follower in the other process sees the reply go (deleted with its chat) and stops.
    expect(events.length).toBeGreaterThan(0);
    const after = await trpcMutation(
      a.url,
      'chat.rename',
      { id: chatId, title: 'Too late' },
      token,
    );
    expect(after.status).toBe(404);
    const database = createDatabase(cluster.pg.url);
    try {
      const left = await database.pool.query<{ n: number }>(
        'select count(*)::int as n from messages where chat_id = $1',
        [chatId],
      );
      expect(left.rows[0]?.n).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('100 concurrent REST creates with one Idempotency-Key make one chat', async () => {
    const database = createDatabase(cluster.pg.url);
    let key: string;
    try {
      key = (
        await withService(database, (tx) =>
          createApiKey(tx, { name: 'race', scopes: ['chats:create'], createdBy: null }),
        )
      ).key;
    } finally {
      await database.close();
    }
    const body = JSON.stringify({ userId: 'user_cluster', title: 'Once only' });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fetch(`${i % 2 ? b.url : a.url}/api/v1/chats`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            'idempotency-key': 'race-key-1',
          },
          body,
        }).then(async (r) => ({ status: r.status, chat: (await r.json()) as { id: string } })),
      ),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.chat.id)).size).toBe(1);
    recordFigures('races', { '100 REST creates, one Idempotency-Key': '1 chat, 100 × 201' });
  });
});

describe('nothing lost across processes', () => {
  it('replies sent through both processes all end complete, once each', async () => {
    const chats = await Promise.all(Array.from({ length: 20 }, () => newChat(a.url, token)));
    await Promise.all(
      chats.map((chatId, i) => send(i % 2 ? b.url : a.url, token, chatId, `Both ${i}`)),
    );
    const outcomes = await Promise.all(chats.map((chatId) => settled(a.url, token, chatId)));
    for (const items of outcomes) {
      expect(items.map((m) => `${m.role}:${m.status}`)).toEqual([
        'user:complete',
        'assistant:complete',
      ]);
    }
    expect(await messages(b.url, token, chats[0] ?? '')).toHaveLength(2);
  });
});
