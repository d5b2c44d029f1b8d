// tRPC's SSE producer (resolveResponse's sseStreamProducer) enqueues each event as three or four
// strings (`data: …`, `id: …`, the blank line), each encoded to a chunk of its own, and the server
// (Next's piping, node:http) writes every chunk down to the socket separately. One streamed frame
// thus cost several writes; here the pieces of a frame leave as one chunk, so it costs one. The
// bytes are unchanged: only where the chunks are cut.
const NEWLINE = 10;

function endsFrame(chunk: Uint8Array): boolean {
  const n = chunk.byteLength;
  return n >= 2 && chunk[n - 1] === NEWLINE && chunk[n - 2] === NEWLINE;
}

function joined(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** The same response, an event stream's frames re-cut into one chunk each; others as they are. */
export function oneChunkPerFrame(response: Response): Response {
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    return response;
  }
  let parts: Uint8Array[] = [];
  let size = 0;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        parts.push(chunk);
        size += chunk.byteLength;
        // A frame ends with a blank line; JSON data never holds a raw newline.
        if (endsFrame(chunk)) {
          controller.enqueue(joined(parts, size));
          parts = [];
          size = 0;
        }
      },
      flush(controller) {
        if (size) controller.enqueue(joined(parts, size));
      },
    }),
  );
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

// tRPC's SSE bytes (sseStreamProducer in @trpc/server 11), for the streams served beside its
// pipeline (user-events-stream.ts, message-stream.ts): httpSubscriptionLink reads them unchanged.
const encoder = new TextEncoder();

/** tRPC's first frame: `connected` with the client options (none are configured). */
export const CONNECTED_FRAME = encoder.encode('event: connected\ndata: {}\n\n\n');

/** tRPC's last frame when the procedure's generator returns. */
export const RETURN_FRAME = encoder.encode('event: return\ndata: \n\n\n');

/** tRPC's response headers for an SSE subscription (sseHeaders). */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
} as const;

/** `yield tracked(id, data)` as tRPC frames it: the data line, the id line, the blank line. */
export function trackedFrame(id: string, data: unknown): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(data)}\nid: ${id}\n\n\n`);
}

/**
 * `tracked(id, { type: 'delta', text })`, the frame of a streamed reply: the same bytes as
 * trackedFrame, built without the event object.
 */
export function deltaFrame(id: string, text: string): Uint8Array {
  return encoder.encode(`data: {"type":"delta","text":${JSON.stringify(text)}}\nid: ${id}\n\n\n`);
}
