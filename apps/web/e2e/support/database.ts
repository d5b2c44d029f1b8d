// Direct access to the end-to-end database (the embedded Postgres the web server started, see
// playwright.config.ts), for what a test cannot do through the app: create an API key for the
// REST endpoint, or cut every connection the way a database restart would.
import { createApiKey, createDatabase, type Database, withService } from '@zatten/db';
import { E2E } from './ports';

export const DATABASE_URL =
  process.env.E2E_DATABASE_URL ??
  `postgres://postgres:postgres@127.0.0.1:${E2E.postgresPort}/zatten`;

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = createDatabase(DATABASE_URL, { max: 1 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** A new API key allowed to create chats; returns the secret (`zk_...`). */
export function createTestApiKey(name: string): Promise<string> {
  return withDatabase(async (database) => {
    const { key } = await withService(database, (tx) =>
      createApiKey(tx, { name, scopes: ['chats:create'], createdBy: null }),
    );
    return key;
  });
}

/** Ends every other session of the app's database, as a restart does; returns how many. */
export function terminateDatabaseConnections(): Promise<number> {
  return withDatabase(async ({ sql }) => {
    const rows = await sql<{ terminated: boolean }[]>`
      select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`;
    return rows.filter((row) => row.terminated).length;
  });
}
