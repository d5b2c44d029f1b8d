// Calls from other systems, authenticated by an API key.
import type { TRPCRouterRecord } from '@trpc/server';
import { listChats, requireChat, withService } from '@zatten/db';
import { z } from 'zod';
import { DomainError } from '../errors';
import {
  attachmentViewSchema,
  cursorSchema,
  externalUserIdSchema,
  firstMessageSchema,
  idempotencyKeySchema,
  idSchema,
  publicChatSchema,
  serviceCreateChatInput,
  serviceUploadInput,
  uploadGrantSchema,
} from '../schemas';
import { createChatWithMessage, findTargetUser, toPublicChat } from '../services/create-chat';
import { serviceProcedure } from '../trpc';

export const serviceRouter = {
  /** Creates a chat for a user given by id or email; it appears in their open dashboards. */
  createChat: serviceProcedure('chats:create', { chargedInProcedure: true })
    .input(
      z.object({
        chat: serviceCreateChatInput,
        idempotencyKey: idempotencyKeySchema.optional(),
      }),
    )
    .output(
      z.object({
        chat: publicChatSchema,
        replayed: z.boolean(),
        firstMessage: firstMessageSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      createChatWithMessage(ctx.services, ctx.apiKey, ctx.meter, input.chat, input.idempotencyKey),
    ),

  // issue 16: files for a chat's first message, uploaded for a user, then referenced by id.
  /** A signed URL to PUT a file to, for the user given by id or email. */
  requestUpload: serviceProcedure('chats:create')
    .input(serviceUploadInput)
    .output(uploadGrantSchema)
    .mutation(async ({ ctx, input }) => {
      const user = await withService(ctx.services.database, (tx) => findTargetUser(tx, input));
      return ctx.services.attachments.requestUpload(user.id, {
        name: input.name,
        sizeBytes: input.sizeBytes,
        contentType: input.contentType,
      });
    }),

  /** Checks an uploaded file (type from its bytes, real size); refused files are removed. */
  confirmUpload: serviceProcedure('chats:create')
    .input(z.object({ id: idSchema }))
    .output(attachmentViewSchema)
    .mutation(async ({ ctx, input }) => {
      const owner = await withService(ctx.services.database, (tx) =>
        tx
          .selectFrom('attachments')
          .select('user_id')
          .where('id', '=', input.id)
          .executeTakeFirst(),
      );
      if (!owner)
        throw new DomainError('not_found', 'attachment_not_found', 'No attachment with that id.');
      return ctx.services.attachments.confirm(owner.user_id, input.id);
    }),

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

  /** A user's chats, newest activity first, for systems that show or sync them. */
  listChats: serviceProcedure('chats:read')
    .input(
      z
        .object({
          userId: externalUserIdSchema.optional(),
          email: z.email().max(320).optional(),
          limit: z.number().int().min(1).max(100).default(30),
          cursor: cursorSchema,
        })
        .refine((input) => (input.userId === undefined) !== (input.email === undefined), {
          message: 'give exactly one of userId and email',
          path: ['userId'],
        }),
    )
    .output(z.object({ items: z.array(publicChatSchema), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) =>
      withService(ctx.services.database, async (tx) => {
        const user = await findTargetUser(tx, input);
        const page = await listChats(tx, user.id, { limit: input.limit, cursor: input.cursor });
        return {
          items: page.items.map((chat) => toPublicChat(ctx.services, chat)),
          nextCursor: page.nextCursor,
        };
      }),
    ),
} satisfies TRPCRouterRecord;
