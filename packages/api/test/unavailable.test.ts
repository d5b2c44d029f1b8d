// A database that accepts connections and never answers (a hung server, a black-holed pooler):
// requests end with a 503 problem within the connect bound instead of hanging. A statement that
// waits past the statement bound (a lock held elsewhere) ends the same way.
import { createServer, type Server, type Socket } from 'node:net';
import { createApiKey, createDatabase, withService } from '@zatten/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiEnv } from '../src/env';
import { createLogger } from '../src/logger';
import { handleCreateChat } from '../src/rest/chats';
import { handleTRPCRequest } from '../src/server';
import { type ApiServices, createApiServices } from '../src/services';
import { seedUser, useApi } from './helpers';

let silent: Server;
const sockets = new Set<Socket>();
let services: ApiServices;
// Well formed, so verifying it needs the database (a malformed key is refused without it).
const KEY = 'zk_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

beforeAll(async () => {
  silent = createServer((socket) => {
    // Accept, read, never answer.
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  services = createApiServices({
    env: readApiEnv({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) }),
    database: createDatabase(url, { timeouts: { connectMs: 300 } }),
    logger: createLogger({}, () => {}),
  });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await services.close().catch(() => {});
  await services.database.close().catch(() => {});
  await new Promise((resolve) => silent.close(resolve));
});

describe('a database that never answers', () => {
  it('gives REST a 503 problem with Retry-After', async () => {
    const response = await handleCreateChat(
      new Request('http://localhost:3000/api/v1/chats', {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'user_x', title: 'T' }),
      }),
      services,
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({
      type: 'urn:zatten:problem:database-unavailable',
      status: 503,
    });
    // A key that cannot be one is the client's mistake whatever the database does.
    const malformed = await handleCreateChat(
      new Request('http://localhost:3000/api/v1/chats', {
        method: 'POST',
        headers: { authorization: 'Bearer zk_test', 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'user_x', title: 'T' }),
      }),
      services,
    );
    expect(malformed.status).toBe(401);
  });

  it('gives tRPC a SERVICE_UNAVAILABLE with its reason', async () => {
    const response = await handleTRPCRequest(
      new Request('http://localhost:3000/api/trpc/service.listChats?input=%7B%7D', {
        headers: { authorization: `Bearer ${KEY}` },
      }),
      { services, endpoint: '/api/trpc' },
    );
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { data: Record<string, unknown> } };
    expect(body.error.data).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'database_unavailable',
      retryAfterSeconds: 5,
    });
  });
});

describe('a statement that does not finish', () => {
  const api = useApi({ apiKeyPerMinute: 1000 });
  let slow: ApiServices;
  let blocker: pg.Client;

  beforeAll(async () => {
    // The same database with a short statement bound (DATABASE_STATEMENT_TIMEOUT_MS).
    slow = createApiServices({
      env: api.services.env,
      database: createDatabase(api.test.url, {
        directUrl: api.test.directUrl,
        timeouts: { statementMs: 300 },
      }),
      logger: createLogger({}, () => {}),
    });
    blocker = new pg.Client({ connectionString: api.test.directUrl });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await slow?.close();
    await slow?.database.close();
  });

  it('is cancelled by the statement timeout and answered with a 503 problem', async () => {
    await seedUser(api.database, 'user_locked');
    const { key } = await withService(api.database, (tx) =>
      createApiKey(tx, { name: 'slow', scopes: ['chats:create'], createdBy: null }),
    );
    // Another session holds the person's row, so the new chat's foreign key check waits on it.
    await blocker.query('begin');
    await blocker.query(`select 1 from users where id = 'user_locked' for update`);
    try {
      const response = await handleCreateChat(
        new Request('http://localhost:3000/api/v1/chats', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'user_locked', title: 'Waits' }),
        }),
        slow,
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({
        type: 'urn:zatten:problem:database-unavailable',
      });
    } finally {
      await blocker.query('rollback');
    }
    const chats = await api.sql`select id from chats where user_id = 'user_locked'`;
    expect(chats).toHaveLength(0);
  });
});
