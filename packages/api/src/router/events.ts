// The local realtime relay as a tRPC subscription (SSE): a signed-in person receives the events
// of their own topic `user:<id>` only. Event ids are tracked, so a reconnect sends the last id
// back and resumes from the server's log without gaps.
import { EventEmitter, on } from 'node:events';
import { TRPCError, type TRPCRouterRecord, tracked } from '@trpc/server';
import { type RealtimeEvent, userTopic } from '@zatten/db';
import { z } from 'zod';
import { eventLogIdSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

export const eventsRouter = {
  user: protectedProcedure
    .input(
      z
        .object({
          lastEventId: eventLogIdSchema.nullish(),
        })
        .optional(),
    )
    .subscription(async function* ({ ctx, input, signal }) {
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
        unsubscribe = await relay.subscribe(
          userTopic(ctx.userId),
          (event) => emitter.emit('event', event),
          { sinceId: input?.lastEventId ?? undefined },
        );
        for await (const [event] of on(emitter, 'event', { signal }) as AsyncIterable<
          [RealtimeEvent]
        >) {
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
