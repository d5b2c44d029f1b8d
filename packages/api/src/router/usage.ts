// A person's own token usage: this month (or another), by day and by assistant, with the budget
// that applies to them.
import type { TRPCRouterRecord } from '@trpc/server';
import { budgetStatus, monthRange, personalUsage, withService, withUser } from '@zatten/db';
import { z } from 'zod';
import { protectedProcedure } from '../trpc';
import { monthSchema } from './admin/schemas';

export const usageRouter = {
  mine: protectedProcedure.input(z.object({ month: monthSchema })).query(async ({ ctx, input }) => {
    const range = monthRange(input.month);
    const [usage, budget] = await Promise.all([
      withUser(ctx.services.database, ctx.userId, (tx) => personalUsage(tx, ctx.userId, range)),
      // The budget tables are admin-only; the person learns only their own numbers.
      withService(ctx.services.database, (tx) => budgetStatus(tx, ctx.userId)),
    ]);
    return { ...usage, budget };
  }),
} satisfies TRPCRouterRecord;
