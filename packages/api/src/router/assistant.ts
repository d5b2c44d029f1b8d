// Assistants a person can talk to, and the names of those their chats used.
import type { TRPCRouterRecord } from '@trpc/server';
import { getAssistantsByIds, listAssistants, withUser } from '@zatten/db';
import { z } from 'zod';
import { idSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

export const assistantRouter = {
  /** The assistants the caller may use now; never their instructions (nor whom they admit). */
  list: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.services.database, ctx.userId, (tx) => listAssistants(tx, ctx.userId)),
  ),

  /**
   * Assistants by id, archived ones included, so an old chat still names the assistant each
   * reply came from. RLS shows only assistants the caller may use or one of their chats used.
   */
  byIds: protectedProcedure
    .input(z.object({ ids: z.array(idSchema).max(50) }))
    .query(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) => getAssistantsByIds(tx, input.ids)),
    ),
} satisfies TRPCRouterRecord;
