// The two ways into the data: as a user, under Row Level Security exactly as PostgREST runs a
// request (role `authenticated`, claims in `request.jwt.claims`), or as the service, explicitly.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './client';
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

export function isConnectionLost(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && CONNECTION_LOST.has(code)) return true;
  // node-postgres reports a socket closed under a query without a code.
  return typeof message === 'string' && /Connection terminated/i.test(message);
}

async function transaction<T>(
  database: Database,
  setup: ReturnType<typeof sql>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.db.transaction().execute(async (tx) => {
        await setup.execute(tx);
        return fn(tx);
      });
    } catch (error) {
      if (attempt >= 2 || !isConnectionLost(error)) throw error;
    }
  }
}

/** Runs `fn` in a transaction that RLS scopes to `userId`. */
export async function withUser<T>(
  database: Database,
  userId: string | UserClaims,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const claims: UserClaims =
    typeof userId === 'string' ? { sub: userId, role: 'authenticated' } : userId;
  return transaction(
    database,
    sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
               set_config('role', 'authenticated', true)`,
    fn,
  );
}

/**
 * Service work that acts across users (REST create for another user, webhooks, the assistant run
 * writing its progress). RLS is bypassed deliberately, as Supabase's service_role does.
 */
export async function withService<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(database, sql`select set_config('role', 'service_role', true)`, fn);
}

export type Executor = Kysely<DB> | Tx;

/**
 * Service work inside a user's transaction (e.g. leasing the reply that transaction creates), so
 * both commit or neither does. The role switches back before `fn`'s result is returned.
 */
export async function asService<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { role } = await sql<{ role: string }>`select current_setting('role') as role`
    .execute(tx)
    .then((result) => result.rows[0] ?? { role: 'none' });
  await sql`select set_config('role', 'service_role', true)`.execute(tx);
  const result = await fn(tx);
  await sql`select set_config('role', ${role}, true)`.execute(tx);
  return result;
}
