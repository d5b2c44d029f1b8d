// The server's database client: postgres.js under Kysely, typed by the generated schema. Callers
// create one per process on purpose (createDatabase) and close it on shutdown.
import { Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import type { DB } from './schema';

export interface Database {
  db: Kysely<DB>;
  /** The raw driver, for LISTEN and for statements Kysely does not model. */
  sql: postgres.Sql;
  close(): Promise<void>;
}

// Timestamps stay strings, as in the generated types and on the wire from Supabase, with full
// microsecond precision (a Date would drop it and break keyset cursors). Postgres' text form
// `2026-11-25 08:42:47.123456+00` is normalised to ISO 8601.
function isoTimestamp(value: string): string {
  const iso = value.replace(' ', 'T');
  return /[+-]\d\d$/.test(iso) ? `${iso}:00` : iso;
}

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    types: {
      // 1184 timestamptz, 1114 timestamp
      timestamptz: {
        to: 1184,
        from: [1184, 1114],
        serialize: (value: string | Date) => (value instanceof Date ? value.toISOString() : value),
        parse: isoTimestamp,
      },
    },
    connection: { application_name: 'zatten' },
  });
  const db = new Kysely<DB>({ dialect: new PostgresJSDialect({ postgres: sql }) });
  return {
    db,
    sql,
    close: async () => {
      await db.destroy();
    },
  };
}
