// Share links (issue 17): a read-only snapshot of a chat's active branch at the time of sharing.
// The link's id is 144 random bits (base64url), the only secret; the public page reads the
// snapshot on the server. The owner lists their links and revokes them (the snapshot is deleted,
// so the link is a 404 at once).
import { randomBytes } from 'node:crypto';
import type { TRPCRouterRecord } from '@trpc/server';
import { createShare, listShares, revokeShare, withUser } from '@zatten/db';
import { z } from 'zod';
import { idSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

/** A share id: 18 random bytes, 24 base64url characters. */
export const shareIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'must be a share id');

export function newShareId(): string {
  return randomBytes(18).toString('base64url');
}

export const shareRouter = {
  create: protectedProcedure
    .input(z.object({ chatId: idSchema }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) =>
        createShare(tx, { userId: ctx.userId, chatId: input.chatId, shareId: newShareId() }),
      ),
    ),

  list: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.services.database, ctx.userId, (tx) => listShares(tx)),
  ),

  revoke: protectedProcedure.input(z.object({ id: shareIdSchema })).mutation(({ ctx, input }) =>
    withUser(ctx.services.database, ctx.userId, async (tx) => {
      await revokeShare(tx, { userId: ctx.userId, shareId: input.id });
      return { id: input.id };
    }),
  ),
} satisfies TRPCRouterRecord;
