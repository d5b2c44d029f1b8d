// `events.user` served beside tRPC's subscription pipeline rather than through it, for the one case
// that fans out: a signed-in person's healthy stream. tRPC would serialise each event once per
// subscriber (JSON.stringify, several enqueues, a TextEncoderStream per stream); here an event is
// encoded once, on first use, and the same bytes are written to every stream of its topic.
//
// The bytes are tRPC's own SSE wire format (sseStreamProducer in @trpc/server 11: a `connected`
// frame, then `data:` + `id:` per tracked event), so httpSubscriptionLink reads them unchanged and
// resumes with the same `lastEventId`. Everything that is not the healthy case (no relay, bad
// input, a batch, no person, a failed lookup, the stream caps) is left to tRPC, which answers it
// exactly as before: this function then returns null before it has changed anything.
import type { RealtimeEvent } from '@zatten/db';
import { userTopic } from '@zatten/db';
import { provisionUser } from './auth/provision';
import { createRequestContext, type SessionResolver } from './context';
import { userEventsInput } from './router/events';
import type { ApiServices } from './services';

const encoder = new TextEncoder();

/** tRPC's first frame: `connected` with the client options (none are configured). */
const CONNECTED = encoder.encode('event: connected\ndata: {}\n\n\n');

/** tRPC's response headers for an SSE subscription (sseHeaders). */
const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
} as const;

// The relay hands one event object to every listener of its topic, so the first stream to write
// an event encodes it and the others reuse the bytes; the entry goes with the object.
const frames = new WeakMap<RealtimeEvent, Uint8Array>();

/** The event as tRPC frames `tracked(event.id, { event, payload })`. */
export function userEventFrame(event: RealtimeEvent): Uint8Array {
  let frame = frames.get(event);
  if (!frame) {
    const data = JSON.stringify({ event: event.event, payload: event.payload });
    frame = encoder.encode(`data: ${data}\nid: ${event.id}\n\n\n`);
    frames.set(event, frame);
  }
  return frame;
}

/** The procedure's input as tRPC reads it: `?input=` JSON, with the Last-Event-ID merged in. */
export function rawInput(request: Request, url: URL): { ok: true; value: unknown } | { ok: false } {
  let value: unknown;
  const query = url.searchParams.get('input');
  if (query) {
    try {
      value = JSON.parse(query);
    } catch {
      return { ok: false };
    }
  }
  const lastEventId =
    request.headers.get('last-event-id') ??
    url.searchParams.get('lastEventId') ??
    url.searchParams.get('Last-Event-Id');
  if (lastEventId) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      value = { ...value, lastEventId };
    } else {
      value ??= { lastEventId };
    }
  }
  return { ok: true, value };
}

/**
 * The healthy `GET <endpoint>/events.user` as a stream of pre-encoded frames, or null for tRPC to
 * answer (anything else, every refusal included).
 */
export async function serveUserEvents(
  request: Request,
  options: { services: ApiServices; endpoint: string; resolveSession?: SessionResolver },
): Promise<Response | null> {
  const { services } = options;
  const relay = services.relay;
  if (request.method !== 'GET' || !relay) return null;
  const url = new URL(request.url);
  if (url.pathname !== `${options.endpoint}/events.user` || url.searchParams.has('batch')) {
    return null;
  }
  const raw = rawInput(request, url);
  if (!raw.ok) return null;
  const input = userEventsInput.safeParse(raw.value);
  if (!input.success) return null;

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

  let release: () => void;
  try {
    release = services.streams.take(userId);
  } catch {
    return null;
  }

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  let unsubscribe: () => void = () => {};
  const end = () => {
    if (!open) return;
    open = false;
    request.signal.removeEventListener('abort', onAbort);
    unsubscribe();
    release();
  };
  const onAbort = () => {
    end();
    try {
      controller.close();
    } catch {
      // Already closed or cancelled.
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(CONNECTED);
    },
    cancel: end,
  });
  try {
    // Events owed to a resuming stream arrive during this call, after the connected frame.
    unsubscribe = await relay.subscribe(
      userTopic(userId),
      (event) => {
        if (open) controller.enqueue(userEventFrame(event));
      },
      { sinceId: input.data?.lastEventId ?? undefined },
    );
  } catch {
    end();
    return null;
  }
  if (request.signal.aborted) onAbort();
  else request.signal.addEventListener('abort', onAbort);
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
