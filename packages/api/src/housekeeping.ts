// The periodic sweep of service bookkeeping that would otherwise grow for ever: idempotency keys
// past their expiry, webhook deliveries older than their replay window, uploads never sent, and
// stored files whose rows are gone. Every process runs it;
// the deletes are idempotent, so two sweeps at once do no harm.
import {
  type Database,
  purgeExpiredIdempotencyKeys,
  purgeWebhookDeliveries,
  withService,
} from '@zatten/db';
import type { AttachmentService } from './attachments/service';
import type { Logger } from './logger';

export interface HousekeepingResult {
  idempotencyKeys: number;
  webhookDeliveries: number;
  /** Uploads never sent within their window (issue 16). */
  unsentAttachments: number;
  /** Stored files deleted because their chat, user or upload is gone. */
  storedObjects: number;
}

export async function sweepOnce(
  database: Database,
  options: { webhookRetentionMs: number; attachments?: AttachmentService },
): Promise<HousekeepingResult> {
  const bookkeeping = await withService(database, async (tx) => ({
    idempotencyKeys: await purgeExpiredIdempotencyKeys(tx),
    webhookDeliveries: await purgeWebhookDeliveries(tx, options.webhookRetentionMs),
  }));
  const files = options.attachments
    ? await options.attachments.sweep()
    : { unsentAttachments: 0, storedObjects: 0 };
  return { ...bookkeeping, ...files };
}

/** Sweeps now and every `intervalMs`; returns the function that stops it. */
export function startHousekeeping(
  database: Database,
  logger: Logger,
  options: { intervalMs: number; webhookRetentionMs: number; attachments?: AttachmentService },
): () => void {
  const run = () =>
    sweepOnce(database, options).then(
      (purged) => {
        if (Object.values(purged).some(Boolean)) logger.info('purged', { ...purged });
      },
      (error: unknown) => logger.warn('housekeeping sweep failed', { error }),
    );
  void run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
