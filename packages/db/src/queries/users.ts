// Users, keyed by the Clerk user id and kept in step with Clerk (first request and webhooks).
import { conflict, isUniqueViolation, notFound } from '../errors';
import type { UserRow } from '../schema';
import type { Executor } from '../scope';

export interface UserProfile {
  id: string;
  email: string;
  name: string | null;
  imageUrl: string | null;
}

const userColumns = ['id', 'email', 'name', 'image_url', 'created_at', 'updated_at'] as const;

export async function upsertUser(tx: Executor, profile: UserProfile): Promise<UserRow> {
  try {
    return await tx
      .insertInto('users')
      .values({
        id: profile.id,
        email: profile.email,
        name: profile.name,
        image_url: profile.imageUrl,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          email: eb.ref('excluded.email'),
          name: eb.ref('excluded.name'),
          image_url: eb.ref('excluded.image_url'),
        })),
      )
      .returning(userColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_lower_key')) {
      throw conflict('email_taken', `Another user already has the email ${profile.email}.`, error);
    }
    throw error;
  }
}

export async function getUser(tx: Executor, id: string): Promise<UserRow | undefined> {
  return tx.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(tx: Executor, email: string): Promise<UserRow | undefined> {
  return tx
    .selectFrom('users')
    .select(userColumns)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function requireUser(tx: Executor, id: string): Promise<UserRow> {
  const user = await getUser(tx, id);
  if (!user) throw notFound('user_not_found', `No user has the id ${id}.`);
  return user;
}

/** Removes a user and, by cascade, their chats and messages. Returns whether one existed. */
export async function deleteUser(tx: Executor, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
