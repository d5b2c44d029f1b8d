// Chat and message changes reach the owner's topic once, and only the owner's topic; the local
// relay delivers them in order, resumes by id and survives a dropped connection.
import { sql } from 'kysely';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChat, renameChat } from '../src/queries/chats';
import { appendMessage, updateMessage } from '../src/queries/messages';
import type { RealtimeEvent } from '../src/realtime/events';
import { createRealtimeRelay, type RealtimeRelay } from '../src/realtime/relay';
import { withService, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();
let relay: RealtimeRelay;

beforeAll(async () => {
  await seedUser(ctx.database, 'alice');
  await seedUser(ctx.database, 'bob');
  relay = createRealtimeRelay(ctx.database, { onError: () => {} });
  await relay.ready();
});
afterAll(() => relay.close());

async function eventsSince(id: bigint) {
  const rows = await sql<{
    id: string;
    topic: string;
    event: string;
    payload: RealtimeEvent['payload'];
  }>`
    select id::text, topic, event, payload from realtime.messages where id > ${id.toString()} order by id`.execute(
    ctx.database.db,
  );
  return rows.rows;
}

async function lastEventId() {
  const rows = await sql<{
    id: string;
  }>`select coalesce(max(id), 0)::text as id from realtime.messages`.execute(ctx.database.db);
  return BigInt(rows.rows[0]?.id ?? '0');
}

function collect(topic: string, options?: { sinceId?: string }) {
  const events: RealtimeEvent[] = [];
  const waiters: Array<() => void> = [];
  const unsubscribe = relay.subscribe(
    topic,
    (event) => {
      events.push(event);
      for (const wake of waiters.splice(0)) wake();
    },
    options,
  );
  return {
    events,
    unsubscribe,
    async waitFor(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`saw ${events.length} of ${count} events`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return events;
    },
  };
}

describe('database broadcasts', () => {
  it('emits exactly one event on the owner topic per chat change, none elsewhere', async () => {
    const start = await lastEventId();
    const chat = await withUser(ctx.database, 'alice', (tx) =>
      createChat(tx, {
        userId: 'alice',
        title: 'Hello',
        source: 'app',
        titleSource: 'placeholder',
      }),
    );
    await withUser(ctx.database, 'alice', (tx) => renameChat(tx, chat.id, 'Renamed'));
    const events = await eventsSince(start);
    expect(events.map((e) => [e.topic, e.event])).toEqual([
      ['user:alice', 'chats.insert'],
      ['user:alice', 'chats.update'],
    ]);
    expect(events[1]?.payload).toMatchObject({
      table: 'chats',
      op: 'update',
      id: chat.id,
      ref: false,
      record: { title: 'Renamed', user_id: 'alice' },
    });
  });

  it('emits one event per message update, and a reference for large content', async () => {
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'alice', title: 'Msgs', source: 'app', titleSource: 'user' }),
    );
    await withService(ctx.database, (tx) =>
      appendMessage(tx, {
        chatId: chat.id,
        userId: 'alice',
        role: 'user',
        content: 'question',
        status: 'complete',
      }),
    );
    const reply = await withService(ctx.database, (tx) =>
      appendMessage(tx, {
        chatId: chat.id,
        userId: 'alice',
        role: 'assistant',
        content: '',
        status: 'streaming',
      }),
    );
    const start = await lastEventId();
    await withService(ctx.database, (tx) => updateMessage(tx, reply.id, { content: 'partial' }));
    await withService(ctx.database, (tx) =>
      updateMessage(tx, reply.id, { content: 'x'.repeat(10_000), status: 'complete' }),
    );
    const events = await eventsSince(start);
    expect(events.map((e) => [e.topic, e.event])).toEqual([
      ['user:alice', 'messages.update'],
      ['user:alice', 'messages.update'],
    ]);
    expect(events[0]?.payload).toMatchObject({ ref: false, record: { content: 'partial' } });
    expect(events[1]?.payload).toMatchObject({
      ref: true,
      record: { id: reply.id, status: 'complete', content_length: 10_000 },
    });
    expect(events[1]?.payload.record).not.toHaveProperty('content');
  });

  it('lets only the topic owner read its events under RLS (the realtime.messages policy)', async () => {
    const visible = (userId: string, topic: string) =>
      ctx.database.db.transaction().execute(async (tx) => {
        await sql`select set_config('request.jwt.claims', ${JSON.stringify({ sub: userId })}, true),
                         set_config('realtime.topic', ${topic}, true),
                         set_config('role', 'authenticated', true)`.execute(tx);
        const rows = await sql<{ n: number }>`
          select count(*)::int as n from realtime.messages where topic = ${topic}`.execute(tx);
        return rows.rows[0]?.n ?? 0;
      });
    expect(await visible('alice', 'user:alice')).toBeGreaterThan(0);
    expect(await visible('bob', 'user:alice')).toBe(0);
    expect(await visible('bob', 'user:bob')).toBe(0);
  });
});

describe('local relay', () => {
  it('delivers live events of the subscribed topic only, in order', async () => {
    const alice = collect('user:alice');
    const bob = collect('user:bob');
    await alice.unsubscribe;
    await bob.unsubscribe;
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'alice', title: 'Live', source: 'api', titleSource: 'api' }),
    );
    await withService(ctx.database, (tx) => renameChat(tx, chat.id, 'Live 2'));
    const events = await alice.waitFor(2);
    expect(events.map((e) => e.event)).toEqual(['chats.insert', 'chats.update']);
    expect(BigInt(events[1]?.id ?? 0)).toBeGreaterThan(BigInt(events[0]?.id ?? 0));
    expect(bob.events).toEqual([]);
    (await alice.unsubscribe)();
    (await bob.unsubscribe)();
  });

  it('resumes from a last event id without gaps or repeats', async () => {
    const start = await lastEventId();
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, { userId: 'bob', title: 'Missed', source: 'app', titleSource: 'user' }),
    );
    const resumed = collect('user:bob', { sinceId: start.toString() });
    await resumed.unsubscribe;
    await withService(ctx.database, (tx) => renameChat(tx, chat.id, 'Seen live'));
    const events = await resumed.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resumed.events.map((e) => e.event)).toEqual(['chats.insert', 'chats.update']);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
    (await resumed.unsubscribe)();
  });

  it('reads what was sent while its connection was down', async () => {
    const sub = collect('user:alice');
    await sub.unsubscribe;
    // Cut every relay connection, as a database restart would, then write while it reconnects.
    const admin = postgres(ctx.test.url, { max: 1 });
    const cut = await admin`select pg_terminate_backend(pid) from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid()
                and query ilike 'listen%'`;
    await admin.end();
    expect(cut.length).toBeGreaterThan(0);
    const chat = await withService(ctx.database, (tx) =>
      createChat(tx, {
        userId: 'alice',
        title: 'During outage',
        source: 'app',
        titleSource: 'user',
      }),
    );
    const events = await sub.waitFor(1, 15_000);
    expect(events[0]?.payload).toMatchObject({ id: chat.id, op: 'insert' });
    (await sub.unsubscribe)();
  });
});
