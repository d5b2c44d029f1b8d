// REST for other systems: POST /api/v1/attachments/{id}/confirm checks an uploaded file.
import { handleConfirmUpload } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

export async function POST(
  request: Request,
  { params }: RouteContext<'/api/v1/attachments/[id]/confirm'>,
): Promise<Response> {
  const { id } = await params;
  return handleConfirmUpload(request, getApiServices(), id);
}
