// REST for other systems: POST /api/v1/chats creates a chat for a user (API key, Idempotency-Key).
import { handleCreateChat } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleCreateChat(request, getApiServices());
}
