// API keys act for the whole installation, so only administrators manage them.
import type { TRPCRouterRecord } from '@trpc/server';
import { createApiKey, listApiKeys, revokeApiKey, withService } from '@zatten/db';
import { z } from 'zod';
import { apiKeyCreateInput, idSchema } from '../schemas';
import { adminProcedure } from '../trpc';

export const apiKeyRouter = {
  /** The secret is in this response only; it is stored as a hash. */
  create: adminProcedure
    .input(apiKeyCreateInput)
    .mutation(({ ctx, input }) =>
      withService(ctx.services.database, (tx) =>
        createApiKey(tx, { name: input.name, scopes: input.scopes, createdBy: ctx.userId }),
      ),
    ),
  list: adminProcedure.query(({ ctx }) =>
    withService(ctx.services.database, (tx) => listApiKeys(tx)),
  ),
  revoke: adminProcedure.input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const revoked = await withService(ctx.services.database, (tx) => revokeApiKey(tx, input.id));
    ctx.services.apiKeys.forget(input.id);
    return revoked;
  }),
} satisfies TRPCRouterRecord;
