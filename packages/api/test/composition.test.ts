// The composition root: one configuration in, a working server out (queries, relay, runs), and
// close() gives every connection back.
import { createTestDatabase, type TestDatabase } from '@zatten/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiServer } from '../src/composition';
import { createInnerContext } from '../src/context';
import { readApiEnv } from '../src/env';
import { createLogger } from '../src/logger';
import { createCaller } from '../src/root';
import { describeModes, serverConfigFrom } from '../src/server-config';
import { seedUser, userActor } from './helpers';

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase(inject('testServer'));
});
afterAll(async () => {
  await test?.drop();
});

async function connectionsTo(url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    return result.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe('createApiServer', () => {
  it('builds the services from the configuration and closes every connection', async () => {
    const config = serverConfigFrom({
      ...readApiEnv({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) }),
      OPENAI_API_KEY: 'test',
      // Direct, so the server's own connections are what the database counts (a pooler keeps
      // its server connections after clients leave).
      DATABASE_URL: test.directUrl,
    });
    expect(describeModes(config)).toBe(
      'auth: local, ai: configured, realtime: local, storage: disk',
    );
    const server = createApiServer(config, { logger: createLogger({}, () => {}) });
    await server.ready;
    expect(server.relay).not.toBeNull();
    expect(server.ai.configured).toBe(true);
    await server.database.ping();
    expect(await connectionsTo(test.directUrl)).toBeGreaterThan(0);
    await server.close();
    expect(await connectionsTo(test.directUrl)).toBe(0);
  });

  it('hands each reply’s run to keepAlive, settled when the run ends', async () => {
    const kept: Promise<unknown>[] = [];
    const server = createApiServer(
      serverConfigFrom({
        ...readApiEnv({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) }),
        DATABASE_URL: test.url,
      }),
      { logger: createLogger({}, () => {}), keepAlive: (work) => kept.push(work) },
    );
    try {
      await server.ready;
      await seedUser(server.database, 'user_keep');
      const caller = createCaller(
        createInnerContext({ services: server, actor: userActor('user_keep') }),
      );
      const chat = await caller.chat.create({});
      const { assistantMessage } = await caller.message.send({ chatId: chat.id, content: 'Hi' });
      expect(kept).toHaveLength(1);
      await kept[0];
      // Without an AI the run ends at once, failed; keepAlive's promise settled with it.
      const stored = await caller.message.get({ id: assistantMessage.id });
      expect(stored.status).toBe('failed');
    } finally {
      await server.close();
    }
  });

  it('refuses Supabase Realtime without Clerk, naming the variable', () => {
    expect(() =>
      serverConfigFrom({
        ...readApiEnv({ NODE_ENV: 'test' }),
        DATABASE_URL: test.url,
        NEXT_PUBLIC_SUPABASE_URL: 'https://x.supabase.co',
        NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key-anon-key-anon-key',
      }),
    ).toThrow(/^Invalid environment: NEXT_PUBLIC_SUPABASE_URL needs Clerk/);
  });
});
