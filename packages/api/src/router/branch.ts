// Branches of a conversation: edit a sent question (a new version beside it, with a new reply),
// switch the branch on screen to another version, and list a message's versions. The chat's
// active leaf remembers the choice, so every tab and device shows the same branch (its change
// travels as a chat event through Realtime).
import type { TRPCRouterRecord } from '@trpc/server';
import {
  appendExchange,
  attachmentsOfMessages,
  lockChat,
  newestTipUnder,
  requireChat,
  requireMessage,
  setActiveLeaf,
  siblingsOf,
  withUser,
} from '@zatten/db';
import { MESSAGE_MAX_CHARS } from '@zatten/db/domain';
import { z } from 'zod';
import { DomainError } from '../errors';
import { attachmentIdsSchema, idSchema } from '../schemas';
import { protectedProcedure } from '../trpc';
import {
  activeAssistant,
  admitRun,
  attachFiles,
  consumeSend,
  prepareRun,
  repeatedExchange,
} from './message';

const contentSchema = z
  .string()
  .refine((text) => text.trim().length > 0, 'must not be empty')
  .refine(
    (text) => text.length <= MESSAGE_MAX_CHARS,
    `must be at most ${MESSAGE_MAX_CHARS} characters`,
  );

export const branchRouter = {
  /**
   * Sends an edited version of a question: a sibling of `messageId` with a new reply under it,
   * which becomes the branch on screen. The earlier version and everything after it stay.
   * Repeating with the same `clientMessageId` returns the same pair instead of editing twice.
   */
  edit: protectedProcedure
    .input(
      z.object({
        messageId: idSchema,
        content: contentSchema,
        clientMessageId: idSchema.optional(),
        /**
         * The new version's files: unset, the original question's files go with it; otherwise
         * exactly these (the original's, by id, and newly uploaded ones).
         */
        attachmentIds: attachmentIdsSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { services, userId } = ctx;
      const repeated = await repeatedExchange(
        services,
        userId,
        input.clientMessageId,
        async (question, tx) => {
          const original = await requireMessage(tx, input.messageId);
          // A repeat is another version beside the original, never the original itself.
          return (
            question.id !== original.id &&
            question.chat_id === original.chat_id &&
            question.parent_id === original.parent_id
          );
        },
      );
      if (repeated) return repeated;
      await consumeSend(services, userId);
      const { pair, run } = await withUser(services.database, userId, async (tx) => {
        const original = await requireMessage(tx, input.messageId);
        if (original.role !== 'user') {
          throw new DomainError(
            'invalid_input',
            'not_editable',
            'Only a message you sent can be edited.',
          );
        }
        // Edits, sends and switches of one chat take turns: none builds on a leaf another moved.
        const chat = await lockChat(tx, original.chat_id);
        // Checked before anything is stored, as for a send.
        const assistant = await activeAssistant(tx, chat.assistant_id);
        await admitRun(services, tx, userId, original.chat_id);
        const pair = await appendExchange(tx, {
          chatId: original.chat_id,
          userId,
          parentId: original.parent_id,
          content: input.content,
          questionId: input.clientMessageId,
        });
        const kept =
          input.attachmentIds ??
          (await attachmentsOfMessages(tx, [original.id])).map((attachment) => attachment.id);
        await attachFiles(services, tx, {
          userId,
          chatId: original.chat_id,
          messageId: pair.userMessage.id,
          attachmentIds: kept,
        });
        // Everything the run needs is resolved in this transaction: nothing is left in flight
        // without a run.
        const run = await prepareRun(services, tx, userId, pair.assistantMessage, {
          chat,
          assistant,
        });
        return { pair, run };
      });
      services.runs.startRun(run);
      return pair;
    }),

  /**
   * Shows the branch through `messageId` (one of a message's versions): its newest continuation
   * becomes the chat's active leaf. Returns the chat with its new leaf.
   */
  switch: protectedProcedure.input(z.object({ messageId: idSchema })).mutation(({ ctx, input }) =>
    withUser(ctx.services.database, ctx.userId, async (tx) => {
      const message = await requireMessage(tx, input.messageId);
      await lockChat(tx, message.chat_id);
      await setActiveLeaf(
        tx,
        message.chat_id,
        await newestTipUnder(tx, message.chat_id, message.id),
      );
      return requireChat(tx, message.chat_id);
    }),
  ),

  /** The versions of a message (itself included), oldest first, and where it is among them. */
  siblings: protectedProcedure.input(z.object({ messageId: idSchema })).query(({ ctx, input }) =>
    withUser(ctx.services.database, ctx.userId, async (tx) => {
      const message = await requireMessage(tx, input.messageId);
      const versions = (await siblingsOf(tx, message.chat_id, [message]))[message.id] ?? [
        message.id,
      ];
      return { ids: versions, index: versions.indexOf(message.id) };
    }),
  ),
} satisfies TRPCRouterRecord;
