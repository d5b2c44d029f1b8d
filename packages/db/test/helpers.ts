// Per-file databases on the run's test server.
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, type Database } from '../src/client';
import { upsertUser } from '../src/queries/users';
import { withService } from '../src/scope';
import { createTestDatabase, type TestDatabase } from '../src/testing';

export function useDatabase(options: { migrated?: boolean } = {}) {
  const context = {} as { database: Database; test: TestDatabase };
  beforeAll(async () => {
    context.test = await createTestDatabase(inject('testServer'), options);
    context.database = createDatabase(context.test.url, { directUrl: context.test.directUrl });
  });
  afterAll(async () => {
    await context.database?.close();
    await context.test?.drop();
  });
  return context;
}

export async function seedUser(database: Database, id: string, email = `${id}@example.com`) {
  return withService(database, (tx) => upsertUser(tx, { id, email, name: id, imageUrl: null }));
}
