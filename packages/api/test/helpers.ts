// Test fixtures: a database of the file's own, api services on it, Clerk tokens signed by a
// locally generated key (verified by the real @clerk/backend), and callers for each kind of actor.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import type { AssistantRunner } from '@zatten/ai';
import {
  createDatabase,
  createRealtimeRelay,
  type Database,
  type RealtimeRelay,
  upsertUser,
  withService,
} from '@zatten/db';
import { createTestDatabase, type TestDatabase } from '@zatten/db/testing';
import { exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Actor } from '../src/auth/actor';
import { createInnerContext } from '../src/context';
import { readApiEnv } from '../src/env';
import { reasonOf, toTRPCError } from '../src/errors';
import { createLogger } from '../src/logger';
import { createCaller } from '../src/root';
import { type ApiServices, createApiServices } from '../src/services';
import type { ObjectStore } from '../src/storage/types';

export const APP_URL = 'http://localhost:3000';
export const CLERK_ISSUER = 'https://clerk.zatten.test';

export interface ClerkKeys {
  publicKeyPem: string;
  sign(
    claims: JWTPayload,
    options?: { expiresIn?: string | number; notBefore?: string | number },
  ): Promise<string>;
}

export async function createClerkKeys(): Promise<ClerkKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const publicKeyPem = await exportSPKI(publicKey);
  return {
    publicKeyPem,
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ iss: CLERK_ISSUER, azp: APP_URL, sid: 'sess_test', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'ins_test', typ: 'JWT' })
        .setIssuedAt(now - 5)
        .setNotBefore(options.notBefore ?? now - 5)
        .setExpirationTime(options.expiresIn ?? now + 60);
      return jwt.sign(privateKey);
    },
  };
}

export interface ApiFixture {
  test: TestDatabase;
  database: Database;
  relay: RealtimeRelay;
  /** Raw SQL for test setup and checks, on the direct URL (not part of the server's budget). */
  sql: postgres.Sql;
  services: ApiServices;
  clerk: ClerkKeys;
  logs: string[];
  caller(actor?: Actor, signal?: AbortSignal): ReturnType<typeof createCaller>;
}

export function useApi(
  options: {
    env?: Record<string, string>;
    /** Called once the fixture starts, e.g. to point the runner at an OpenAI test server. */
    runner?: () => AssistantRunner;
    apiKeyPerMinute?: number;
    sendsPerMinute?: number;
    writesPerMinute?: number;
    limits?: Parameters<typeof createApiServices>[0]['limits'];
    runs?: Parameters<typeof createApiServices>[0]['runs'];
    /** Issue 16: the attachments' object store (default: a disk store in a temporary directory). */
    storage?: () => ObjectStore;
    uploadsPerMinute?: number;
  } = {},
): ApiFixture {
  const fixture = { logs: [] as string[] } as ApiFixture;
  beforeAll(async () => {
    fixture.test = await createTestDatabase(inject('testServer'));
    fixture.database = createDatabase(fixture.test.url, { directUrl: fixture.test.directUrl });
    fixture.relay = createRealtimeRelay(fixture.database, { onError: () => {} });
    fixture.sql = postgres(fixture.test.directUrl, { max: 1, onnotice: () => {} });
    fixture.clerk = await createClerkKeys();
    const env = readApiEnv({
      NODE_ENV: 'test',
      APP_URL,
      CLERK_JWT_KEY: fixture.clerk.publicKeyPem,
      ADMIN_EMAILS: 'admin@example.com',
      CLERK_ISSUER,
      SESSION_SECRET: 'test-session-secret-test-session-secret',
      ...options.env,
    });
    fixture.services = createApiServices({
      env,
      database: fixture.database,
      // As in production: the run-ownership lock on the session connection.
      ownerLock: true,
      relay: fixture.relay,
      runner: options.runner?.(),
      logger: createLogger({}, (line) => fixture.logs.push(line)),
      rateLimits: {
        apiKeyPerMinute: options.apiKeyPerMinute,
        sendsPerMinute: options.sendsPerMinute,
        writesPerMinute: options.writesPerMinute,
        uploadsPerMinute: options.uploadsPerMinute,
      },
      limits: options.limits,
      runs: options.runs,
      storage: options.storage?.(),
      storageRoot: mkdtempSync(path.join(tmpdir(), 'zatten-files-')),
    });
    await fixture.services.ready;
    fixture.caller = (actor, signal) =>
      createCaller(createInnerContext({ services: fixture.services, actor }), { signal });
  });
  afterAll(async () => {
    await fixture.services?.close();
    await fixture.relay?.close();
    await fixture.database?.close();
    await fixture.sql?.end();
    await fixture.test?.drop();
  });
  return fixture;
}

export function userActor(userId: string, email = `${userId}@example.com`): Actor {
  return {
    kind: 'user',
    userId,
    via: 'clerk',
    profile: { email, name: userId, imageUrl: null },
    role: null,
  };
}

export async function seedUser(database: Database, id: string, email = `${id}@example.com`) {
  return withService(database, (tx) => upsertUser(tx, { id, email, name: id, imageUrl: null }));
}

/** Collects a tracked subscription's events (as [id, data]) until `until` says stop. */
export async function collect<T>(
  iterable: AsyncIterable<unknown>,
  until: (data: T, all: Array<{ id: string; data: T }>) => boolean,
  options: { timeoutMs?: number } = {},
): Promise<Array<{ id: string; data: T }>> {
  const items: Array<{ id: string; data: T }> = [];
  const iterator = iterable[Symbol.asyncIterator]();
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  try {
    while (Date.now() < deadline) {
      const next = await Promise.race([
        iterator.next(),
        new Promise<IteratorResult<unknown>>((_, reject) =>
          setTimeout(
            () => reject(new Error(`timed out after ${items.length} events`)),
            deadline - Date.now(),
          ),
        ),
      ]);
      if (next.done) break;
      const [id, data] = next.value as [string, T];
      items.push({ id, data });
      if (until(data, items)) break;
    }
    return items;
  } finally {
    await iterator.return?.();
  }
}

/**
 * What a client sees of a refused call: the tRPC code and the reason (carried by the DomainError
 * behind it, see src/errors.ts). A DomainError a subscription throws before the error map runs
 * is mapped the same way.
 */
export function errorShape(error: unknown): { code: string; reason: string | null } {
  const mapped = error instanceof TRPCError ? error : toTRPCError(error);
  return { code: mapped.code, reason: reasonOf(mapped) };
}
