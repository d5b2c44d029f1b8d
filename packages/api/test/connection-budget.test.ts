// The connection budget (README "Connections"): one server process holds at most its query pool
// (DATABASE_POOL_MAX, default 5) plus one session connection for LISTEN and the run owner's lock,
// however much work it does at once: queries, rate limits, the relay's reads and cancels all
// share the pool. Counted from pg_stat_activity on the test's own database.
import { startOpenAITestServer } from '@zatten/ai/testing';
import { DEFAULT_POOL_MAX, SESSION_APPLICATION_NAME } from '@zatten/db';
import { createTestDatabase, type TestDatabase } from '@zatten/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiServer } from '../src/composition';
import { createInnerContext } from '../src/context';
import { readApiEnv } from '../src/env';
import { createLogger } from '../src/logger';
import { createCaller } from '../src/root';
import { serverConfigFrom } from '../src/server-config';
import { seedUser, userActor } from './helpers';

let test: TestDatabase;
let counter: pg.Client;

beforeAll(async () => {
  test = await createTestDatabase(inject('testServer'));
  counter = new pg.Client({ connectionString: test.directUrl });
  await counter.connect();
});
afterAll(async () => {
  await counter?.end();
  await test?.drop();
});

/** Connections to the test's database other than the counter's, by application_name. */
async function connections(): Promise<{ session: number; total: number }> {
  const { rows } = await counter.query<{ name: string; n: number }>(
    `select coalesce(application_name, '') as name, count(*)::int as n from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid() group by 1`,
  );
  const count = (name: string) => rows.find((row) => row.name === name)?.n ?? 0;
  return {
    session: count(SESSION_APPLICATION_NAME),
    total: rows.reduce((sum, row) => sum + row.n, 0),
  };
}

describe('one server process', () => {
  it(`holds at most ${DEFAULT_POOL_MAX} pooled connections and one session connection under load`, async () => {
    const openai = await startOpenAITestServer({ slowTokenDelayMs: 20, slowExtraTokens: 20 });
    const server = createApiServer(
      serverConfigFrom({
        ...readApiEnv({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) }),
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: openai.url,
        DATABASE_URL: test.url,
        DATABASE_DIRECT_URL: test.directUrl,
        // Requests queue for a pooled connection; on a busy CI machine they may wait longer than
        // the default bound, and this test is about the count, not the wait.
        DATABASE_CONNECT_TIMEOUT_MS: 60_000,
      }),
      { logger: createLogger({}, () => {}) },
    );
    const peak = { session: 0, total: 0 };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await connections();
        peak.session = Math.max(peak.session, now.session);
        peak.total = Math.max(peak.total, now.total);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const streams = new AbortController();
    try {
      await server.ready;
      const users = Array.from({ length: 6 }, (_, i) => `user_budget_${i}`);
      await Promise.all(users.map((id) => seedUser(server.database, id)));
      const work = users.map(async (id) => {
        const caller = createCaller(
          createInnerContext({ services: server, actor: userActor(id) }),
          { signal: streams.signal },
        );
        // A live-update stream per person: the relay's LISTEN and its reads.
        const events = await caller.events.user({});
        void (async () => {
          for await (const _ of events) {
            // Drained until the stream is aborted.
          }
        })().catch(() => {});
        const chats = await Promise.all([caller.chat.create({}), caller.chat.create({})]);
        // Sends (rate limits, the send transaction, runs writing progress) and reads at once.
        const sent = await Promise.all([
          ...chats.map((chat) => caller.message.send({ chatId: chat.id, content: 'Hi [[slow]]' })),
          ...Array.from({ length: 5 }, () => caller.chat.list({})),
        ]);
        const first = sent[0] as { assistantMessage: { id: string } };
        await caller.message.cancel({ messageId: first.assistantMessage.id });
      });
      await Promise.all(work);
      await server.runs.drain();
      sampling = false;
      await sampler;
      const after = await connections();

      // The load filled the pool, and never went beyond it.
      expect(server.database.pool.totalCount).toBe(DEFAULT_POOL_MAX);
      expect(peak.session).toBe(1);
      expect(after.session).toBe(1);
      expect(peak.total).toBeLessThanOrEqual(DEFAULT_POOL_MAX + 1);
      expect(after.total).toBeLessThanOrEqual(DEFAULT_POOL_MAX + 1);
    } finally {
      sampling = false;
      await sampler;
      streams.abort();
      await server.close();
      await openai.close();
    }
  }, 120_000);
});
