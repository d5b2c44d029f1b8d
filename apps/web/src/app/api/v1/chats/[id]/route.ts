// REST for other systems: GET /api/v1/chats/{id} reads one chat (API key with chats:read).
import { handleGetChat } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  { params }: RouteContext<'/api/v1/chats/[id]'>,
): Promise<Response> {
  const { id } = await params;
  return handleGetChat(request, getApiServices(), id);
}
