// Monthly token budgets: the installation default and per-user overrides. The database enforces
// them when a reply starts; these procedures only read and set them.
import type { TRPCRouterRecord } from '@trpc/server';
import {
  findUserByEmail,
  getBudgetSettings,
  setDefaultBudget,
  setUserBudget,
  withService,
} from '@zatten/db';
import { z } from 'zod';
import { DomainError } from '../../errors';
import { adminProcedure } from '../../trpc';
import { tokensSchema } from './schemas';

export const adminBudgetsRouter = {
  get: adminProcedure.query(({ ctx }) =>
    withService(ctx.services.database, (tx) => getBudgetSettings(tx)),
  ),

  /** `null` removes the default: people without an override have no limit. */
  setDefault: adminProcedure
    .input(z.object({ monthlyTokens: tokensSchema.nullable() }))
    .mutation(({ ctx, input }) =>
      withService(ctx.services.database, async (tx) => {
        await setDefaultBudget(tx, input.monthlyTokens, ctx.userId);
        return getBudgetSettings(tx);
      }),
    ),

  /** A number, `null` for no limit, or `'default'` to follow the installation default. */
  setUser: adminProcedure
    .input(
      z.object({
        email: z.email('must be an email address').max(320),
        monthlyTokens: z.union([tokensSchema, z.null(), z.literal('default')]),
      }),
    )
    .mutation(({ ctx, input }) =>
      withService(ctx.services.database, async (tx) => {
        const user = await findUserByEmail(tx, input.email);
        if (!user) {
          throw new DomainError(
            'not_found',
            'user_not_found',
            `Nobody has signed in as ${input.email}.`,
          );
        }
        await setUserBudget(tx, user.id, input.monthlyTokens, ctx.userId);
        return getBudgetSettings(tx);
      }),
    ),
} satisfies TRPCRouterRecord;
