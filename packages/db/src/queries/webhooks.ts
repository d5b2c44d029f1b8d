// Webhook deliveries already processed: a delivery id is accepted once.
import { sql } from 'kysely';
import type { Executor } from '../scope';

/** Records a delivery; false when it was recorded before (a replay). */
export async function recordWebhookDelivery(
  tx: Executor,
  delivery: { id: string; source: 'clerk'; eventType: string },
): Promise<boolean> {
  const row = await tx
    .insertInto('webhook_deliveries')
    .values({ id: delivery.id, source: delivery.source, event_type: delivery.eventType })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets deliveries older than `olderThanMs`: Svix stops retrying long before that. */
export async function purgeWebhookDeliveries(tx: Executor, olderThanMs: number): Promise<number> {
  const result = await tx
    .deleteFrom('webhook_deliveries')
    .where('received_at', '<', sql<string>`now() - make_interval(secs => ${olderThanMs / 1000})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
