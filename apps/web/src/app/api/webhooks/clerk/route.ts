// Clerk webhooks (user.created/updated/deleted), verified by their Svix signature.
import { handleClerkWebhook } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleClerkWebhook(request, getApiServices());
}
