// Assistants a chat can talk to.
import type { TRPCRouterRecord } from '@trpc/server';
import { listAssistants, withUser } from '@zatten/db';
import { protectedProcedure } from '../trpc';

export const assistantRouter = {
  list: protectedProcedure.query(({ ctx }) => {
    // Instructions are the operator's configuration: users cannot read that column at all.
    return withUser(ctx.services.database, ctx.userId, (tx) => listAssistants(tx));
  }),
} satisfies TRPCRouterRecord;
