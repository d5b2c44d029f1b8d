// Idempotency for the REST API. The first request with a key claims it inside the transaction
// that does the work; a concurrent repeat blocks on the claim's row until that transaction ends,
// then replays its result, so a key never does the work twice.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Json } from '../database.types';
import type { Executor } from '../scope';

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: Json }
  | { kind: 'mismatch' };

export function hashRequest(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Must run in the same transaction as the work and `completeIdempotency`. */
export async function claimIdempotencyKey(
  tx: Executor,
  input: { apiKeyId: string; key: string; requestHash: string },
): Promise<IdempotencyClaim> {
  // An expired record no longer binds its key.
  await tx
    .deleteFrom('idempotency_keys')
    .where('api_key_id', '=', input.apiKeyId)
    .where('key', '=', input.key)
    .where('expires_at', '<', sql<string>`now()`)
    .execute();
  const inserted = await tx
    .insertInto('idempotency_keys')
    .values({ api_key_id: input.apiKeyId, key: input.key, request_hash: input.requestHash })
    .onConflict((oc) => oc.columns(['api_key_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { kind: 'claimed' };
  const existing = await tx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body'])
    .where('api_key_id', '=', input.apiKeyId)
    .where('key', '=', input.key)
    .executeTakeFirstOrThrow();
  if (existing.request_hash !== input.requestHash) return { kind: 'mismatch' };
  return {
    kind: 'replay',
    status: existing.response_status ?? 500,
    body: existing.response_body ?? null,
  };
}

export async function completeIdempotencyKey(
  tx: Executor,
  input: { apiKeyId: string; key: string; status: number; body: Json },
): Promise<void> {
  await tx
    .updateTable('idempotency_keys')
    .set({ response_status: input.status, response_body: input.body })
    .where('api_key_id', '=', input.apiKeyId)
    .where('key', '=', input.key)
    .execute();
}

export async function purgeExpiredIdempotencyKeys(tx: Executor): Promise<number> {
  const result = await tx
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<', sql<string>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
