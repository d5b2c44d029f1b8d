// Messages of a chat and the assistant's replies: list, send, follow a reply as it streams,
// stop it, retry a failed one, regenerate the last one. Replies run on the server (runs/), so
// closing the tab does not stop them.
import { randomUUID } from 'node:crypto';
import { TRPCError, type TRPCRouterRecord, tracked } from '@trpc/server';
import {
  admissionOf,
  appendExchange,
  appendReply,
  asService,
  attachToMessage,
  beginExchangeSql,
  type ChatRow,
  closeOrphanedRuns,
  commitWith,
  DataError,
  exchangeOf,
  finishAsService,
  finishWithLease,
  getMessage,
  leaseReplyOfSql,
  leaseRun,
  listBranchAs,
  lockChat,
  lockChatWithAssistant,
  lockChatWithAssistantSql,
  lockedChatOf,
  lockUserRuns,
  type MessageRow,
  messageWriteError,
  type PersonalInstructions,
  type PublicAssistant,
  pathOf,
  type RunAdmission,
  replyAfter,
  requireMessage,
  resolveAssistant,
  restartReply,
  runAdmission,
  runAdmissionSql,
  serviceInOneTrip,
  sqlLiteral,
  type Tx,
  tipPathSql,
  withUser,
  withUserOpening,
} from '@zatten/db';
import { z } from 'zod';
import { DomainError, toTRPCError } from '../errors';
import { consumeOrRefuse, SENDS_REFUSED, WRITES_REFUSED } from '../rate-limits';
import { resolveRunParams, runParamsOf } from '../runs/branch-input';
import { coalesceDeltas } from '../runs/coalesce';
import type { StartRun } from '../runs/manager';
import { runAssistant } from '../runs/run-assistant';
import {
  attachmentIdsSchema,
  idSchema,
  messageContentSchema,
  messageListInput,
  streamEventIdSchema,
} from '../schemas';
import type { ApiServices } from '../services';
import { protectedProcedure } from '../trpc';

/** message.stream's input (also read by message-stream.ts, which serves its usual case). */
export const messageStreamInput = z.object({
  messageId: idSchema,
  lastEventId: streamEventIdSchema.nullish(),
});

export function consumeSend(services: ApiServices, userId: string): Promise<void> {
  return consumeOrRefuse(services.rateLimits.send, userId, SENDS_REFUSED);
}

/**
 * The write point a `sendLimited` procedure takes when it sends nothing (a repeated send, a
 * refused one): what the middleware would have taken before it.
 */
function consumeWrite(services: ApiServices, userId: string): Promise<void> {
  return consumeOrRefuse(services.rateLimits.writes, userId, WRITES_REFUSED);
}

/**
 * Inside the transaction that puts a reply in flight: resolves everything the run needs (the
 * branch and chat under the caller's RLS scope, runs/branch-input; the assistant's configuration
 * on the service path with the person's own instructions on top, runs/run-assistant), then
 * leases the reply to this process. Anything that fails rolls back the whole transaction, so no
 * reply is left in flight without a run. Must be the last work of its transaction: its service
 * reads and the lease switch the rest of the transaction to the service role, and the lease's
 * round trip commits it (commitWith) when nothing was read as the service before.
 *
 * `known` is what the caller's transaction has already read: the chat row it locked, the
 * assistant it checked (its public row), the person's instructions and whether the chat has
 * files (admitRun), so they are not read again.
 */
export async function prepareRun(
  services: ApiServices,
  tx: Tx,
  userId: string,
  reply: MessageRow,
  known: {
    chat?: ChatRow;
    assistant?: PublicAssistant;
    personal?: PersonalInstructions;
    /** No message of the chat has files, this transaction's included (admitRun, attachFiles). */
    noFiles?: boolean;
  } = {},
): Promise<StartRun> {
  const { params, chat } = await resolveRunParams(tx, userId, reply, known.chat, {
    noFiles: known.noFiles === true,
  });
  // From the first service read on, the transaction stays on the service role (to COMMIT).
  let asService = false;
  const toService = async <T>(fn: (service: Tx) => Promise<T>) => {
    if (asService) return fn(tx);
    asService = true;
    return finishAsService(tx, fn);
  };
  const assistant = await runAssistant(tx, userId, chat, reply, {
    known: known.assistant,
    personal: known.personal,
    cache: services.assistants,
    readAsService: toService,
  });
  const { runs } = services;
  if (runs.leasing) {
    if (asService) await leaseRun(tx, reply.id, runs.ownerKey);
    // The lease is the transaction's last statement: COMMIT goes in the same round trip.
    else await finishWithLease(tx, reply.id, runs.ownerKey, { commit: true });
  }
  return { ...params, assistant };
}

