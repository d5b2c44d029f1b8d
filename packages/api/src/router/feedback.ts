// Thumbs up or down on a reply (issue 17). One rating per person and reply: giving the other thumb
// changes it, `null` clears it. RLS scopes both procedures to the caller; the database refuses
// feedback on someone else's reply or on one still being written.
import type { TRPCRouterRecord } from '@trpc/server';
import { feedbackInChat, requireChat, setFeedback, withUser } from '@zatten/db';
import { z } from 'zod';
import { idSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

export const feedbackRouter = {
  set: protectedProcedure
    .input(z.object({ messageId: idSchema, rating: z.enum(['up', 'down']).nullable() }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) =>
        setFeedback(tx, { userId: ctx.userId, messageId: input.messageId, rating: input.rating }),
      ),
    ),

  /** The caller's ratings in one chat, by reply id. */
  inChat: protectedProcedure.input(z.object({ chatId: idSchema })).query(({ ctx, input }) =>
    withUser(ctx.services.database, ctx.userId, async (tx) => {
      await requireChat(tx, input.chatId);
      return feedbackInChat(tx, ctx.userId, input.chatId);
    }),
  ),
} satisfies TRPCRouterRecord;
