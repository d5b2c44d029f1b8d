// The two ways into the data: as a user, under Row Level Security exactly as PostgREST runs a
// request (role `authenticated`, claims in `request.jwt.claims`), or as the service, explicitly.
import { type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database, StatementResult } from './client';
import type { DB } from './schema';

export type Tx = Transaction<DB>;

export interface UserClaims {
  sub: string;
  [claim: string]: unknown;
}

/**
 * Connection-level failures: a pooled connection that the server dropped (a restart, a failover,
 * an idle timeout) fails the first statement sent on it. The transaction never took effect, so
 * it runs once more on a fresh connection.
 */
const CONNECTION_LOST = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNRESET',
  'EPIPE',
  '57P01', // admin_shutdown: terminating connection due to administrator command
]);

function isConnectionLost(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && CONNECTION_LOST.has(code)) return true;
  // node-postgres reports a socket closed under a query without a code.
  return typeof message === 'string' && /Connection terminated/i.test(message);
}

/** A string as a SQL literal (standard_conforming_strings is on in every supported Postgres). */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The transaction's time bounds, as `set_config` calls for a select, set LOCAL so they hold
 * through a transaction pooler (PgBouncer, Supavisor) where session settings would leak to other
 * clients.
 */
function boundsSettings(database: Database): string {
  const { statementMs, idleInTransactionMs } = database.timeouts;
  return `set_config('statement_timeout', ${literal(`${Math.floor(statementMs)}ms`)}, true),
                 set_config('idle_in_transaction_session_timeout', ${literal(`${Math.floor(idleInTransactionMs)}ms`)}, true)`;
}

/** A user's RLS scope as PostgREST sets it: the claims and the role `authenticated`. */
function userSettings(claims: UserClaims): string {
  return `set_config('request.jwt.claims', ${literal(JSON.stringify(claims))}, true),
            set_config('role', 'authenticated', true)`;
}

const SERVICE_SETTINGS = "set_config('role', 'service_role', true)";

/**
 * The database did not answer: connecting timed out or was refused. Requests fail with 503
 * instead of hanging.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  // 57014 statement timeout; 57P01 admin shutdown (a restart); 57P03 cannot connect now. A
  // query read timeout: the server stopped answering (client.ts closes that connection).
  if (
    code === 'ECONNREFUSED' ||
    code === 'CONNECT_TIMEOUT' ||
    code === '57014' ||
    code === '57P01' ||
    code === '57P03'
  ) {
    return true;
  }
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|connection timeout|Connection terminated|Query read timeout/i.test(
      message,
    )
  );
}

/**
 * Transactions whose last statements committed them (commitWith): transaction() sends no COMMIT
 * of its own for them. Keyed by the connection, which the pool reuses: the mark is taken off when
 * the transaction ends, whichever way.
 */
const committedWithLast = new WeakSet<object>();

/**
 * The last statements of a transaction and its COMMIT as one simple-protocol round trip (a round
 * trip fewer than the statements, then COMMIT). Nothing may run in `tx` after it: the transaction
 * is over once it resolves. Every value in `statements` must already be a literal. When a
 * statement fails, COMMIT is not reached and the transaction rolls back as usual.
 */
export async function commitWith(tx: Tx, statements: string): Promise<StatementResult[]> {
  const results = await runMany(
    tx,
    `${statements};
commit`,
  );
  committedWithLast.add(tx);
  return results.slice(0, -1);
}

/** Several statements as one simple-protocol round trip: one result per statement. */
async function runMany(tx: Kysely<DB> | Tx, statements: string): Promise<StatementResult[]> {
  const { rows } = await sql.raw<StatementResult>(statements).execute(tx);
  return rows;
}

/**
 * BEGIN and the scope's settings go to the server as one simple-protocol round trip (the first
 * statement of every request used to wait for BEGIN's answer first), with `first` after them
 * (literals only, as for `commitWith`), then `fn` with their results, then COMMIT, or ROLLBACK
 * when `fn` throws. Works the same through a transaction pooler: nothing outlives it.
 */
