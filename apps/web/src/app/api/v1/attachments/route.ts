// REST for other systems: POST /api/v1/attachments asks for a signed URL to upload a user's file
// (API key with chats:create); see the OpenAPI document.
import { handleRequestUpload } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleRequestUpload(request, getApiServices());
}
