// Assistants a chat can talk to.
import type { TRPCRouterRecord } from '@trpc/server';
import { listAssistants, withUser } from '@zatten/db';
import { protectedProcedure } from '../trpc';

export const assistantRouter = {
  list: protectedProcedure.query(async ({ ctx }) => {
    const rows = await withUser(ctx.services.database, ctx.userId, (tx) => listAssistants(tx));
    // Instructions are configuration, not something the chat list needs to ship.
    return rows.map(({ instructions: _instructions, ...assistant }) => assistant);
  }),
} satisfies TRPCRouterRecord;
