// Messages of a chat and the assistant's replies: list, send, follow a reply as it streams,
// stop it, retry a failed one, regenerate the last one. Replies run on the server (runs/), so
// closing the tab does not stop them.
import { TRPCError, type TRPCRouterRecord, tracked } from '@trpc/server';
import {
  appendMessage,
  asService,
  closeOrphanedRuns,
  countActiveRuns,
  DataError,
  getActiveRun,
  getMessage,
  lastMessage,
  leaseRun,
  listMessages,
  lockUserRuns,
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
import type { StartRun } from '../runs/manager';
import { idSchema, messageContentSchema, messageListInput, streamEventIdSchema } from '../schemas';
import type { ApiServices } from '../services';
import { protectedProcedure } from '../trpc';

function consumeSend(services: ApiServices, userId: string): Promise<void> {
  return consumeOrRefuse(
    services.rateLimits.send,
    userId,
    (seconds) => `You are sending messages too fast. Try again in ${seconds} s.`,
  );
}

/**
 * Inside the transaction that puts a reply in flight: holds the person's run lock, refuses a
 * reply over their cap, and resolves everything the run needs (question, assistant,
 * conversation), then leases the reply to this process. Anything that fails rolls back the whole
 * transaction, so no reply is left in flight without a run.
 */
async function prepareRun(
  services: ApiServices,
  tx: Tx,
  userId: string,
  reply: MessageRow,
): Promise<StartRun> {
  const chat = await requireChat(tx, reply.chat_id);
  const question = await previousUserMessage(tx, reply);
  if (!question) {
    throw withReason(
      new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This reply answers no message.' }),
      'no_question',
    );
  }
  const assistant = await activeAssistant(tx, chat.assistant_id);
  const { runs } = services;
  if (runs.leasing) await asService(tx, (service) => leaseRun(service, reply.id, runs.ownerKey));
  return {
    messageId: reply.id,
    chatId: chat.id,
    userId,
    userText: question.content,
    assistant,
    conversationId: chat.openai_conversation_id,
    nameChat: chat.title_source === 'placeholder',
  };
}

/** The chat's assistant; a retired (archived) one is refused with a reason the UI can show. */
async function activeAssistant(tx: Tx, assistantId: string | null) {
  try {
    return await resolveAssistant(tx, assistantId);
  } catch (error) {
    if (assistantId && error instanceof DataError && error.kind === 'not_found') {
      // The chat's foreign key keeps the row: under RLS it is invisible only once archived.
      throw withReason(
        new TRPCError({
          code: 'PRECONDITION_FAILED',
          message: "This chat's assistant has been retired. Start a new chat to continue.",
        }),
        'assistant_archived',
      );
    }
    throw error;
  }
}

/**
 * Takes the person's run lock and refuses a new reply when they already have
 * `maxActiveRepliesPerUser` in flight. Replies of dead processes in this chat are closed first,
 * so a chat whose server was killed accepts a new send at once.
 */
async function admitRun(services: ApiServices, tx: Tx, userId: string, chatId: string) {
  await lockUserRuns(tx, userId);
  if (await getActiveRun(tx, chatId)) {
    await asService(tx, (service) =>
      closeOrphanedRuns(service, services.runs.orphanAfterMs, { chatId }),
    );
  }
  const cap = services.limits.maxActiveRepliesPerUser;
  if ((await countActiveRuns(tx, userId)) >= cap) {
    throw withReason(
      new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `You have ${cap} replies being written already. Wait for one to finish or stop it.`,
      }),
      'too_many_replies',
    );
  }
}

/** Empties the reply `pick` chooses, puts it back in flight and runs it again. */
async function runAgain(
  services: ApiServices,
  userId: string,
  pick: (tx: Tx) => Promise<MessageRow>,
): Promise<{ assistantMessage: MessageRow }> {
  await consumeSend(services, userId);
  const { assistantMessage, run } = await withUser(services.database, userId, async (tx) => {
    const picked = await pick(tx);
    await admitRun(services, tx, userId, picked.chat_id);
    const restarted = await restartReply(tx, picked.id);
    return { assistantMessage: restarted, run: await prepareRun(services, tx, userId, restarted) };
  });
  services.runs.startRun(run);
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
        content: messageContentSchema,
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
      const { pair, run } = await withUser(services.database, userId, async (tx) => {
        const chat = await requireChat(tx, input.chatId);
        // Checked before anything is stored: a retired assistant leaves no trace of the send.
        await activeAssistant(tx, chat.assistant_id);
        await admitRun(services, tx, userId, chat.id);
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
        return {
          pair: { userMessage, assistantMessage },
          run: await prepareRun(services, tx, userId, assistantMessage),
        };
      });
      services.runs.startRun(run);
      return pair;
    }),

  /**
   * Follows a reply: the text so far (or the text after `lastEventId`), then live tokens, then
   * the end. Event ids are tracked, so a reconnecting client resumes without gaps or repeats.
   */
  stream: protectedProcedure
    .input(z.object({ messageId: idSchema, lastEventId: streamEventIdSchema.nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      // A generator's errors come after the middleware has returned, so they are mapped here.
      let release: () => void = () => {};
      try {
        release = ctx.services.streams.take(ctx.userId);
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
      } finally {
        release();
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
