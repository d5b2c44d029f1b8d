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

/** Runs `fn` in a transaction that RLS scopes to `userId`. */
export async function withUser<T>(
  database: Database,
  userId: string | UserClaims,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const claims: UserClaims =
    typeof userId === 'string' ? { sub: userId, role: 'authenticated' } : userId;
  return database.db.transaction().execute(async (tx) => {
    await sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                     set_config('role', 'authenticated', true)`.execute(tx);
    return fn(tx);
  });
}

/**
 * Service work that acts across users (REST create for another user, webhooks, the assistant run
 * writing its progress). RLS is bypassed deliberately, as Supabase's service_role does.
 */
export async function withService<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (tx) => {
    await sql`select set_config('role', 'service_role', true)`.execute(tx);
    return fn(tx);
  });
}

export type Executor = Kysely<DB> | Tx;
