// The server's database client, created once per process on purpose (createDatabase) and closed
// on shutdown. Its connection budget (README "Connections"):
// - one query pool (Kysely over node-postgres, `max` connections, default 5) on DATABASE_URL,
//   which may be a transaction pooler: every query, rate-limit count, relay read and NOTIFY
//   runs in it, and nothing in it keeps session state beyond a transaction;
// - one session connection (session.ts) on the direct URL, opened on first use, for LISTEN and
//   the run owner's advisory lock, which a transaction pooler cannot carry.
//
// node-postgres rather than postgres.js for queries: Kysely's postgres.js dialect takes a
// connection with `reserve()`, and in postgres.js 3.4.9 a queued reserve() is stranded for good
// when the server drops the connection it waits for (porsager/postgres#1195); node-postgres'
// pool replaces dropped connections and uses unnamed prepared statements, which transaction
// poolers pass through.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';
import { queryOnLiveConnection } from './scope';
import { createSessionConnection, type SessionConnection } from './session';

export interface DatabaseTimeouts {
  /** Connecting (TCP and start-up) gives up after this; a silent server fails fast. */
  connectMs: number;
  /**
   * A statement running longer is cancelled by the server (per transaction: pooler-safe). The
   * client waits a little longer for any answer (READ_GRACE_MS): a server or network that has
   * stalled cancels nothing, and the connection is then closed so nothing waits on it for good.
   */
  statementMs: number;
  /** A transaction left idle this long is ended by the server, freeing its connection. */
  idleInTransactionMs: number;
}

/**
 * Five: a send holds a connection for one short transaction, so five serve many concurrent
 * requests, and two instances stay within the 15 client connections Supabase's smallest
 * compute gives each pooler user with room to spare (README "Connections").
 */
export const DEFAULT_POOL_MAX = 5;

export const APPLICATION_NAME = 'zatten';

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 30_000,
  idleInTransactionMs: 10_000,
};

export interface Database {
  db: Kysely<DB>;
  /**
   * The node-postgres pool Kysely runs on: the process's one query pool, shared with the rate
   * limiter (rate-limiter-flexible speaks node-postgres) instead of a pool of its own.
   */
  pool: pg.Pool;
  /** The bounds every transaction runs under (scope.ts sets them with SET LOCAL). */
  timeouts: DatabaseTimeouts;
  /** The process's one session connection (LISTEN, session locks), on the direct URL. */
  session: SessionConnection;
  /** NOTIFY through the query pool (delivered to every session listening on `channel`). */
  notify(channel: string, payload: string): Promise<void>;
  /** One round trip on the pool the queries use (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How much longer than statementMs the client waits for an answer before it gives up. */
export const READ_GRACE_MS = 2_000;

/** The error node-postgres gives a query left unanswered past `query_timeout`. */
export function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}

const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;

// Timestamps stay strings, as in the generated types and on the wire from Supabase, with full
// microsecond precision (a Date would drop it and break keyset cursors). Postgres' text form
// `2026-11-25 08:42:47.123456+00` is normalised to ISO 8601.
function isoTimestamp(value: string): string {
  const iso = value.replace(' ', 'T');
  return /[+-]\d\d$/.test(iso) ? `${iso}:00` : iso;
}

/**
 * A simple-protocol query of several statements (scope.ts: a transaction's first round trip,
 * `commitWith`) answers node-postgres with one result per statement, of which Kysely would keep
 * none (it reads the `rows` of one result). They reach Kysely as its rows instead, one
 * `StatementResult` per statement, read back with scope.ts `statementResults`.
 */
function manyResults(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const results: StatementResult[] = (value as pg.QueryResult[]).map((result) => ({
    command: result.command,
    rowCount: result.rowCount,
    rows: result.rows,
  }));
  return { command: 'MANY', rowCount: results.length, rows: results };
}

/** One statement's answer in a query of several (`manyResults`). */
export interface StatementResult {
  command: string;
  rowCount: number | null;
  rows: Record<string, unknown>[];
}

export function createDatabase(
  url: string,
  options: {
    max?: number;
    /**
     * Direct or session-mode URL for the session connection (LISTEN, session locks); defaults
     * to `url`, which then must not be a transaction pooler.
     */
    directUrl?: string;
    timeouts?: Partial<DatabaseTimeouts>;
    onError?: (error: Error) => void;
  } = {},
): Database {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? DEFAULT_POOL_MAX,
    connectionTimeoutMillis: timeouts.connectMs,
    // A server that stops answering mid-statement (stalled, a dead network path) never cancels
    // anything: without a bound on the client's side the query, its request and a run's writes
    // would wait forever.
    query_timeout: timeouts.statementMs + READ_GRACE_MS,
    application_name: APPLICATION_NAME,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMPTZ || oid === TIMESTAMP
          ? isoTimestamp
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server dropped (restart, failover) errors here; the pool discards it
  // and opens another on demand. Without a listener the error would crash the process.
  pool.on('error', (error) => options.onError?.(error));
  // The pool listens for errors on idle connections only. A connection checked out by a
  // transaction that is between statements when the server goes away (a restart sends 57P01)
  // would emit an 'error' nobody handles, and that crashes the process. Its next statement
  // fails anyway, so the error only needs a listener.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onError?.(error));
    // node-postgres answers a timed-out query with an error but keeps the connection waiting
    // behind it, and Kysely would hand it back to the pool: the next request would queue behind
    // the stalled statement. The connection is closed instead (the pool drops it, the server rolls
    // back whatever it had open).
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (!(result instanceof Promise)) return result;
      result.catch((error: unknown) => {
        if (isReadTimeout(error))
          (
            client as unknown as { connection: { stream: { destroy(): void } } }
          ).connection.stream.destroy();
      });
      // Kysely's promise calls only (the pool's own query passes a callback): see manyResults.
      return result.then(manyResults);
    };
  });
  const session = createSessionConnection(options.directUrl ?? url, {
    connectMs: timeouts.connectMs,
    onError: (error) => options.onError?.(error),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    timeouts,
    session,
    notify: async (channel, payload) => {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    // A dead pooled connection says nothing about the database: ask again on a live one.
    ping: async () => {
      await queryOnLiveConnection(pool, 'select 1');
    },
    close: async () => {
      await session.close();
      await db.destroy();
    },
  };
}
