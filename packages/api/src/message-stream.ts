// `message.stream` served beside tRPC's subscription pipeline for its usual case: the person's own
// reply running in this process (the follow right after a send). tRPC's path costs, per frame, an
// EventEmitter hop, three async generators (follow, coalesceDeltas, the procedure), a
// `JSON.stringify`, several enqueues and a TextEncoderStream, then sse-frames.ts's re-cutting; here
// the run cuts its deltas into frames once and writes the same pre-encoded bytes to every follower
// (RunManager.attach), one enqueue per frame.
//
// The bytes are tRPC's own SSE wire format (sse-frames.ts), with the same events and ids as the
// procedure, so httpSubscriptionLink reads them unchanged and resumes with the same `lastEventId`.
// Every other case (bad input, a batch, no person, a reply not running here, one already ended,
// the stream caps) is left to tRPC, which answers it exactly as before: this function then returns
// null before it has changed anything.
import { provisionUser } from './auth/provision';
import { createRequestContext, type SessionResolver } from './context';
import { messageStreamInput } from './router/message';
import type { ApiServices } from './services';
import { CONNECTED_FRAME, RETURN_FRAME, SSE_HEADERS } from './sse-frames';
import { rawInput } from './user-events-stream';

/**
 * The healthy `GET <endpoint>/message.stream` as a stream of pre-encoded frames, or null for
 * tRPC to answer.
 */
export async function serveMessageStream(
  request: Request,
  options: { services: ApiServices; endpoint: string; resolveSession?: SessionResolver },
): Promise<Response | null> {
  const { services } = options;
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.pathname !== `${options.endpoint}/message.stream` || url.searchParams.has('batch')) {
    return null;
  }
  const raw = rawInput(request, url);
  if (!raw.ok) return null;
  const input = messageStreamInput.safeParse(raw.value);
  if (!input.success) return null;
  const { messageId, lastEventId } = input.data;
  // Cheap before the session check: most follows of a reply not running here go to tRPC anyway.
  if (!services.runs.isRunningHere(messageId)) return null;

  let userId: string;
  try {
    const { actor } = await createRequestContext({
      services,
      request,
      resolveSession: options.resolveSession,
    });
    if (actor.kind !== 'user') return null;
    await provisionUser(services, actor);
    userId = actor.userId;
  } catch {
    return null;
  }
  if (!services.runs.isRunningHereFor(messageId, userId)) return null;

  let release: () => void;
  try {
    release = services.streams.take(userId);
  } catch {
    return null;
  }

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  let detach: () => void = () => {};
  const end = () => {
    if (!open) return;
    open = false;
    request.signal.removeEventListener('abort', onAbort);
    detach();
    release();
  };
  const close = () => {
    end();
    try {
      controller.close();
    } catch {
      // Already closed or cancelled.
    }
  };
  const onAbort = close;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(CONNECTED_FRAME);
    },
    cancel: end,
  });
  // The run writes from its own loop: a write here never throws into it.
  const attached = services.runs.attach(
    messageId,
    userId,
    { lastEventId },
    {
      write(frame) {
        if (!open) return;
        try {
          controller.enqueue(frame);
        } catch {
          end();
        }
      },
      end() {
        if (!open) return;
        try {
          controller.enqueue(RETURN_FRAME);
        } catch {
          // Cancelled meanwhile.
        }
        close();
      },
    },
  );
  if (!attached) {
    // Ended between the check and here: tRPC answers from the run's outcome.
    open = false;
    release();
    return null;
  }
  detach = attached;
  if (request.signal.aborted) onAbort();
  else request.signal.addEventListener('abort', onAbort);
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
