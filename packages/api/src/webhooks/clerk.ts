// Clerk webhooks (user.created, user.updated, user.deleted) keep users in step with Clerk. The
// signature is checked with Clerk's verifyWebhook (Standard Webhooks / Svix); a bad signature gets
// 400. A delivery already processed is acknowledged with 2xx and changes nothing: Svix retries a
// delivery whose 2xx was lost, and answering those with errors would make it disable the endpoint.
import { verifyWebhook } from '@clerk/backend/webhooks';
import { deleteUser, recordWebhookDelivery, upsertUser, withService } from '@zatten/db';
import { z } from 'zod';
import { forgetUser } from '../auth/provision';
import { fail } from '../rest/chats';
import { problemResponse } from '../rest/problem';
import type { ApiServices } from '../services';
import { NAME_MAX_CHARS, textProblem } from '../text-rules';

// A signature proves who sent a delivery, not that its payload has the shape we store: it is
// validated too (a malformed payload, or text Postgres refuses, was a 500).
const line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => textProblem(text, 'name') === null, 'must be a line of text');
const clerkEvent = z.object({
  type: line(100).min(1),
  data: z.record(z.string(), z.unknown()),
});
const clerkUser = z.object({
  id: line(128).min(1),
  email_addresses: z
    .array(z.object({ id: z.string().max(200), email_address: z.string() }))
    .max(100)
    .optional(),
  primary_email_address_id: z.string().max(200).nullish(),
  first_name: line(NAME_MAX_CHARS).nullish(),
  last_name: line(NAME_MAX_CHARS).nullish(),
  username: line(NAME_MAX_CHARS).nullish(),
  image_url: line(2048).nullish(),
});
const clerkEmail = z.email().max(320);
const clerkDeleted = z.object({ id: line(128).min(1).optional() });

function invalidPayload(detail: string): Response {
  return problemResponse(400, 'invalid-payload', 'Invalid webhook payload', detail);
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
  const envelope = clerkEvent.safeParse(event);
  if (!envelope.success) return invalidPayload('The event has no type or no data object.');
  const { type } = envelope.data;
  let profile: { id: string; email: string; name: string | null; imageUrl: string | null } | null =
    null;
  let deletedId: string | undefined;
  if (type === 'user.created' || type === 'user.updated') {
    const parsed = clerkUser.safeParse(envelope.data.data);
    if (!parsed.success) return invalidPayload('The user in the event is not valid.');
    const data = parsed.data;
    const email =
      data.email_addresses?.find((e) => e.id === data.primary_email_address_id)?.email_address ??
      data.email_addresses?.[0]?.email_address;
    if (email !== undefined) {
      if (!clerkEmail.safeParse(email).success)
        return invalidPayload("The user's email address is not valid.");
      const name =
        [data.first_name, data.last_name].filter(Boolean).join(' ') || data.username || null;
      profile = { id: data.id, email, name, imageUrl: data.image_url ?? null };
    }
  } else if (type === 'user.deleted') {
    const parsed = clerkDeleted.safeParse(envelope.data.data);
    if (!parsed.success) return invalidPayload('The user in the event is not valid.');
    deletedId = parsed.data.id;
  }
  let outcome: 'replayed' | 'ignored' | 'synced' | 'deleted';
  try {
    outcome = await withService(services.database, async (tx) => {
      if (
        !(await recordWebhookDelivery(tx, { id: deliveryId, source: 'clerk', eventType: type }))
      ) {
        return 'replayed' as const;
      }
      if (type === 'user.created' || type === 'user.updated') {
        if (!profile) return 'ignored' as const;
        await upsertUser(tx, profile);
        return 'synced' as const;
      }
      if (type === 'user.deleted') {
        if (deletedId) await deleteUser(tx, deletedId);
        return 'deleted' as const;
      }
      return 'ignored' as const;
    });
  } catch (error) {
    // A domain refusal (another user has this email: 409) or an unavailable database (503), as
    // every REST route answers them; the delivery is not recorded, so Svix's retry is processed.
    return fail(
      services,
      error,
      request,
      request.headers.get('x-request-id') ?? deliveryId,
      undefined,
    );
  }
  if (outcome === 'replayed') return Response.json({ received: true, outcome });
  const userId = profile?.id ?? deletedId;
  if (userId) forgetUser(services, userId);
  // The person's files: their rows went with the user (cascade), their objects are queued.
  if (outcome === 'deleted') await services.attachments.drainDeletions().catch(() => {});
  return Response.json({ received: true, outcome });
}
