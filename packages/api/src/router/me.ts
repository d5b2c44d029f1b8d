// The signed-in person: profile, whether they administer the installation, and the auth mode.
import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure } from '../trpc';

export const meRouter = {
  get: protectedProcedure.query(({ ctx }) => ({
    id: ctx.user.id,
    email: ctx.user.email,
    name: ctx.user.name,
    imageUrl: ctx.user.image_url,
    isAdmin: ctx.isAdmin,
    via: ctx.actor.via,
  })),
} satisfies TRPCRouterRecord;
