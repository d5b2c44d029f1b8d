// Users exist in our database from their first authenticated request (a Clerk webhook that
// arrives late, or never, is harmless). Re-synced at most every few minutes per process.

import { TRPCError } from '@trpc/server';
import { DataError, getUser, type UserRow, upsertUser, withService, withUser } from '@zatten/db';
import type { ApiServices } from '../services';
import type { Actor } from './actor';
import { fetchClerkProfile } from './clerk';

const RESYNC_MS = 5 * 60 * 1000;
const synced = new WeakMap<ApiServices, Map<string, { at: number; user: UserRow }>>();

export async function provisionUser(
  services: ApiServices,
  actor: Extract<Actor, { kind: 'user' }>,
): Promise<UserRow> {
  let cache = synced.get(services);
  if (!cache) {
    cache = new Map();
    synced.set(services, cache);
  }
  const hit = cache.get(actor.userId);
  if (hit && Date.now() - hit.at < RESYNC_MS) return hit.user;

  const provision = async (): Promise<UserRow> => {
    // A profile in the token or cookie is the newest: write it. Without one, a known user stays
    // as stored, and a new one is looked up at Clerk.
    if (!actor.profile) {
      const known = await withUser(services.database, actor.userId, (tx) =>
        getUser(tx, actor.userId),
      );
      if (known) return known;
    }
    const profile = actor.profile ?? (await fetchClerkProfile(services.env, actor.userId));
    if (!profile) {
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'The session does not say who you are (no email). Sign in again.',
      });
    }
    // Identity comes from a verified Clerk token or signed cookie, not from the user: it is
    // written on the service path (users may not write their own email).
    return withService(services.database, (tx) => upsertUser(tx, { id: actor.userId, ...profile }));
  };
  let user: UserRow;
  try {
    user = await provision();
  } catch (error) {
    // A person's first requests arrive together: two inserts of the same new row race, and the
    // loser trips the email index (not the id it would have merged on). Once the winner has
    // committed, a second attempt merges; a real clash with another user fails again.
    if (!(error instanceof DataError && error.reason === 'email_taken')) throw error;
    user = await provision();
  }
  cache.set(actor.userId, { at: Date.now(), user });
  if (cache.size > 10_000) cache.clear();
  return user;
}

export function forgetUser(services: ApiServices, userId: string): void {
  synced.get(services)?.delete(userId);
}

export function isAdmin(services: ApiServices, actor: Actor, user: UserRow): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin') return true;
  const email = user.email.toLowerCase();
  return services.env.ADMIN_EMAILS.some((admin) => admin.toLowerCase() === email);
}
