// Messages of a chat and the assistant's replies: list, send, follow a reply as it streams,
// stop it, retry a failed one, regenerate the last one. Replies run on the server (runs/), so
// closing the tab does not stop them.
import { TRPCError, type TRPCRouterRecord, tracked } from '@trpc/server';
import {
  appendExchange,
  appendReply,
  branchTip,
  getMessage,
  listBranch,
  lockChat,
  type MessageRow,
  replyAfter,
  requireChat,
  requireMessage,
  restartReply,
  type Tx,
  withUser,
} from '@zatten/db';
import { MESSAGE_MAX_CHARS } from '@zatten/db/domain';
import { z } from 'zod';
import { DomainError, toTRPCError } from '../errors';
import { consumeOrRefuse } from '../rate-limits';
import { resolveRunParams } from '../runs/branch-input';
import type { StartRun } from '../runs/manager';
import { runAssistant } from '../runs/run-assistant';
import { idSchema, messageListInput } from '../schemas';
import type { ApiServices } from '../services';
import { protectedProcedure } from '../trpc';

export function consumeSend(services: ApiServices, userId: string): Promise<void> {
  return consumeOrRefuse(
    services.rateLimits.send,
    userId,
    (seconds) => `You are sending messages too fast. Try again in ${seconds} s.`,
  );
}

/**
 * Everything a run needs: the branch, chat and reply read under the caller's RLS scope
 * (runs/branch-input); the assistant's configuration (its instructions are not readable by users)
 * on the service path, with the person's own instructions on top (runs/run-assistant).
 */
export async function runParams(
  services: ApiServices,
  userId: string,
  replyId: string,
): Promise<StartRun> {
  const { params, chat, reply } = await withUser(services.database, userId, (tx) =>
    resolveRunParams(tx, userId, replyId),
  );
  return { ...params, assistant: await runAssistant(services, userId, chat, reply) };
}

/** Empties the reply `pick` chooses, puts it back in flight and runs it again. */
async function runAgain(
  services: ApiServices,
  userId: string,
  pick: (tx: Tx) => Promise<MessageRow>,
): Promise<{ assistantMessage: MessageRow }> {
  await consumeSend(services, userId);
  const assistantMessage = await withUser(services.database, userId, async (tx) =>
    restartReply(tx, (await pick(tx)).id),
  );
  services.runs.startRun(await runParams(services, userId, assistantMessage.id));
  return { assistantMessage };
}

export const messageRouter = {
  list: protectedProcedure.input(messageListInput).query(({ ctx, input }) =>
    withUser(ctx.services.database, ctx.userId, async (tx) => {
      await requireChat(tx, input.chatId);
      // The branch on screen (the chat's active leaf and up), with each message's versions.
      return listBranch(tx, input.chatId, { limit: input.limit, cursor: input.cursor });
    }),
  ),

  /** One message, e.g. to refetch a reply whose realtime event carried only a reference. */
  get: protectedProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) =>
      withUser(ctx.services.database, ctx.userId, (tx) => requireMessage(tx, input.id)),
    ),

  /**
   * Stores the person's message and an assistant reply in `streaming` status in one
   * transaction, then runs the reply in the background. Repeating a send with the same
   * `clientMessageId` returns the same pair instead of sending twice.
   */
  send: protectedProcedure
    .input(
      z.object({
        chatId: idSchema,
        content: z
          .string()
          .refine((text) => text.trim().length > 0, 'must not be empty')
          .refine(
            (text) => text.length <= MESSAGE_MAX_CHARS,
            `must be at most ${MESSAGE_MAX_CHARS} characters`,
          ),
        clientMessageId: idSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { services, userId } = ctx;
      if (input.clientMessageId) {
        const repeated = await withUser(services.database, userId, async (tx) => {
          const question = await getMessage(tx, input.clientMessageId ?? '');
          if (!question) return null;
          if (question.chat_id !== input.chatId || question.role !== 'user') {
            throw new DomainError(
              'conflict',
              'message_exists',
              'That message id is already in use.',
            );
          }
          const reply = await replyAfter(tx, question);
          return reply ? { userMessage: question, assistantMessage: reply } : null;
        });
        if (repeated) return repeated;
      }
      await consumeSend(services, userId);
      const pair = await withUser(services.database, userId, async (tx) => {
        const chat = await requireChat(tx, input.chatId);
        // The exchange continues the branch on screen (tree: message-tree.ts in @zatten/db).
        await lockChat(tx, chat.id);
        return appendExchange(tx, {
          chatId: chat.id,
          userId,
          parentId: await branchTip(tx, chat.id),
          content: input.content,
          questionId: input.clientMessageId,
        });
      });
      services.runs.startRun(await runParams(services, userId, pair.assistantMessage.id));
      return pair;
    }),

  /**
   * Follows a reply: the text so far (or the text after `lastEventId`), then live tokens, then
   * the end. Event ids are tracked, so a reconnecting client resumes without gaps or repeats.
   */
  stream: protectedProcedure
    .input(z.object({ messageId: idSchema, lastEventId: z.string().max(32).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      // A generator's errors come after the middleware has returned, so they are mapped here.
      try {
        await withUser(ctx.services.database, ctx.userId, (tx) =>
          requireMessage(tx, input.messageId),
        );
        for await (const item of ctx.services.runs.follow(input.messageId, {
          lastEventId: input.lastEventId,
          signal,
        })) {
          yield tracked(item.id, item.event);
        }
      } catch (error) {
        throw toTRPCError(error);
      }
    }),

  /** Stops a reply, keeping its text so far; works whichever server process runs it. */
  cancel: protectedProcedure
    .input(z.object({ messageId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const message = await withUser(ctx.services.database, ctx.userId, (tx) =>
        requireMessage(tx, input.messageId),
      );
      if (message.role !== 'assistant') {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Only a reply can be stopped.' });
      }
      const { message: ended } = await ctx.services.runs.cancel(message.id);
      return { message: ended ?? message };
    }),

  /** Runs a failed or stopped reply again. */
  retry: protectedProcedure.input(z.object({ messageId: idSchema })).mutation(({ ctx, input }) =>
    runAgain(ctx.services, ctx.userId, async (tx) => {
      const reply = await requireMessage(tx, input.messageId);
      if (reply.status !== 'failed' && reply.status !== 'cancelled') {
        throw new DomainError(
          'conflict',
          'not_retryable',
          'Only a failed or stopped reply can be retried.',
        );
      }
      return reply;
    }),
  ),

  /**
   * Another version of a reply: a sibling of `messageId` (default: the reply at the tip of the
   * branch on screen), answering the same question; the earlier versions stay.
   */
  regenerate: protectedProcedure
    .input(z.object({ chatId: idSchema, messageId: idSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { services, userId } = ctx;
      await consumeSend(services, userId);
      const assistantMessage = await withUser(services.database, userId, async (tx) => {
        await requireChat(tx, input.chatId);
        await lockChat(tx, input.chatId);
        const tip = await branchTip(tx, input.chatId);
        const reply = await getMessage(tx, input.messageId ?? tip ?? '');
        if (reply?.role !== 'assistant' || reply.chat_id !== input.chatId || !reply.parent_id) {
          throw new DomainError(
            'precondition_failed',
            'no_reply',
            'There is no reply to regenerate.',
          );
        }
        return appendReply(tx, { id: reply.parent_id, chat_id: reply.chat_id, user_id: userId });
      });
      services.runs.startRun(await runParams(services, userId, assistantMessage.id));
      return { assistantMessage };
    }),
} satisfies TRPCRouterRecord;