/**
 * Puts uploaded files on the question just stored, in its transaction (issue 16): they are the
 * person's own, confirmed, and within the per-message limit (the database checks again). Their
 * bytes are read only when the run starts, after this transaction commits.
 */
export async function attachFiles(
  services: ApiServices,
  tx: Tx,
  input: { userId: string; chatId: string; messageId: string; attachmentIds?: readonly string[] },
): Promise<void> {
  const ids = input.attachmentIds ?? [];
  if (ids.length === 0) return;
  const max = services.attachments.settings.maxFilesPerMessage;
  if (ids.length > max) {
    throw new DomainError(
      'invalid_input',
      'too_many_attachments',
      `A message holds at most ${max} files.`,
    );
  }
  await asService(tx, (service) =>
    attachToMessage(service, {
      userId: input.userId,
      chatId: input.chatId,
      messageId: input.messageId,
      attachmentIds: ids,
    }),
  );
}

/** The chat's assistant; a retired (archived) one is refused with a reason the UI can show. */
export async function activeAssistant(tx: Tx, assistantId: string | null) {
  try {
    return await resolveAssistant(tx, assistantId);
  } catch (error) {
    if (assistantId && error instanceof DataError && error.kind === 'not_found') {
      throw assistantRetired();
    }
    throw error;
  }
}

// The chat's foreign key keeps the row: under RLS it is invisible only once archived. The same
// refusal as the database's start of a reply (start_reply), so the UI has one case to explain:
// choose another assistant to keep chatting.
function assistantRetired(): DomainError {
  return new DomainError(
    'forbidden',
    'assistant_unavailable',
    "This chat's assistant has been retired. Choose another one to continue.",
  );
}

/**
 * Locks the chat and reads its active assistant in one round trip (lockChatWithAssistant),
 * refusing as `activeAssistant` does: checked before anything is stored.
 */
async function lockChatForSend(tx: Tx, chatId: string, userId: string) {
  // The person's run lock comes with it (admitRun is told so): one round trip for both locks.
  return assistantForSend(tx, await lockChatWithAssistant(tx, chatId, { lockRunsOf: userId }));
}

/** The locked chat's assistant for a send (`lockChatForSend`), from the lock's own read. */
async function assistantForSend(
  tx: Tx,
  locked: { chat: ChatRow; assistant: PublicAssistant | undefined },
): Promise<{ chat: ChatRow; assistant: PublicAssistant }> {
  const { chat, assistant } = locked;
  if (assistant) return { chat, assistant };
  if (chat.assistant_id) throw assistantRetired();
  // No default assistant: the same error as resolveAssistant's.
  return { chat, assistant: await resolveAssistant(tx, null) };
}

/**
 * Takes the person's run lock and refuses a new reply when they already have
 * `maxActiveRepliesPerUser` in flight. Replies of dead processes in this chat are closed first,
 * so a chat whose server was killed accepts a new send at once. Lock order everywhere: the chat
 * row (lockChat) first, then this per-person lock. Returns the chat's branch tip, read after
 * both locks (where a send continues), and, for a chat that applies them
 * (`chat.personal_instructions`), the person's own instructions read in the same statement.
 */
export async function admitRun(
  services: ApiServices,
  tx: Tx,
  userId: string,
  chat: string | Pick<ChatRow, 'id' | 'personal_instructions'>,
  locked: {
    /** The caller's transaction holds the person's run lock already (lockChatForSend). */
    runs?: boolean;
    /** The admission statement's answer, read after both locks in the caller's first trip. */
    admission?: RunAdmission;
  } = {},
): Promise<{ tip: string | null; chatHasFiles: boolean; personal?: PersonalInstructions }> {
  const chatId = typeof chat === 'string' ? chat : chat.id;
  const options = { withInstructions: typeof chat !== 'string' && chat.personal_instructions };
  if (!locked.runs) await lockUserRuns(tx, userId);
  // The chat's run in flight, the person's count, the tip and their instructions: one round trip.
  let admission = locked.admission ?? (await runAdmission(tx, userId, chatId, options));
  if (admission.chatBusy) {
    const closed = await asService(tx, (service) =>
      closeOrphanedRuns(service, services.runs.orphanAfterMs, { chatId }),
    );
    if (closed.length) admission = await runAdmission(tx, userId, chatId, options);
  }
  const cap = services.limits.maxActiveRepliesPerUser;
  if (admission.activeReplies >= cap) {
    throw new DomainError(
      'rate_limited',
      'too_many_replies',
      `You have ${cap} replies being written already. Wait for one to finish or stop it.`,
    );
  }
  return {
    tip: admission.tip,
    chatHasFiles: admission.chatHasFiles,
    ...(admission.personal && { personal: admission.personal }),
  };
}

/**
 * A send or edit repeated with the same `clientMessageId`: the exchange already stored under that
 * id (null when there is none yet, or its reply is not stored). An id already used by a message
 * that is not such a question (`matches`) is a conflict.
 */
