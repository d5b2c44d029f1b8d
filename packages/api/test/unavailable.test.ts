// A database that accepts connections and never answers (a hung server, a black-holed pooler):
// requests end with a 503 problem within the connect bound instead of hanging.
import { createServer, type Server, type Socket } from 'node:net';
import { createDatabase } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiEnv } from '../src/env';
import { createLogger } from '../src/logger';
import { handleCreateChat } from '../src/rest/chats';
import { handleTRPCRequest } from '../src/server';
import { type ApiServices, createApiServices } from '../src/services';

let silent: Server;
const sockets = new Set<Socket>();
let services: ApiServices;

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
        headers: { authorization: 'Bearer zk_test', 'content-type': 'application/json' },
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
  });

  it('gives tRPC a SERVICE_UNAVAILABLE with its reason', async () => {
    const response = await handleTRPCRequest(
      new Request('http://localhost:3000/api/trpc/service.listChats?input=%7B%7D', {
        headers: { authorization: 'Bearer zk_test' },
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
