// The example runs against a real HTTP server that mounts the api package's tRPC handler on a
// real database, exactly as the web app does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ApiServices,
  createApiServices,
  handleTRPCRequest,
  readApiEnv,
} from '@zatten/api/server';
import { createApiKey, createDatabase, type Database, upsertUser, withService } from '@zatten/db';
import { createTestDatabase, type TestDatabase } from '@zatten/db/testing';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createWelcomeChat } from '../src/create-chat';

let test: TestDatabase;
let database: Database;
let services: ApiServices;
let server: Server;
let url: string;

beforeAll(async () => {
  test = await createTestDatabase(inject('testServer'));
  database = createDatabase(test.url);
  services = createApiServices({
    env: readApiEnv({ NODE_ENV: 'test' }),
    database,
  });
  server = createServer(async (req, res) => {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : req;
    const request = new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: body as never,
      duplex: 'half',
    } as RequestInit);
    const response = await handleTRPCRequest(request, { services, endpoint: '/api/trpc' });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await services?.close();
  await database?.close();
  await test?.drop();
});

it('creates a chat for a user by email and lists it, through the typed client', async () => {
  await withService(database, (tx) =>
    upsertUser(tx, { id: 'user_ex', email: 'Dora@Example.com', name: 'Dora', imageUrl: null }),
  );
  const { key } = await withService(database, (tx) =>
    createApiKey(tx, { name: 'example', scopes: ['chats:create', 'chats:read'], createdBy: null }),
  );
  const { created, listed } = await createWelcomeChat({
    url,
    apiKey: key,
    email: 'dora@example.com',
    title: 'Welcome',
  });
  expect(created).toMatchObject({ userId: 'user_ex', title: 'Welcome', source: 'api' });
  expect(listed.map((c) => c.id)).toContain(created.id);
  // Running it again (a retry) does not make a second chat.
  const again = await createWelcomeChat({
    url,
    apiKey: key,
    email: 'dora@example.com',
    title: 'Welcome',
  });
  expect(again.created.id).toBe(created.id);
  expect(again.listed.filter((c) => c.title === 'Welcome')).toHaveLength(1);
});

it('surfaces a typed error for a bad key', async () => {
  await expect(
    createWelcomeChat({
      url,
      apiKey: 'zk_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      email: 'dora@example.com',
      title: 'x',
    }),
  ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED', httpStatus: 401 } });
});