async function transaction<T>(
  database: Database,
  settings: string,
  first: readonly string[],
  fn: (tx: Tx, first: StatementResult[]) => Promise<T>,
): Promise<T> {
  const opening = [
    'begin',
    `select ${settings}`,
    `select ${boundsSettings(database)}`,
    ...first,
  ].join(';\n');
  for (let attempt = 1; ; attempt++) {
    let begun = false;
    try {
      return await database.db.connection().execute(async (connection) => {
        committedWithLast.delete(connection);
        let opened: StatementResult[];
        try {
          opened = await runMany(connection, opening);
        } catch (error) {
          // A statement of `first` failed inside the transaction BEGIN opened: it ends here. (On a
          // lost connection there is nothing to end, and the whole is tried again below.)
          if (!isConnectionLost(error)) {
            begun = true;
            await sql
              .raw('rollback')
              .execute(connection)
              .catch(() => {});
          }
          throw error;
        }
        begun = true;
        // The connection is inside the transaction just opened; queries take it as a Tx does.
        const tx = connection as unknown as Tx;
        let result: T;
        try {
          result = await fn(tx, opened.slice(3));
        } catch (error) {
          if (!committedWithLast.delete(connection)) {
            await sql
              .raw('rollback')
              .execute(connection)
              .catch(() => {});
          }
          throw error;
        }
        if (!committedWithLast.delete(connection)) await sql.raw('commit').execute(connection);
        return result;
      });
    } catch (error) {
      // Only a transaction that never started is safe to run again. After a restart every idle
      // connection in the pool may be dead before the pool has heard of it, and each failed one
      // leaves the pool: one attempt more than the pool holds reaches a fresh connection.
      const attempts = (database.pool.options.max ?? 10) + 1;
      if (attempt >= attempts || begun || !isConnectionLost(error)) throw error;
    }
  }
}

/**
 * Service work as one simple-protocol round trip: the role, the bounds and `statements` go to
 * the server as one query string, which Postgres runs as one implicit transaction (SET LOCAL
 * holds until its end; an error in any statement rolls every one back). Simple-protocol
 * queries take no parameters: every value in `statements` must already be a literal made by
 * `sqlLiteral`. A transaction pooler passes it through as one transaction.
 *
 * A connection lost under it is tried again on a fresh one, as `transaction` does for BEGIN;
 * here the first attempt may have committed just before the socket closed, so `statements`
 * must be safe to run twice (e.g. an insert with its id chosen by the caller and
 * `on conflict (id) do nothing`). Resolves with one result per statement.
 */
export async function serviceInOneTrip(
  database: Database,
  statements: string[],
): Promise<pg.QueryResult[]> {
  return inOneTrip(database, SERVICE_SETTINGS, statements);
}

/**
 * A user's read as one simple-protocol round trip, under RLS exactly as `withUser` (the claims
 * and the role `authenticated`, then the bounds, then `statements`, one implicit transaction)
 * without its BEGIN and COMMIT round trips. As with `serviceInOneTrip`, every value in
 * `statements` must already be a literal made by `sqlLiteral`. Reads only: a connection lost
 * under it is tried again on a fresh one. Resolves with one result per statement.
 */
export async function userReadInOneTrip(
  database: Database,
  userId: string,
  statements: string[],
): Promise<pg.QueryResult[]> {
  return inOneTrip(database, userSettings({ sub: userId, role: 'authenticated' }), statements);
}

/**
 * `settings` with the bounds in one select (one statement for the server to run, not two), then
 * `statements`, as one simple-protocol query: one implicit transaction. A lost connection is
 * tried again on a fresh one, as `transaction` does for BEGIN. One result per statement.
 */
async function inOneTrip(
  database: Database,
  settings: string,
  statements: string[],
): Promise<pg.QueryResult[]> {
  const text = [`select ${settings}, ${boundsSettings(database)}`, ...statements].join(';\n');
  const results = (await queryOnLiveConnection(database.pool, text)) as unknown as pg.QueryResult[];
  return results.slice(1);
}

/**
 * One query on the pool, tried again on another connection when the one it went out on turned
 * out to be dead (a database restart closes every pooled connection, and the pool learns it only
 * when it uses one): one attempt more than the pool holds reaches a fresh connection, as in
 * `transaction`. Only for statements that may run twice: the first attempt may have run just
 * before the socket closed.
 */
