// The size cap on tRPC request bodies. The fetch adapter reads a body whole, so a huge one would
// be buffered before anything could refuse it; here it is read up to the cap and refused with a
// 413 in tRPC's own error shape, as the REST adapter refuses with a problem document.
import { readLimited } from './rest/read-limited';

function tooLarge(maxBytes: number): Response {
  const message = `The request body must be at most ${maxBytes} bytes.`;
  const error = {
    message,
    code: -32600,
    data: {
      code: 'PAYLOAD_TOO_LARGE',
      httpStatus: 413,
      path: null,
      reason: 'payload_too_large',
      requestId: null,
      retryAfterSeconds: null,
      zodError: null,
    },
  };
  return Response.json({ error }, { status: 413 });
}

/** The request with its body read (at most `maxBytes`), or the 413 that refuses it. */
export async function boundBody(request: Request, maxBytes: number): Promise<Request | Response> {
  if (request.method !== 'POST' || !request.body) return request;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return tooLarge(maxBytes);
  const body = await readLimited(request, maxBytes);
  if (body === null) return tooLarge(maxBytes);
  return new Request(request, { body, duplex: 'half' } as RequestInit);
}