export async function repeatedExchange(
  services: ApiServices,
  userId: string,
  clientMessageId: string | undefined,
  matches: (question: MessageRow, tx: Tx) => boolean | Promise<boolean>,
): Promise<{ userMessage: MessageRow; assistantMessage: MessageRow } | null> {
  if (!clientMessageId) return null;
  // The browser sends every message with an id, and almost always a new one: whether the person
  // has a message of that id is one round trip (the service role, filtered by the person as RLS
  // would), not a transaction of three. Only an id in use is looked at closely, under RLS.
  const [used] = await serviceInOneTrip(services.database, [
    `select 1 from public.messages
      where id = ${sqlLiteral(clientMessageId)} and user_id = ${sqlLiteral(userId)}`,
  ]);
  if (!used?.rowCount) return null;
  return withUser(services.database, userId, async (tx) => {
    const question = await getMessage(tx, clientMessageId);
    if (!question) return null;
    if (question.role !== 'user' || !(await matches(question, tx))) {
      throw new DomainError('conflict', 'message_exists', 'That message id is already in use.');
    }
    const reply = await replyAfter(tx, question);
    return reply ? { userMessage: question, assistantMessage: reply } : null;
  });
}

/** Empties the reply `pick` chooses, puts it back in flight and runs it again. */
async function runAgain(
  services: ApiServices,
  userId: string,
  pick: (tx: Tx) => Promise<MessageRow>,
): Promise<{ assistantMessage: MessageRow }> {
  await services.rateLimits.writeAndSend(userId);
  const { assistantMessage, run } = await withUser(services.database, userId, async (tx) => {
    const picked = await pick(tx);
    const chat = await lockChat(tx, picked.chat_id);
    const { personal, chatHasFiles } = await admitRun(services, tx, userId, chat);
    const restarted = await restartReply(tx, picked.id);
    const run = await prepareRun(services, tx, userId, restarted, {
      chat,
      personal,
      noFiles: !chatHasFiles,
    });
    return { assistantMessage: restarted, run };
  });
  services.runs.startRun(run);
  return { assistantMessage };
}

