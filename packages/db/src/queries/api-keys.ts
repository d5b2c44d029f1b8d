// API keys for other systems. The secret is shown once; only its SHA-256 hash is stored, with a
// short prefix that identifies the key in lists and logs.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../client';
import { notFound } from '../errors';
import type { ApiKeyRow } from '../schema';
import { type Executor, serviceInOneTrip, sqlLiteral } from '../scope';

export const API_KEY_SCOPES = ['chats:create', 'chats:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const KEY_PATTERN = /^zk_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

const apiKeyColumns = [
  'id',
  'name',
  'prefix',
  'scopes',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

export type ApiKeySummary = Omit<ApiKeyRow, 'hash'>;

function hashSecret(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function createApiKey(
  tx: Executor,
  input: { name: string; scopes: ApiKeyScope[]; createdBy: string | null },
): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const prefix = randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 8);
  const key = `zk_${prefix}_${randomBytes(32).toString('base64url')}`;
  const apiKey = await tx
    .insertInto('api_keys')
    .values({
      name: input.name,
      prefix: `zk_${prefix}`,
      hash: hashSecret(key),
      scopes: input.scopes,
      created_by: input.createdBy,
    })
    .returning(apiKeyColumns)
    .executeTakeFirstOrThrow();
  return { key, apiKey };
}

/**
 * The active key a presented secret belongs to, or undefined. The lookup goes by the prefix and
 * the stored hash is compared in constant time; last use is recorded at most once a minute.
 */
/** Every key, newest first, with the email of the admin who created it (for the console). */
export async function listApiKeys(
  tx: Executor,
): Promise<Array<ApiKeySummary & { created_by_email: string | null }>> {
  return tx
    .selectFrom('api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select([
      ...apiKeyColumns.map((column) => `k.${column}` as const),
      'u.email as created_by_email',
    ])
    .orderBy('k.created_at', 'desc')
    .execute();
}

export async function revokeApiKey(tx: Executor, id: string): Promise<ApiKeySummary> {
  const row = await tx
    .updateTable('api_keys')
    .set({ revoked_at: sql<string>`coalesce(revoked_at, now())` })
    .where('id', '=', id)
    .returning(apiKeyColumns)
    .executeTakeFirst();
  if (!row) throw notFound('api_key_not_found', `No API key has the id ${id}.`);
  return row;
}

/**
 * A presented API key's summary, or undefined when it is malformed, unknown or revoked, in one
 * round trip of service work (`serviceInOneTrip`): the lookup and the once-a-minute last use go
 * to the server together, instead of BEGIN, the lookup, the update and COMMIT. The update is guarded by the hash, so only the key's holder records a use; the answer
 * is still decided here, the stored hash compared in constant time. The lookup runs first, so it
 * reads the key before this use is recorded.
 */
export async function verifyApiKeyInOneTrip(
  database: Database,
  presented: string,
): Promise<ApiKeySummary | undefined> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return undefined;
  const prefix = sqlLiteral(`zk_${match[1]}`);
  const hash = hashSecret(presented);
  const [found] = await serviceInOneTrip(database, [
    `select ${apiKeyColumns.join(', ')}, hash from public.api_keys
      where prefix = ${prefix} and revoked_at is null`,
    `update public.api_keys set last_used_at = now()
      where prefix = ${prefix} and revoked_at is null and hash = ${sqlLiteral(hash)}
        and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
  ]);
  const row = found?.rows[0] as ApiKeyRow | undefined;
  if (!row) return undefined;
  if (!timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
  const { hash: _hash, ...summary } = row;
  return summary;
}
