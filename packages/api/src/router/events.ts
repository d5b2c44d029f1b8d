// The local realtime relay as a tRPC subscription (SSE): a signed-in person receives the events
// of their own topic `user:<id>` only. Event ids are tracked, so a reconnect sends the last id
// back and resumes from the server's log without gaps. Over HTTP a healthy stream is served by
// user-events-stream.ts in the same wire format (one encoding per event, not per subscriber);
// this procedure answers every other case, and in-process callers.
import { EventEmitter, on } from 'node:events';
import { TRPCError, type TRPCRouterRecord, tracked } from '@trpc/server';
import { type RealtimeEvent, userTopic } from '@zatten/db';
import { z } from 'zod';
import { eventLogIdSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

/** events.user's input (also read by user-events-stream.ts, which serves its healthy case). */
export const userEventsInput = z
  .object({
    lastEventId: eventLogIdSchema.nullish(),
  })
  .optional();

export const eventsRouter = {
  user: protectedProcedure.input(userEventsInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const relay = ctx.services.relay;
    if (!relay) {
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message: 'Live updates come from Supabase Realtime in this installation.',
      });
    }
    const release = ctx.services.streams.take(ctx.userId);
    const emitter = new EventEmitter();
    let unsubscribe: () => void = () => {};
    try {
      // Listening before subscribing: a resuming subscriber is handed what it missed during
      // subscribe() itself when its topic is already open (another tab), and an emitter drops
      // events nobody listens to yet.
      const events = on(emitter, 'event', { signal }) as AsyncIterable<[RealtimeEvent]>;
      unsubscribe = await relay.subscribe(
        userTopic(ctx.userId),
        (event) => emitter.emit('event', event),
        { sinceId: input?.lastEventId ?? undefined },
      );
      for await (const [event] of events) {
        yield tracked(event.id, { event: event.event, payload: event.payload });
      }
    } catch (error) {
      // The client went away: the subscription simply ends.
      if ((error as Error).name !== 'AbortError') throw error;
    } finally {
      unsubscribe();
      release();
    }
  }),
} satisfies TRPCRouterRecord;
