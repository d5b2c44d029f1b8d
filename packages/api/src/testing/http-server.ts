// @zatten/api/testing: a real Zatten API server over HTTP for tests of clients (the published
// @zatten/client, the examples): the tRPC handler on a real database with the local realtime
// relay, replies from the OpenAI test server, and Clerk session tokens signed by a locally
// generated key that the server verifies without network. Never imported by production code.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, startOpenAITestServer } from '@zatten/ai/testing';
import {
  createApiKey,
  createDatabase,
  createRealtimeRelay,
  type Database,
  type RealtimeRelay,
  upsertUser,
  withService,
} from '@zatten/db';
import { createTestDatabase, type TestDatabase } from '@zatten/db/testing';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { readApiEnv } from '../env';
import { createLogger } from '../logger';
import { handleTRPCRequest } from '../server';
import { type ApiServices, createApiServices } from '../services';
import { createDiskObjectStore, DISK_OBJECT_ROUTE } from '../storage/disk';
import { handleStoredFileRequest } from '../storage/route';

const APP_URL = 'http://localhost:3000';
const CLERK_ISSUER = 'https://clerk.zatten.test';

export interface ZattenTestServer {
  url: string;
  database: Database;
  services: ApiServices;
  /** An API key with chats:create and chats:read. */
  apiKey(): Promise<string>;
  /** A Clerk session token for a user (provisioned on first use from its claims). */
  token(userId: string, email: string, ttlSeconds?: number): Promise<string>;
  seedUser(userId: string, email: string): Promise<void>;
  close(): Promise<void>;
}

export async function startZattenTestServer(
  testServer: Parameters<typeof createTestDatabase>[0],
): Promise<ZattenTestServer> {
  const test: TestDatabase = await createTestDatabase(testServer);
  const database = createDatabase(test.url, { directUrl: test.directUrl });
  const relay: RealtimeRelay = createRealtimeRelay(database, { onError: () => {} });
  const openai: OpenAITestServer = await startOpenAITestServer({ tokenDelayMs: 5 });
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  let services: ApiServices;
  const server: Server = createServer(async (req, res) => {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : req;
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const request = new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: body as never,
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit);
    // issue 16: the disk store's signed URLs, as the app's /api/files/object route serves them.
    const response = request.url.includes(DISK_OBJECT_ROUTE)
      ? await handleStoredFileRequest(services, request)
      : await handleTRPCRequest(request, { services, endpoint: '/api/trpc' });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    // Streams (SSE) are written as they come, not buffered to the end.
    if (response.body) {
      try {
        for await (const chunk of response.body) res.write(chunk);
      } catch {
        // The client went away mid-stream.
      }
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  services = createApiServices({
    env: readApiEnv({
      NODE_ENV: 'test',
      APP_URL,
      CLERK_JWT_KEY: await exportSPKI(publicKey),
      CLERK_ISSUER,
      SESSION_SECRET: 'test-session-secret-test-session-secret',
    }),
    database,
    ownerLock: true,
    relay,
    runner: createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
    logger: createLogger({}, () => {}),
    // Files go to a temporary directory, with URLs pointing at this server.
    storage: createDiskObjectStore({
      root: mkdtempSync(path.join(tmpdir(), 'zatten-client-files-')),
      baseUrl: url,
      secret: 'test-storage-secret-test-storage-secret',
      maxUploadBytes: 10 * 1024 * 1024,
    }),
  });
  await services.ready;

  return {
    url,
    database,
    services,
    async apiKey() {
      const { key } = await withService(database, (tx) =>
        createApiKey(tx, {
          name: 'client',
          scopes: ['chats:create', 'chats:read'],
          createdBy: null,
        }),
      );
      return key;
    },
    async token(userId, email, ttlSeconds = 600) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: CLERK_ISSUER, azp: APP_URL, sid: 'sess_test', sub: userId, email })
        .setProtectedHeader({ alg: 'RS256', kid: 'ins_test', typ: 'JWT' })
        .setIssuedAt(now - 5)
        .setNotBefore(now - 5)
        .setExpirationTime(now + ttlSeconds)
        .sign(privateKey);
    },
    async seedUser(userId, email) {
      await withService(database, (tx) =>
        upsertUser(tx, { id: userId, email, name: userId, imageUrl: null }),
      );
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await services.close();
      await relay.close();
      await openai.close();
      await database.close();
      await test.drop();
    },
  };
}
