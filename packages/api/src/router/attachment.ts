// Files in chats (issue 16): ask for an upload URL (the browser PUTs the bytes straight to the
// store), confirm the upload (the server reads it: type from magic bytes, real size), remove an
// unsent one, list a chat's files and read the limits. Sending them is message.send's
// `attachmentIds`. Every write is rate limited (uploads per minute, on top of writes).
import type { TRPCRouterRecord } from '@trpc/server';
import { attachmentsOfChat, requireChat, withUser } from '@zatten/db';
import { z } from 'zod';
import { consumeOrRefuse } from '../rate-limits';
import { attachmentRequestInput, idSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

export const attachmentRouter = {
  /** The limits the composer shows and checks before uploading. */
  limits: protectedProcedure.query(({ ctx }) => {
    const { settings } = ctx.services.attachments;
    return {
      maxFileBytes: settings.maxFileBytes,
      maxFilesPerMessage: settings.maxFilesPerMessage,
      quotaBytesPerUser: settings.quotaBytesPerUser,
    };
  }),

  /** A pending attachment and the signed URL its bytes go to (valid two hours, one upload). */
  requestUpload: protectedProcedure
    .input(attachmentRequestInput)
    .mutation(async ({ ctx, input }) => {
      await consumeOrRefuse(
        ctx.services.rateLimits.uploads,
        ctx.userId,
        (seconds) => `You are uploading files too fast. Try again in ${seconds} s.`,
      );
      return ctx.services.attachments.requestUpload(ctx.userId, input);
    }),

  /** Checks the uploaded bytes; a refused type or size removes the file. */
  confirm: protectedProcedure
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => ctx.services.attachments.confirm(ctx.userId, input.id)),

  /** Removes a file not sent yet (and its stored bytes). */
  remove: protectedProcedure.input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    await ctx.services.attachments.remove(ctx.userId, input.id);
    return { id: input.id };
  }),

  /** The files sent in a chat, each with a short-lived download URL. */
  list: protectedProcedure.input(z.object({ chatId: idSchema })).query(async ({ ctx, input }) => {
    const rows = await withUser(ctx.services.database, ctx.userId, async (tx) => {
      await requireChat(tx, input.chatId);
      return attachmentsOfChat(tx, input.chatId);
    });
    return Promise.all(rows.map((row) => ctx.services.attachments.view(row)));
  }),
} satisfies TRPCRouterRecord;
