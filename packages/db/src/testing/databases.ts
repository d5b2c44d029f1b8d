// Throwaway databases for tests. Given a server (DATABASE_URL, or the embedded Postgres this
// module starts), each test file gets databases of its own, cloned from a migrated template and
// dropped afterwards; nothing that already lives on the server is touched. With
// DATABASE_DIRECT_URL set beside DATABASE_URL (CI runs the api suite through PgBouncer in
// transaction mode), databases are created, migrated and dropped on the direct URL, and tests
// get both: `url` through the pooler for queries, `directUrl` for sessions (LISTEN, locks).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import postgres from 'postgres';
import { readDbEnv } from '../env';
import { startLocalPostgres } from '../local/embedded';
import { migrate } from '../migrate';
import { defaultDataDir } from '../paths';

const TEST_PORT = 54339;
const PREFIX = 'zatten_test_';

export interface TestServer {
  /** URL of a maintenance database on the server; tests create their databases through it. */
  adminUrl: string;
  /** The same server through the pooler, when one is given (DATABASE_URL beside a direct URL). */
  pooledUrl?: string;
  /** Name of the migrated template this run clones. */
  template: string;
  teardown(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

function uniqueName(kind: string): string {
  return `${PREFIX}${kind}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function admin<T>(adminUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** Called from a vitest globalSetup: one server and one migrated template per test run. */
export async function startTestServer(
  env?: Record<string, string | undefined>,
): Promise<TestServer> {
  const { DATABASE_URL, DATABASE_DIRECT_URL } = readDbEnv(env);
  const server = DATABASE_URL
    ? { url: DATABASE_DIRECT_URL ?? DATABASE_URL, stop: async () => {} }
    : await startLocalPostgres({
        dataDir: path.join(defaultDataDir, 'test-postgres'),
        port: TEST_PORT,
        // Another checkout's test server may hold the port: run beside it.
        onPortTaken: 'free-port',
      });
  const template = uniqueName('template');
  await admin(server.url, (sql) => sql.unsafe(`create database ${template}`));
  await migrate(withDatabase(server.url, template));
  return {
    adminUrl: server.url,
    ...(DATABASE_URL && DATABASE_DIRECT_URL ? { pooledUrl: DATABASE_URL } : {}),
    template,
    teardown: async () => {
      await admin(server.url, (sql) =>
        sql.unsafe(`drop database if exists ${template} with (force)`),
      );
      await server.stop();
    },
  };
}

export interface TestDatabase {
  /** For queries: through the pooler when the run has one. */
  url: string;
  /** For sessions (LISTEN, session locks, migrations): the server itself. */
  directUrl: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A database of this test's own: a copy of the migrated template, or empty (`migrated: false`)
 * for tests of the migrator itself.
 */
export async function createTestDatabase(
  server: Pick<TestServer, 'adminUrl' | 'pooledUrl' | 'template'>,
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const name = uniqueName('db');
  const source = options.migrated === false ? 'template0' : server.template;
  await admin(server.adminUrl, async (sql) => {
    // Cloning needs the template to be free of other sessions, so concurrent clones take turns.
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`create database ${name} template ${source}`);
        return;
      } catch (error) {
        const busy = error instanceof postgres.PostgresError && error.code === '55006';
        if (!busy || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
  return {
    name,
    url: withDatabase(server.pooledUrl ?? server.adminUrl, name),
    directUrl: withDatabase(server.adminUrl, name),
    drop: async () => {
      await admin(server.adminUrl, (sql) =>
        sql.unsafe(`drop database if exists ${name} with (force)`),
      );
    },
  };
}