export async function queryOnLiveConnection<R extends pg.QueryResultRow = pg.QueryResultRow>(
  pool: Pick<pg.Pool, 'query' | 'options'>,
  query: string | pg.QueryConfig,
): Promise<pg.QueryResult<R>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pool.query<R>(query);
    } catch (error) {
      const attempts = (pool.options.max ?? 10) + 1;
      if (attempt >= attempts || !isConnectionLost(error)) throw error;
    }
  }
}

/**
 * A value as a SQL literal for `serviceInOneTrip`: node-postgres' escaping (an E'' literal when
 * there are backslashes), so it reads the same whatever standard_conforming_strings says.
 */
export function sqlLiteral(value: string | number): string {
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
  return String(Math.trunc(value));
}

/**
 * A compiled query (Kysely's `compile()`) with its `$n` parameters written in as literals
 * (`sqlLiteral`), for the one-trip helpers, which send simple-protocol text. Only for queries
 * whose text Kysely wrote: their values are all parameters, so every `$n` is one.
 */
export function inlineParameters(query: { sql: string; parameters: readonly unknown[] }): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = query.parameters[Number(n) - 1];
    if (typeof value === 'string') return sqlLiteral(value);
    // An integer only (sqlLiteral would truncate), and a negative one in parentheses: Kysely
    // writes unary minus as `-$1`, which `-5` would turn into the comment `--5`.
    if (typeof value === 'number' && Number.isInteger(value)) {
      return value < 0 ? `(${sqlLiteral(value)})` : sqlLiteral(value);
    }
    throw new TypeError(`parameter $${n} cannot be written as a literal: ${typeof value}`);
  });
}

/** Runs `fn` in a transaction that RLS scopes to `userId`. */
export async function withUser<T>(
  database: Database,
  userId: string | UserClaims,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return transaction(database, userSettings(claimsOf(userId)), [], (tx) => fn(tx));
}

/**
 * `withUser` whose first round trip, with BEGIN and the scope, also carries `first`: statements
 * whose values are all literals (`sqlLiteral`, `inlineParameters`), run in order inside the
 * transaction, so each one sees what the ones before it locked. `fn` gets one result per
 * statement. When one of them fails, the transaction rolls back and `fn` never runs.
 */
export async function withUserOpening<T>(
  database: Database,
  userId: string,
  first: readonly string[],
  fn: (tx: Tx, first: StatementResult[]) => Promise<T>,
): Promise<T> {
  return transaction(database, userSettings(claimsOf(userId)), first, fn);
}

function claimsOf(userId: string | UserClaims): UserClaims {
  return typeof userId === 'string' ? { sub: userId, role: 'authenticated' } : userId;
}

/**
 * Service work that acts across users (REST create for another user, webhooks, the assistant run
 * writing its progress). RLS is bypassed deliberately, as Supabase's service_role does.
 */
export async function withService<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(database, SERVICE_SETTINGS, [], (tx) => fn(tx));
}

export type Executor = Kysely<DB> | Tx;

/**
 * Service work inside a user's transaction (e.g. leasing the reply that transaction creates), so
 * both commit or neither does. The role switches back before `fn`'s result is returned.
 */
export async function asService<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // The role in force is read before the switch in the same round trip: a materialised CTE is
  // evaluated before the outer row (and its set_config) is computed.
  const { role } = await sql<{ role: string }>`with previous as materialized (
      select current_setting('role') as role
    )
    select previous.role, set_config('role', 'service_role', true) from previous`
    .execute(tx)
    .then((result) => result.rows[0] ?? { role: 'none' });
  const result = await fn(tx);
  await sql`select set_config('role', ${role}, true)`.execute(tx);
  return result;
}

/**
 * Service work that ends a user's transaction: the role switches for the rest of it and is not
 * switched back (the transaction ends with it, SET LOCAL). One round trip fewer than `asService`
 * and two fewer than before; only for the last statements before COMMIT.
 */
export async function finishAsService<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  await sql`select set_config('role', 'service_role', true)`.execute(tx);
  return fn(tx);
}
