// Calls from other systems, authenticated by an API key.
import type { TRPCRouterRecord } from '@trpc/server';
import { requireChat, withService } from '@zatten/db';
import { z } from 'zod';
import {
  idempotencyKeySchema,
  idSchema,
  publicChatSchema,
  serviceCreateChatInput,
} from '../schemas';
import { createChatForUser, toPublicChat } from '../services/create-chat';
import { serviceProcedure } from '../trpc';

export const serviceRouter = {
  /** Creates a chat for a user given by id or email; it appears in their open dashboards. */
  createChat: serviceProcedure('chats:create')
    .input(
      z.object({
        chat: serviceCreateChatInput,
        idempotencyKey: idempotencyKeySchema.optional(),
      }),
    )
    .output(z.object({ chat: publicChatSchema, replayed: z.boolean() }))
    .mutation(({ ctx, input }) =>
      createChatForUser(ctx.services, ctx.apiKey, input.chat, input.idempotencyKey),
    ),

  /** Reads a chat by id (any user's: API keys act for the installation). */
  getChat: serviceProcedure('chats:read')
    .input(z.object({ id: idSchema }))
    .output(publicChatSchema)
    .query(async ({ ctx, input }) =>
      toPublicChat(
        ctx.services,
        await withService(ctx.services.database, (tx) => requireChat(tx, input.id)),
      ),
    ),
} satisfies TRPCRouterRecord;
