// REST for files (issue 16): POST /api/v1/attachments asks for a signed upload URL for a user's
// file, POST /api/v1/attachments/{id}/confirm checks it once uploaded; the chat's first message
// then names the file in `message.attachmentIds` (POST /api/v1/chats). Thin adapters over the
// service procedures the typed client calls.
import { randomUUID } from 'node:crypto';
import type { ApiServices } from '../services';
import { callerFor, fail, readJsonBody } from './chats';

export async function handleRequestUpload(
  request: Request,
  services: ApiServices,
): Promise<Response> {
  const requestId = request.headers.get('x-request-id') ?? randomUUID();
  try {
    const caller = await callerFor(services, request, requestId);
    const body = await readJsonBody(request);
    const grant = await caller.service.requestUpload(body as never);
    return Response.json(grant, {
      status: 201,
      headers: { location: `/api/v1/attachments/${grant.attachment.id}` },
    });
  } catch (error) {
    return fail(services, error, request, requestId, undefined);
  }
}

export async function handleConfirmUpload(
  request: Request,
  services: ApiServices,
  id: string,
): Promise<Response> {
  const requestId = request.headers.get('x-request-id') ?? randomUUID();
  try {
    const caller = await callerFor(services, request, requestId);
    return Response.json(await caller.service.confirmUpload({ id }));
  } catch (error) {
    return fail(services, error, request, requestId, undefined);
  }
}
