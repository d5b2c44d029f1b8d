// The periodic sweep of service bookkeeping that would otherwise grow for ever: idempotency keys
// past their expiry and webhook deliveries older than their replay window. Every process runs it;
// the deletes are idempotent, so two sweeps at once do no harm.
import {
  type Database,
  purgeExpiredIdempotencyKeys,
  purgeWebhookDeliveries,
  withService,
} from '@zatten/db';
import type { Logger } from './logger';

export interface HousekeepingResult {
  idempotencyKeys: number;
  webhookDeliveries: number;
}

export async function sweepOnce(
  database: Database,
  options: { webhookRetentionMs: number },
): Promise<HousekeepingResult> {
  return withService(database, async (tx) => ({
    idempotencyKeys: await purgeExpiredIdempotencyKeys(tx),
    webhookDeliveries: await purgeWebhookDeliveries(tx, options.webhookRetentionMs),
  }));
}

/** Sweeps now and every `intervalMs`; returns the function that stops it. */
export function startHousekeeping(
  database: Database,
  logger: Logger,
  options: { intervalMs: number; webhookRetentionMs: number },
): () => void {
  const run = () =>
    sweepOnce(database, options).then(
      (purged) => {
        if (purged.idempotencyKeys || purged.webhookDeliveries)
          logger.info('purged', { ...purged });
      },
      (error: unknown) => logger.warn('housekeeping sweep failed', { error }),
    );
  void run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
