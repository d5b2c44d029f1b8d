// REST for other systems: POST /api/v1/chats creates a chat for a user, GET /api/v1/chats/{id}
// reads one. A thin adapter: it checks what HTTP adds (media type, size, JSON, Idempotency-Key),
// then calls the same implementation the typed client's tRPC procedure calls (the create calls
// it directly, with the procedure's checks in their order, see createChatForApiKey).
import { randomUUID } from 'node:crypto';
import type { ApiKeySummary } from '@zatten/db';
import { createInnerContext, resolveActor } from '../context';
import { DomainError, toTRPCError } from '../errors';
import { createCaller } from '../root';
import { idempotencyKeySchema } from '../schemas';
import type { ApiServices } from '../services';
import { createChatForApiKey } from '../services/create-chat';
import { problemFromTRPCError } from './problem';
import { readLimited } from './read-limited';

export const MAX_BODY_BYTES = 16 * 1024;

/** The request's API key (resolveActor's, from its cache or verified), or 401. */
export async function apiKeyFor(services: ApiServices, request: Request): Promise<ApiKeySummary> {
  const { actor, authError } = await resolveActor(services, request);
  if (actor.kind === 'apiKey') return actor.apiKey;
  throw authError
    ? new DomainError(
        'unauthenticated',
        'unauthenticated',
        'The API key is not valid (unknown or revoked).',
      )
    : new DomainError(
        'unauthenticated',
        'unauthenticated',
        'Send an API key: Authorization: Bearer zk_...',
      );
}

export async function callerFor(services: ApiServices, request: Request, requestId: string) {
  const apiKey = await apiKeyFor(services, request);
  return createCaller(
    createInnerContext({ services, actor: { kind: 'apiKey', apiKey }, requestId }),
  );
}

export function fail(
  services: ApiServices,
  error: unknown,
  request: Request,
  requestId: string,
  stripPath: string | undefined = 'chat',
): Response {
  const mapped = toTRPCError(error);
  if (request.signal.aborted) {
    // The caller closed the connection (its body read failed with it): nobody reads this answer,
    // and a client leaving is not the server failing.
    services.logger.info('REST client went away', { requestId });
  } else if (mapped.code === 'INTERNAL_SERVER_ERROR') {
    services.logger.error('REST request failed', { requestId, error: mapped.cause ?? mapped });
  }
  return problemFromTRPCError(mapped, { requestId, stripPath });
}

/** The request's JSON body: JSON media type, at most MAX_BODY_BYTES, parseable. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new DomainError(
      'unsupported_media_type',
      'unsupported_media_type',
      'Send the body as JSON with Content-Type: application/json.',
    );
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  const text = declared > MAX_BODY_BYTES ? null : await readLimited(request, MAX_BODY_BYTES);
  if (text === null) {
    throw new DomainError(
      'payload_too_large',
      'payload_too_large',
      `The body must be at most ${MAX_BODY_BYTES} bytes.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DomainError(
      'invalid_input',
      'malformed_json',
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

export async function handleCreateChat(request: Request, services: ApiServices): Promise<Response> {
  try {
    const apiKey = await apiKeyFor(services, request);

    const body = await readJsonBody(request);
    const rawKey = request.headers.get('idempotency-key');
    const key = rawKey === null ? undefined : idempotencyKeySchema.safeParse(rawKey);
    if (key && !key.success) {
      throw new DomainError(
        'invalid_input',
        'invalid_idempotency_key',
        'Idempotency-Key must be 1 to 255 printable ASCII characters.',
      );
    }

    const result = await createChatForApiKey(services, apiKey, body, key?.data);
    // With a first message (issue 16), the body also names it and its reply.
    const payload = result.firstMessage
      ? { ...result.chat, firstMessage: result.firstMessage }
      : result.chat;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      location: `/api/v1/chats/${result.chat.id}`,
    };
    if (result.replayed) headers['idempotent-replayed'] = 'true';
    return new Response(JSON.stringify(payload), { status: 201, headers });
  } catch (error) {
    // The body's paths are the schema's own (no `chat.` prefix to strip).
    return fail(services, error, request, requestIdOf(request), undefined);
  }
}

/** The caller's X-Request-Id, or a new one: only errors carry it (in the problem and the log). */
function requestIdOf(request: Request): string {
  return request.headers.get('x-request-id') ?? randomUUID();
}

export async function handleGetChat(
  request: Request,
  services: ApiServices,
  id: string,
): Promise<Response> {
  const requestId = request.headers.get('x-request-id') ?? randomUUID();
  try {
    const caller = await callerFor(services, request, requestId);
    const chat = await caller.service.getChat({ id });
    return Response.json(chat);
  } catch (error) {
    return fail(services, error, request, requestId);
  }
}
