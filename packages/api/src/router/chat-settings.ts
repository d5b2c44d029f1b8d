// Per-chat settings: which assistant answers next (the picker in an open chat) and whether the
// person's own instructions apply in it. RLS scopes both to the caller's chats; the database
// refuses an assistant the caller may not use.
import type { TRPCRouterRecord } from '@trpc/server';
import { requireChat, setChatAssistant, setChatPersonalInstructions, withUser } from '@zatten/db';
import { z } from 'zod';
import { idSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

export const chatSettingsRouter = {
  /** The chat's next reply uses this assistant; earlier replies keep theirs. */
  setAssistant: protectedProcedure
    .input(z.object({ chatId: idSchema, assistantId: idSchema }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, async (tx) => {
        await requireChat(tx, input.chatId);
        return setChatAssistant(tx, input.chatId, input.assistantId);
      }),
    ),

  setPersonalInstructions: protectedProcedure
    .input(z.object({ chatId: idSchema, enabled: z.boolean() }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, async (tx) => {
        await setChatPersonalInstructions(tx, input.chatId, input.enabled);
        return requireChat(tx, input.chatId);
      }),
    ),
} satisfies TRPCRouterRecord;
