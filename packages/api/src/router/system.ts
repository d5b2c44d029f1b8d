// What this installation offers, for the UI to adapt to: how people sign in, whether an AI is
// configured, and where live updates come from. Answers anyone; reveals no secret.
import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure } from '../trpc';

export const systemRouter = {
  info: publicProcedure.query(({ ctx }) => ({
    authMode: ctx.services.mode,
    aiConfigured: ctx.services.ai.configured,
    realtime: ctx.services.supabase
      ? {
          mode: 'supabase' as const,
          url: ctx.services.supabase.url,
          anonKey: ctx.services.supabase.anonKey,
        }
      : { mode: 'local' as const },
  })),
} satisfies TRPCRouterRecord;
