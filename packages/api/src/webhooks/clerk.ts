// Clerk webhooks (user.created, user.updated, user.deleted) keep users in step with Clerk. The
// signature is checked with Clerk's verifyWebhook (Standard Webhooks / Svix); a bad signature gets
// 400. A delivery already processed is acknowledged with 2xx and changes nothing: Svix retries a
// delivery whose 2xx was lost, and answering those with errors would make it disable the endpoint.
import { verifyWebhook } from '@clerk/backend/webhooks';
import { deleteUser, recordWebhookDelivery, upsertUser, withService } from '@zatten/db';
import { forgetUser } from '../auth/provision';
import { problemResponse } from '../rest/problem';
import type { ApiServices } from '../services';

interface ClerkUserData {
  id: string;
  email_addresses?: Array<{ id: string; email_address: string }>;
  primary_email_address_id?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  username?: string | null;
  image_url?: string | null;
}

export async function handleClerkWebhook(
  request: Request,
  services: ApiServices,
): Promise<Response> {
  const secret = services.env.CLERK_WEBHOOK_SIGNING_SECRET;
  if (!secret) {
    return problemResponse(
      404,
      'webhooks-disabled',
      'Not found',
      'Clerk webhooks are not configured (CLERK_WEBHOOK_SIGNING_SECRET).',
    );
  }
  const deliveryId = request.headers.get('svix-id') ?? request.headers.get('webhook-id');
  let event: Awaited<ReturnType<typeof verifyWebhook>>;
  try {
    event = await verifyWebhook(request, { signingSecret: secret });
  } catch (error) {
    services.logger.warn('clerk webhook refused', { reason: (error as Error).message });
    return problemResponse(
      400,
      'invalid-signature',
      'Invalid webhook',
      'The webhook signature is not valid.',
    );
  }
  if (!deliveryId) {
    return problemResponse(400, 'invalid-signature', 'Invalid webhook', 'The delivery has no id.');
  }
  const outcome = await withService(services.database, async (tx) => {
    if (
      !(await recordWebhookDelivery(tx, { id: deliveryId, source: 'clerk', eventType: event.type }))
    ) {
      return 'replayed' as const;
    }
    if (event.type === 'user.created' || event.type === 'user.updated') {
      const data = event.data as unknown as ClerkUserData;
      const email =
        data.email_addresses?.find((e) => e.id === data.primary_email_address_id)?.email_address ??
        data.email_addresses?.[0]?.email_address;
      if (!email) return 'ignored' as const;
      const name =
        [data.first_name, data.last_name].filter(Boolean).join(' ') || data.username || null;
      await upsertUser(tx, { id: data.id, email, name, imageUrl: data.image_url ?? null });
      return 'synced' as const;
    }
    if (event.type === 'user.deleted') {
      const id = (event.data as { id?: string }).id;
      if (id) await deleteUser(tx, id);
      return 'deleted' as const;
    }
    return 'ignored' as const;
  });
  if (outcome === 'replayed') return Response.json({ received: true, outcome });
  const userId = (event.data as { id?: string }).id;
  if (userId) forgetUser(services, userId);
  // The person's files: their rows went with the user (cascade), their objects are queued.
  if (outcome === 'deleted') await services.attachments.drainDeletions().catch(() => {});
  return Response.json({ received: true, outcome });
}