export const messageRouter = {
  list: protectedProcedure.input(messageListInput).query(({ ctx, input }) =>
    // The branch on screen (the chat's active leaf and up), with each message's versions, in one
    // round trip under the person's RLS scope; a chat the person cannot see is NOT_FOUND
    // (checked when its page is empty).
    listBranchAs(ctx.services.database, ctx.userId, input.chatId, {
      limit: input.limit,
      cursor: input.cursor,
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
    .meta({ sendLimited: true })
    .input(
      z.object({
        chatId: idSchema,
        content: messageContentSchema,
        clientMessageId: idSchema.optional(),
        /** Files uploaded and confirmed (attachment.requestUpload / confirm) to send with it. */
        attachmentIds: attachmentIdsSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { services, userId } = ctx;
      // A repeat (or an id in use) costs a write, not a send; the write is taken after the
      // read, which changes nothing, so a refused write still wins over its outcome.
      const repeated = await repeatedExchange(
        services,
        userId,
        input.clientMessageId,
        (question) => question.chat_id === input.chatId,
      ).catch(async (error: unknown) => {
        await consumeWrite(services, userId);
        throw error;
      });
      if (repeated) {
        await consumeWrite(services, userId);
        return repeated;
      }
      await services.rateLimits.writeAndSend(userId);
      // The question's id is chosen here, so that the round trip writing it can lease its reply.
      const questionId = input.clientMessageId ?? randomUUID();
      // The transaction's first round trip, with BEGIN and the person's scope: the chat's row lock
      // and the person's run lock, then (under both) the admission read and the branch on screen.
      const opening = [
        lockChatWithAssistantSql(input.chatId, { lockRunsOf: userId }),
        runAdmissionSql(userId, input.chatId, { withInstructions: true }),
        tipPathSql(input.chatId),
      ];
      const { pair, run } = await withUserOpening(
        services.database,
        userId,
        opening,
        async (tx, read) => {
          // The exchange continues the branch on screen (tree: message-tree.ts in @zatten/db);
          // sends, edits, regenerates and switches of one chat take turns. The lock reads the chat.
          // Checked before anything is stored: a retired assistant leaves no trace of the send.
          const [locked, admitted, branch] = read.map((result) => result.rows);
          const { chat, assistant } = await assistantForSend(
            tx,
            lockedChatOf(locked ?? [], input.chatId),
          );
          const admission = admissionOf(admitted ?? [], {
            withInstructions: chat.personal_instructions,
          });
          const { tip, personal, chatHasFiles } = await admitRun(services, tx, userId, chat, {
            runs: true,
            admission,
          });
          const exchange = {
            chatId: chat.id,
            userId,
            parentId: tip,
            content: input.content,
            questionId,
          };
          const path = pathOf(branch ?? []);
          // The usual send: no files anywhere in the chat, no reply left in flight, the branch read
          // above ends at the tip, and the assistant's full row is cached at the version the lock
          // read. Then the rest is one round trip: the writes, the lease and COMMIT.
          const cached =
            services.runs.leasing &&
            !input.attachmentIds?.length &&
            !chatHasFiles &&
            !admission.chatBusy &&
            chat.assistant_id === assistant.id &&
            (path.at(-1)?.id ?? null) === tip
              ? services.assistants.get(assistant.id, assistant.updated_at)
              : undefined;
          if (cached) {
            // The reply will be the chat's assistant's (start_reply): the one just checked.
            const configured = await runAssistant(
              tx,
              userId,
              chat,
              { assistant_id: assistant.id },
              {
                known: assistant,
                cache: services.assistants,
                personal,
                readAsService: () => Promise.reject(new Error('the assistant was cached')),
              },
            );
            let written: Awaited<ReturnType<typeof commitWith>>;
            try {
              written = await commitWith(
                tx,
                `${beginExchangeSql(exchange)};
${leaseReplyOfSql(questionId, chat.id, services.runs.ownerKey)}`,
              );
            } catch (error) {
              throw messageWriteError(error, input.clientMessageId);
            }
            const pair = exchangeOf(written[0]?.rows ?? []);
            const params = runParamsOf(
              userId,
              chat,
              pair.assistantMessage,
              [...path, pair.userMessage],
              [],
            );
            return { pair, run: { ...params, assistant: configured } };
          }
          const pair = await appendExchange(tx, exchange);
          await attachFiles(services, tx, {
            userId,
            chatId: chat.id,
            messageId: pair.userMessage.id,
            attachmentIds: input.attachmentIds,
          });
          const run = await prepareRun(services, tx, userId, pair.assistantMessage, {
            chat,
            assistant,
            personal,
            noFiles: !chatHasFiles && !input.attachmentIds?.length,
          });
          return { pair, run };
        },
      );
      services.runs.startRun(run);
      return pair;
    }),

  /**
   * Follows a reply: the text so far (or the text after `lastEventId`), then live tokens, then
   * the end. Event ids are tracked, so a reconnecting client resumes without gaps or repeats.
   * Deltas are merged into frames of about 20 ms (runs/coalesce.ts).
   */
  stream: protectedProcedure.input(messageStreamInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    // A generator's errors come after the middleware has returned, so they are mapped here.
    let release: () => void = () => {};
    try {
      release = ctx.services.streams.take(ctx.userId);
      // A reply of theirs running in this process needs no read to be let in (the usual case:
      // the follow right after a send); any other is checked under their RLS scope.
      if (!ctx.services.runs.isRunningHereFor(input.messageId, ctx.userId)) {
        await withUser(ctx.services.database, ctx.userId, (tx) =>
          requireMessage(tx, input.messageId),
        );
      }
      const events = ctx.services.runs.follow(input.messageId, {
        lastEventId: input.lastEventId,
        signal,
      });
      for await (const item of coalesceDeltas(events)) {
        yield tracked(item.id, item.event);
      }
    } catch (error) {
      // The follower left (its request ended): the end of the stream, not a failure to log.
      if (signal?.aborted && (error as Error | null)?.name === 'AbortError') return;
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
  retry: protectedProcedure
    .meta({ sendLimited: true })
    .input(z.object({ messageId: idSchema }))
    .mutation(({ ctx, input }) =>
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
    .meta({ sendLimited: true })
    .input(z.object({ chatId: idSchema, messageId: idSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { services, userId } = ctx;
      await services.rateLimits.writeAndSend(userId);
      const { assistantMessage, run } = await withUser(services.database, userId, async (tx) => {
        const { chat, assistant } = await lockChatForSend(tx, input.chatId, userId);
        const { tip, personal, chatHasFiles } = await admitRun(services, tx, userId, chat, {
          runs: true,
        });
        const reply = await getMessage(tx, input.messageId ?? tip ?? '');
        if (reply?.role !== 'assistant' || reply.chat_id !== input.chatId || !reply.parent_id) {
          throw new DomainError(
            'precondition_failed',
            'no_reply',
            'There is no reply to regenerate.',
          );
        }
        const added = await appendReply(tx, {
          id: reply.parent_id,
          chat_id: reply.chat_id,
          user_id: userId,
        });
        const run = await prepareRun(services, tx, userId, added, {
          chat,
          assistant,
          personal,
          noFiles: !chatHasFiles,
        });
        return { assistantMessage: added, run };
      });
      services.runs.startRun(run);
      return { assistantMessage };
    }),
} satisfies TRPCRouterRecord;
