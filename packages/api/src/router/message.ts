// Messages of a chat and the assistant's replies: list, send, follow a reply as it streams,
// stop it, retry a failed one, regenerate the last one. Replies run on the server (runs/), so
// closing the tab does not stop them.
import { TRPCError, type TRPCRouterRecord, tracked } from '@trpc/server';
import {
  appendMessage,
  getMessage,
  lastMessage,
  listMessages,
  type MessageRow,
  previousUserMessage,
  replyAfter,
  requireChat,
  requireMessage,
  resolveAssistant,
  restartReply,
  type Tx,
  withUser,
} from '@zatten/db';
import { z } from 'zod';
import { toTRPCError, withReason } from '../errors';
import { consumeOrRefuse } from '../rate-limits';
import { coalesceDeltas } from '../runs/coalesce';
import type { StartRun } from '../runs/manager';
import { idSchema, messageListInput } from '../schemas';
import type { ApiServices } from '../services';
import { protectedProcedure } from '../trpc';

export const MESSAGE_MAX_CHARS = 32_000;

function consumeSend(services: ApiServices, userId: string): Promise<void> {
  return consumeOrRefuse(
    services.rateLimits.send,
    userId,
    (seconds) => `You are sending messages too fast. Try again in ${seconds} s.`,
  );
}

/** Everything a run needs, read under the caller's RLS scope. */
async function runParams(
  services: ApiServices,
  userId: string,
  replyId: string,
): Promise<StartRun> {
  return withUser(services.database, userId, async (tx) => {
    const reply = await requireMessage(tx, replyId);
    const chat = await requireChat(tx, reply.chat_id);
    const question = await previousUserMessage(tx, reply);
    if (!question) {
      throw withReason(
        new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This reply answers no message.' }),
        'no_question',
      );
    }
    const assistant = await resolveAssistant(tx, chat.assistant_id);
    return {
      messageId: reply.id,
      chatId: chat.id,
      userId,
      userText: question.content,
      assistant,
      conversationId: chat.openai_conversation_id,
      nameChat: chat.title_source === 'placeholder',
    };
  });
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
      return listMessages(tx, input.chatId, { limit: input.limit, cursor: input.cursor });
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
            throw withReason(
              new TRPCError({ code: 'CONFLICT', message: 'That message id is already in use.' }),
              'message_exists',
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
        const userMessage = await appendMessage(tx, {
          id: input.clientMessageId,
          chatId: chat.id,
          userId,
          role: 'user',
          content: input.content,
          status: 'complete',
        });
        const assistantMessage = await appendMessage(tx, {
          chatId: chat.id,
          userId,
          role: 'assistant',
          content: '',
          status: 'streaming',
        });
        // What the run needs is at hand in this transaction: reading it again in a second one
        // (runParams) cost a BEGIN, four queries and a COMMIT before the upstream call.
        const run: StartRun = {
          messageId: assistantMessage.id,
          chatId: chat.id,
          userId,
          userText: userMessage.content,
          assistant: await resolveAssistant(tx, chat.assistant_id),
          conversationId: chat.openai_conversation_id,
          nameChat: chat.title_source === 'placeholder',
        };
        return { userMessage, assistantMessage, run };
      });
      services.runs.startRun(pair.run);
      return { userMessage: pair.userMessage, assistantMessage: pair.assistantMessage };
    }),

  /**
   * Follows a reply: the text so far (or the text after `lastEventId`), then live tokens, then
   * the end. Event ids are tracked, so a reconnecting client resumes without gaps or repeats.
   * Deltas are merged into frames of about 20 ms (runs/coalesce.ts).
   */
  stream: protectedProcedure
    .input(z.object({ messageId: idSchema, lastEventId: z.string().max(32).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      // A generator's errors come after the middleware has returned, so they are mapped here.
      try {
        await withUser(ctx.services.database, ctx.userId, (tx) =>
          requireMessage(tx, input.messageId),
        );
        const events = ctx.services.runs.follow(input.messageId, {
          lastEventId: input.lastEventId,
          signal,
        });
        for await (const item of coalesceDeltas(events)) {
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
        throw withReason(
          new TRPCError({
            code: 'CONFLICT',
            message: 'Only a failed or stopped reply can be retried.',
          }),
          'not_retryable',
        );
      }
      return reply;
    }),
  ),

  /** Replaces the chat's last reply with a new one. */
  regenerate: protectedProcedure.input(z.object({ chatId: idSchema })).mutation(({ ctx, input }) =>
    runAgain(ctx.services, ctx.userId, async (tx) => {
      await requireChat(tx, input.chatId);
      const last = await lastMessage(tx, input.chatId);
      if (last?.role !== 'assistant') {
        throw withReason(
          new TRPCError({
            code: 'PRECONDITION_FAILED',
            message: 'There is no reply to regenerate.',
          }),
          'no_reply',
        );
      }
      return last;
    }),
  ),
} satisfies TRPCRouterRecord;
