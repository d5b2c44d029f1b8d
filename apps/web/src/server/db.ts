// The server process's one database client, created deliberately on first use and reused by
// every request (in development it survives hot reloads on globalThis).
import { createDatabase, type Database } from '@zatten/db';
import { env } from '~/env';

const holder = globalThis as typeof globalThis & { __zattenDb?: Database };

export function getDatabase(): Database {
  holder.__zattenDb ??= createDatabase(env.DATABASE_URL);
  return holder.__zattenDb;
}
