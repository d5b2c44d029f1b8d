// Webhook deliveries already processed: a delivery id is accepted once.
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
