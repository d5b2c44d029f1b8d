// Usage for administrators: a month per user and per assistant, and the same as CSV.
import type { TRPCRouterRecord } from '@trpc/server';
import { monthRange, usageByUserAndAssistant, usageReport, withService } from '@zatten/db';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { toCsv } from './csv';
import { monthSchema } from './schemas';

const monthInput = z.object({ month: monthSchema });

export const adminUsageRouter = {
  report: adminProcedure
    .input(monthInput)
    .query(({ ctx, input }) =>
      withService(ctx.services.database, (tx) => usageReport(tx, monthRange(input.month))),
    ),

  /** One row per user and assistant; the browser saves it as a file. */
  csv: adminProcedure.input(monthInput).query(async ({ ctx, input }) => {
    const range = monthRange(input.month);
    const rows = await withService(ctx.services.database, (tx) =>
      usageByUserAndAssistant(tx, range),
    );
    const month = range.from.slice(0, 7);
    return {
      filename: `zatten-usage-${month}.csv`,
      csv: toCsv(
        ['month', 'email', 'assistant', 'replies', 'input_tokens', 'output_tokens', 'total_tokens'],
        rows.map((row) => [
          month,
          row.email,
          row.assistant ?? '',
          row.replies,
          row.inputTokens,
          row.outputTokens,
          row.totalTokens,
        ]),
      ),
    };
  }),
} satisfies TRPCRouterRecord;
