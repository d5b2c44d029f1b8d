// Export and import (issue 17). Exports read under the caller's RLS. Imports arrive in batches the
// browser cuts from the file (so each request stays under the tRPC body cap, which answers 413,
// and the page can show progress), are validated with zod (a malformed file is a 400), and are
// written on the service path for the caller, each chat once per source key: importing the same
// file twice creates nothing new. The browser never names the owner; it is always the caller.
import type { TRPCRouterRecord } from '@trpc/server';
import {
  exportChat,
  exportEverything,
  type ImportChat,
  importChats,
  withService,
  withUser,
} from '@zatten/db';
import { z } from 'zod';
import {
  archiveChat,
  buildArchive,
  chatAsJson,
  chatAsMarkdown,
  fromArchive,
} from '../portability/archive';
import { chatGptConversation, fromChatGpt } from '../portability/chatgpt';
import { idSchema } from '../schemas';
import { protectedProcedure } from '../trpc';

/** Chats in one import request (the body cap bounds their size). */
export const IMPORT_BATCH_MAX = 100;
const FALLBACK_TITLE = 'Imported chat';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function store(
  ctx: { services: { database: Parameters<typeof withService>[0] }; userId: string },
  chats: ImportChat[],
  /** Ids of the archive's chats, skipped when the caller already has a chat with that id. */
  ownIds: string[] = [],
) {
  const existing = ownIds.length
    ? await withUser(ctx.services.database, ctx.userId, async (tx) =>
        (await tx.selectFrom('chats').select('id').where('id', 'in', ownIds).execute()).map(
          (c) => c.id,
        ),
      )
    : [];
  const fresh = chats.filter((chat) => !existing.some((id) => chat.sourceKey === `zatten:${id}`));
  const empty = fresh.filter((chat) => chat.messages.length === 0).length;
  const result = await withService(ctx.services.database, (tx) =>
    importChats(
      tx,
      ctx.userId,
      fresh.filter((chat) => chat.messages.length > 0),
    ),
  );
  return {
    imported: result.imported,
    skipped: result.skipped + empty + (chats.length - fresh.length),
    /** Files the imported chats named: their bytes are not in an archive, so none is restored. */
    attachmentsSkipped: result.attachmentsSkipped,
    chatIds: result.chatIds,
  };
}

export const portabilityRouter = {
  exportChat: protectedProcedure
    .input(z.object({ chatId: idSchema, format: z.enum(['markdown', 'json']) }))
    .query(async ({ ctx, input }) => {
      const chat = await withUser(ctx.services.database, ctx.userId, (tx) =>
        exportChat(tx, input.chatId),
      );
      return input.format === 'markdown'
        ? { mimeType: 'text/markdown', content: chatAsMarkdown(chat) }
        : { mimeType: 'application/json', content: JSON.stringify(chatAsJson(chat), null, 2) };
    }),

  exportAll: protectedProcedure.query(async ({ ctx }) => {
    const data = await withUser(ctx.services.database, ctx.userId, (tx) =>
      exportEverything(tx, ctx.userId),
    );
    return { mimeType: 'application/json', content: JSON.stringify(buildArchive(data), null, 2) };
  }),

  importChatGpt: protectedProcedure
    .input(z.object({ conversations: z.array(chatGptConversation).min(1).max(IMPORT_BATCH_MAX) }))
    .mutation(({ ctx, input }) =>
      store(
        ctx,
        input.conversations.map((c) => fromChatGpt(c, FALLBACK_TITLE)),
      ),
    ),

  importArchive: protectedProcedure
    .input(
      z.object({
        format: z.literal('zatten-chat-archive'),
        version: z.literal(1),
        chats: z.array(archiveChat).min(1).max(IMPORT_BATCH_MAX),
      }),
    )
    .mutation(({ ctx, input }) =>
      store(
        ctx,
        input.chats.map((c) => fromArchive(c, FALLBACK_TITLE)),
        input.chats.map((c) => c.id).filter((id) => UUID.test(id)),
      ),
    ),
} satisfies TRPCRouterRecord;
