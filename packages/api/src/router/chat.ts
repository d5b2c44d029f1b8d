// A person's chats: list (newest activity first, keyset pages, title search), get, create,
// rename, delete. Row Level Security scopes every query to the caller.
import type { TRPCRouterRecord } from '@trpc/server';
import {
  createChat,
  deleteChat,
  getActiveRun,
  listChats,
  renameChat,
  requireChat,
  withUser,
} from '@zatten/db';
import { z } from 'zod';
import { chatCreateInput, chatListInput, chatRenameInput, idSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

const DEFAULT_CHAT_TITLE = 'New chat';

export const chatRouter = {
  list: protectedProcedure.input(chatListInput).query(({ ctx, input }) =>
    withUser(ctx.services.database, ctx.userId, (tx) =>
      listChats(tx, ctx.userId, {
        limit: input.limit,
        cursor: input.cursor,
        search: input.search,
      }),
    ),
  ),

  get: protectedProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) => requireChat(tx, input.id)),
    ),

  create: protectedProcedure.input(chatCreateInput).mutation(({ ctx, input }) =>
    withUser(ctx.services.database, ctx.userId, (tx) =>
      createChat(tx, {
        userId: ctx.userId,
        title: input.title ?? DEFAULT_CHAT_TITLE,
        assistantId: input.assistantId,
        source: 'app',
        titleSource: input.title ? 'user' : 'placeholder',
      }),
    ),
  ),

  rename: protectedProcedure
    .input(chatRenameInput)
    .mutation(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) => renameChat(tx, input.id, input.title)),
    ),

  /** Deletes the chat and stops its reply, wherever it runs (nothing is left to write it to). */
  delete: protectedProcedure.input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const running = await withUser(ctx.services.database, ctx.userId, async (tx) => {
      const active = await getActiveRun(tx, input.id);
      await deleteChat(tx, input.id);
      return active;
    });
    if (running) await ctx.services.runs.abandon([running.id]);
    // The chat's files: rows went with it (cascade) and their objects were queued; delete them
    // now (the housekeeping sweep retries if storage does not answer).
    await ctx.services.attachments
      .drainDeletions()
      .catch((error: unknown) =>
        ctx.services.logger.warn('deleting stored files failed; the sweep retries', { error }),
      );
    return { id: input.id };
  }),
} satisfies TRPCRouterRecord;
