// A person's chats: list (newest activity first, keyset pages, title search), get, create,
// rename, delete. Row Level Security scopes every query to the caller.
import type { TRPCRouterRecord } from '@trpc/server';
import {
  archiveChats,
  createChat,
  deleteChat,
  deleteChats,
  getActiveRun,
  listChatsAs,
  pinChat,
  renameChat,
  requireChat,
  searchChats,
  withUser,
} from '@zatten/db';
import { z } from 'zod';
import { consumeOrRefuse } from '../rate-limits';
import {
  chatArchiveInput,
  chatCreateInput,
  chatIdsSchema,
  chatListInput,
  chatPinInput,
  chatRenameInput,
  chatSearchInput,
  idSchema,
} from '../schemas';
import { protectedProcedure } from '../trpc';

const DEFAULT_CHAT_TITLE = 'New chat';

export const chatRouter = {
  list: protectedProcedure.input(chatListInput).query(({ ctx, input }) =>
    listChatsAs(ctx.services.database, ctx.userId, {
      limit: input.limit,
      cursor: input.cursor,
      search: input.search,
      view: input.view,
    }),
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

  // Issue 17: search inside messages, pin, archive and bulk actions.

  /** Titles and message text, best first, one row per chat with its best message's snippet. */
  search: protectedProcedure.input(chatSearchInput).query(async ({ ctx, input }) => {
    await consumeOrRefuse(
      ctx.services.rateLimits.search,
      ctx.userId,
      (seconds) => `You are searching too fast. Try again in ${seconds} s.`,
    );
    return withUser(ctx.services.database, ctx.userId, (tx) =>
      searchChats(tx, { phrase: input.query, limit: input.limit, cursor: input.cursor }),
    );
  }),

  pin: protectedProcedure
    .input(chatPinInput)
    .mutation(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) => pinChat(tx, input.id, input.pinned)),
    ),

  /** Archives or restores chats, all or none; returns the chats that changed. */
  archive: protectedProcedure
    .input(chatArchiveInput)
    .mutation(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) =>
        archiveChats(tx, input.ids, input.archived),
      ),
    ),

  /** Deletes several chats, all or none, and stops their replies wherever they run. */
  deleteMany: protectedProcedure
    .input(z.object({ ids: chatIdsSchema }))
    .mutation(async ({ ctx, input }) => {
      const { ids, running } = await withUser(ctx.services.database, ctx.userId, async (tx) => {
        const active = [];
        for (const id of new Set(input.ids)) {
          const run = await getActiveRun(tx, id);
          if (run) active.push(run.id);
        }
        return { ids: await deleteChats(tx, input.ids), running: active };
      });
      if (running.length > 0) await ctx.services.runs.abandon(running);
      return { ids };
    }),
} satisfies TRPCRouterRecord;
