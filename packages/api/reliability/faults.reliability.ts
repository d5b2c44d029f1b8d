// Faults: the database server restarted mid-run, the app process SIGKILLed mid-run and
// restarted, the client disconnecting, and every scripted upstream failure. Every assistant
// message must reach a terminal status, with nothing lost or duplicated.
import { createServer, type Socket } from 'node:net';
import { slowReplyText } from '@zatten/ai/testing';
import { createApiKey, createDatabase, withService } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './harness/cluster';
import {
  newChat as chatOf,
  messages as messagesOf,
  send as sendTo,
  settled as settle,
} from './harness/conversation';
import { recordFigures } from './harness/figures';
import { bearer, isEnd, type ReplyEvent, subscribe, trpcQuery } from './harness/http';
import { startStallProxy } from './harness/stall-proxy';

let cluster: Cluster;
let token: string;

beforeAll(async () => {
  cluster = await startCluster();
  token = await cluster.tokenFor('user_faults');
});
afterAll(() => cluster?.close());

const newChat = (base: string) => chatOf(base, token);
const send = (base: string, chatId: string, content: string) =>
  sendTo(base, token, chatId, content);
const messages = (base: string, chatId: string) => messagesOf(base, token, chatId);
const settled = (base: string, chatId: string, timeoutMs?: number) =>
  settle(base, token, chatId, timeoutMs);

