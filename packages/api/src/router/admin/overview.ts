// The admin overview: people (search, last active, chats, tokens this month) and the health of
// the installation (database, AI provider, realtime mode), and the thumbs up/down replies got,
// per assistant.
import type { TRPCRouterRecord } from '@trpc/server';
import { feedbackByAssistant, listUsersForAdmin, monthRange, withService } from '@zatten/db';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { listModelsCached } from './models';

export const adminOverviewRouter = {
  users: adminProcedure
    .input(
      z.object({
        search: z.string().trim().max(200).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) =>
      withService(ctx.services.database, (tx) =>
        listUsersForAdmin(tx, { search: input.search, limit: input.limit, range: monthRange() }),
      ),
    ),

  /** Issue 17: thumbs up and down on replies, totalled per assistant that wrote them. */
  feedback: adminProcedure.query(({ ctx }) =>
    withService(ctx.services.database, (tx) => feedbackByAssistant(tx)),
  ),

  health: adminProcedure.query(async ({ ctx }) => {
    const { services } = ctx;
    const started = performance.now();
    const database = await services.database.ping().then(
      () => ({ ok: true, latencyMs: Math.round(performance.now() - started) }),
      (error: unknown) => {
        services.logger.warn('health: database unreachable', { error });
        return { ok: false, latencyMs: null };
      },
    );
    const models = services.ai.configured ? await listModelsCached(services) : null;
    return {
      database,
      ai: {
        configured: services.ai.configured,
        reachable: models?.reachable ?? false,
        checkedAt: models?.fetchedAt ?? null,
      },
      realtime: services.supabase ? ('supabase' as const) : ('local' as const),
      authMode: services.mode,
    };
  }),
} satisfies TRPCRouterRecord;