describe('faults', () => {
  it('a database restart mid-run: the reply still ends, its text whole', async () => {
    const app = await cluster.startApp();
    const chats = await Promise.all([1, 2, 3, 4, 5].map(() => newChat(app.url)));
    const sent = await Promise.all(
      chats.map((id, i) => send(app.url, id, `Restart ${i} [[slow]]`)),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cluster.pg.restart(800);
    const outcomes = await Promise.all(chats.map((id) => settled(app.url, id)));
    const replies = outcomes.map((items) => items.filter((m) => m.role === 'assistant'));
    for (const [i, found] of replies.entries()) {
      expect(found).toHaveLength(1); // nothing lost, nothing duplicated
      expect(found[0]?.id).toBe(sent[i]?.assistantMessage.id);
      // Complete means the whole text; anything else must say why.
      if (found[0]?.status === 'complete') {
        expect(found[0].content).toBe(slowReplyText(`Restart ${i} [[slow]]`, 60));
      } else {
        expect(found[0]?.error_code).toBeTruthy();
      }
    }
    const statuses = replies.map((found) => found[0]?.status ?? 'missing');
    recordFigures('faults', {
      'database restart: replies': replies.length,
      'database restart: outcomes': statuses.join(', '),
    });
    expect(await app.unhandledRejections()).toBe(0);
    await app.stop();
  });

  it('SIGKILL mid-run: after a restart the reply ends failed with its saved text, and the chat takes a send at once', async () => {
    const first = await cluster.startApp();
    const chatId = await newChat(first.url);
    const { assistantMessage } = await send(first.url, chatId, 'Kill me [[slow]]');
    // Wait for persisted progress (written every 250 ms by the harness' setting).
    let persisted = '';
    for (let i = 0; i < 100 && !persisted; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      persisted =
        (await messages(first.url, chatId)).find((m) => m.id === assistantMessage.id)?.content ??
        '';
    }
    await first.kill();
    const second = await cluster.startApp();
    const next = await send(second.url, chatId, 'Are you back?');
    const items = await settled(second.url, chatId);
    const killed = items.find((m) => m.id === assistantMessage.id);
    expect(killed).toMatchObject({ status: 'failed', error_code: 'interrupted' });
    expect(killed?.content.startsWith(persisted)).toBe(true);
    expect(killed?.content.length).toBeGreaterThan(0);
    expect(items.find((m) => m.id === next.assistantMessage.id)?.status).toBe('complete');
    recordFigures('faults', {
      'SIGKILL: saved characters kept': killed?.content.length ?? 0,
      'SIGKILL: next send accepted': 'at once (no orphan window)',
    });
    await second.stop();
  });

  it('a client that disconnects does not stop or lose the reply', async () => {
    const app = await cluster.startApp();
    const chatId = await newChat(app.url);
    const { assistantMessage } = await send(app.url, chatId, 'Leave early [[slow]]');
    const partial = await subscribe(
      app.url,
      'message.stream',
      { messageId: assistantMessage.id },
      token,
      // Leaves after the first event (a fixed 300 ms window saw none on a loaded machine).
      { until: () => true },
    );
    expect(partial.events.length).toBeGreaterThan(0);
    const items = await settled(app.url, chatId);
    expect(items.find((m) => m.id === assistantMessage.id)?.status).toBe('complete');
    const again = await subscribe(
      app.url,
      'message.stream',
      { messageId: assistantMessage.id },
      token,
      {
        until: isEnd,
      },
    );
    const end = again.events.at(-1)?.data as ReplyEvent;
    expect(end).toMatchObject({ type: 'end', status: 'complete' });
    await app.stop();
  });

  it('every scripted upstream failure ends in a terminal status, once', async () => {
    const app = await cluster.startApp();
    const markers = [
      '[[500]]',
      '[[401]]',
      '[[429]]',
      '[[quota]]',
      '[[fail]]',
      '[[errorevent]]',
      '[[drop]]',
      '[[stall]]',
      '[[incomplete]]',
      '[[refuse]]',
      '[[context]]',
      '[[429once]]',
      '[[500once]]',
    ];
    const outcomes: Record<string, string> = {};
    await Promise.all(
      markers.map(async (marker) => {
        const chatId = await newChat(app.url);
        await send(app.url, chatId, `Upstream ${marker}`);
        const items = await settled(app.url, chatId, 120_000);
        const replies = items.filter((m) => m.role === 'assistant');
        expect(replies).toHaveLength(1);
        outcomes[marker] =
          `${replies[0]?.status}${replies[0]?.error_code ? ` (${replies[0].error_code})` : ''}`;
      }),
    );
    recordFigures('upstream failures', outcomes);
    expect(await app.unhandledRejections()).toBe(0);
    await app.stop();
  });

  it('a database that stalls (accepts, never answers): requests end in an error, not a hang', async () => {
    const held: Socket[] = [];
    const blackHole = createServer((socket) => {
      held.push(socket); // accepted, never answered
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const address = blackHole.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const app = await cluster.startApp({
      DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    });
    try {
      const started = Date.now();
      const answer = await trpcQuery(app.url, 'chat.list', {}, token);
      expect(answer.status).toBeGreaterThanOrEqual(500);
      expect((answer.body as { error?: { message?: string } }).error?.message).toBeTruthy();
      recordFigures('faults', {
        'stalled database: a request answers after (ms)': Date.now() - started,
      });
      expect(await app.unhandledRejections()).toBe(0);
    } finally {
      await app.kill();
      for (const socket of held) socket.destroy();
      blackHole.close();
    }
  });

  it('a database that stalls mid-reply: requests fail within a bound with a 503, the reply still ends', async () => {
    const database = createDatabase(cluster.pg.url);
    const apiKey = await withService(database, (tx) =>
      createApiKey(tx, { name: 'stall', scopes: ['chats:read'], createdBy: null }),
    ).finally(() => database.close());
    const proxy = await startStallProxy(cluster.pg.url);
    // Statements bounded at 3 s (the default is 30 s): the client gives up 2 s after that.
    const app = await cluster.startApp({
      DATABASE_URL: proxy.url,
      DATABASE_STATEMENT_TIMEOUT_MS: '3000',
    });
    try {
      const chatId = await newChat(app.url);
      const { assistantMessage } = await send(app.url, chatId, 'Stall mid-reply [[slow]]');
      await new Promise((resolve) => setTimeout(resolve, 400));
      proxy.stall();
      const started = Date.now();
      // The bound: a request still unanswered after 45 s is a hang, and fails the test.
      const [trpc, rest] = await Promise.all([
        fetch(
          `${app.url}/api/trpc/message.list?input=${encodeURIComponent(JSON.stringify({ chatId }))}`,
          { headers: bearer(token), signal: AbortSignal.timeout(45_000) },
        ).then(async (r) => ({ status: r.status, body: await r.json() })),
        fetch(`${app.url}/api/v1/chats/${chatId}`, {
          headers: bearer(apiKey.key),
          signal: AbortSignal.timeout(45_000),
        }),
      ]);
      const answeredMs = Date.now() - started;
      expect(trpc.status).toBe(503);
      expect(trpc.body).toMatchObject({
        error: { data: { httpStatus: 503, reason: 'database_unavailable' } },
      });
      expect(rest.status).toBe(503);
      expect(rest.headers.get('content-type')).toBe('application/problem+json');
      expect(await rest.json()).toMatchObject({ status: 503 });
      proxy.resume();
      const items = await settled(app.url, chatId, 120_000);
      const replies = items.filter((m) => m.role === 'assistant');
      expect(replies).toHaveLength(1); // nothing lost, nothing duplicated
      expect(replies[0]?.id).toBe(assistantMessage.id);
      if (replies[0]?.status !== 'complete') expect(replies[0]?.error_code).toBeTruthy();
      recordFigures('faults', {
        'stalled database mid-reply: tRPC and REST answer 503 after (ms)': answeredMs,
        'stalled database mid-reply: the reply ends': `${replies[0]?.status}${replies[0]?.error_code ? ` (${replies[0].error_code})` : ''}`,
      });
      expect(await app.unhandledRejections()).toBe(0);
      await app.stop(); // a graceful stop that finishes: nothing left hanging
    } finally {
      await app.kill().catch(() => {});
      await proxy.close();
    }
  });
});
