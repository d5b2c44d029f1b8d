// Messages in a chat: what the user sent and the assistant's replies with their run status.
import { sql } from 'kysely';
import { ACTIVE_STATUSES } from '../domain';
import { conflict, isUniqueViolation, notFound } from '../errors';
import type { MessagePatch, MessageRole, MessageRow, MessageStatus } from '../schema';
import type { Executor } from '../scope';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { startReplyRefusal } from './start-reply-errors';

export const messageColumns = [
  'id',
  'chat_id',
  'parent_id',
  'user_id',
  'role',
  'content',
  'status',
  'error_code',
  'error_message',
  'model',
  'openai_response_id',
  'usage',
  'created_at',
  'updated_at',
  'completed_at',
  'assistant_id',
] as const;

/**
 * A page of a chat's messages, oldest to newest within the page. Without a cursor it is the
 * newest page; `nextCursor` leads to the page of older messages before it.
 */
export async function listMessages(
  tx: Executor,
  chatId: string,
  options: { limit: number; cursor?: string | null },
): Promise<Page<MessageRow>> {
  let query = tx
    .selectFrom('messages')
    .select(messageColumns)
    .where('chat_id', '=', chatId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.cursor) {
    const { at, id } = decodeCursor(options.cursor);
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(at, id)));
  }
  const rows = await query.execute();
  const items = rows.slice(0, options.limit);
  const oldest = items.at(-1);
  return {
    items: items.reverse(),
    nextCursor:
      rows.length > options.limit && oldest
        ? encodeCursor({ at: oldest.created_at, id: oldest.id })
        : null,
  };
}

export async function getMessage(tx: Executor, id: string): Promise<MessageRow | undefined> {
  return tx.selectFrom('messages').select(messageColumns).where('id', '=', id).executeTakeFirst();
}

export async function requireMessage(tx: Executor, id: string): Promise<MessageRow> {
  const message = await getMessage(tx, id);
  if (!message) throw notFound('message_not_found', `No message has the id ${id}.`);
  return message;
}

export interface NewMessageInput {
  id?: string;
  chatId: string;
  userId: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  /**
   * The message this one follows in the conversation tree (null: a first question). Left out,
   * the message continues the chat's active branch.
   */
  parentId?: string | null | undefined;
}

/** The chat's active leaf; a chat whose leaf was deleted falls back to its newest message. */
export async function branchTip(tx: Executor, chatId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('chats')
    .select((eb) => [
      'active_leaf_id',
      eb
        .selectFrom('messages')
        .select('id')
        .whereRef('messages.chat_id', '=', 'chats.id')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .as('newest_id'),
    ])
    .where('id', '=', chatId)
    .executeTakeFirst();
  return row?.active_leaf_id ?? row?.newest_id ?? null;
}

export async function appendMessage(tx: Executor, message: NewMessageInput): Promise<MessageRow> {
  const parentId =
    message.parentId === undefined ? await branchTip(tx, message.chatId) : message.parentId;
  try {
    return await tx
      .insertInto('messages')
      .values({
        id: message.id,
        chat_id: message.chatId,
        user_id: message.userId,
        role: message.role,
        content: message.content,
        status: message.status,
        parent_id: parentId,
      })
      .returning(messageColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    throw messageWriteError(error, message.id);
  }
}

/**
 * What a failed message insert means to the caller: the database's refusal to start the reply,
 * a reply already running in the chat, or an id in use; any other error as it is.
 */
export function messageWriteError(error: unknown, id: string | undefined): unknown {
  const refusal = startReplyRefusal(error);
  if (refusal) return refusal;
  if (isUniqueViolation(error, 'messages_one_active_run')) {
    return conflict('run_active', 'A reply is still being written in this chat.', error);
  }
  if (isUniqueViolation(error, 'messages_pkey')) {
    return conflict('message_exists', `A message with the id ${id} exists.`, error);
  }
  return error;
}

/**
 * The empty reply, in `streaming` status, that answers `questionId` (the person's message) and
 * hangs under it. Created by the database function begin_reply, which checks that the question
 * is the caller's: users may not write assistant messages themselves.
 */
export async function beginReply(tx: Executor, questionId: string): Promise<MessageRow> {
  try {
    const { rows } = await sql<MessageRow>`
      select ${sql.join(messageColumns.map((column) => sql.ref(column)))}
      from public.begin_reply(${questionId}::uuid)`.execute(tx);
    const reply = rows[0];
    if (!reply) throw notFound('message_not_found', `No message has the id ${questionId}.`);
    return reply;
  } catch (error) {
    throw messageWriteError(error, undefined);
  }
}

export async function updateMessage(
  tx: Executor,
  id: string,
  patch: MessagePatch,
  options: { onlyIfActive?: boolean } = {},
): Promise<MessageRow | undefined> {
  let query = tx.updateTable('messages').set(patch).where('id', '=', id);
  if (options.onlyIfActive) query = query.where('status', 'in', [...ACTIVE_STATUSES]);
  return query.returning(messageColumns).executeTakeFirst();
}

/** The chat's reply still in flight, if any. */
export async function getActiveRun(tx: Executor, chatId: string): Promise<MessageRow | undefined> {
  return tx
    .selectFrom('messages')
    .select(messageColumns)
    .where('chat_id', '=', chatId)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .executeTakeFirst();
}

/** Marks live runs as alive, so no process takes them for orphans. */
export async function touchActiveMessages(tx: Executor, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .updateTable('messages')
    .set({ updated_at: sql<string>`now()` })
    .where('id', 'in', ids)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .execute();
}

export interface RunOutcome {
  content?: string;
  status: Extract<MessageStatus, 'complete' | 'failed' | 'cancelled'>;
  error_code?: string | null;
  error_message?: string | null;
  model?: string | null;
  usage?: MessagePatch['usage'];
  openai_response_id?: string | null;
}

/**
 * Ends a reply that is still in flight; a reply already ended is left as it is. Its owner
 * (`ownerKey`) may also correct a reply another process closed as interrupted while the owner's
 * lock was briefly gone (a database restart), as long as the lease is still the owner's.
 */
export async function finishMessage(
  tx: Executor,
  id: string,
  outcome: RunOutcome,
  options: { ownerKey?: number } = {},
): Promise<MessageRow | undefined> {
  const { ownerKey } = options;
  return tx
    .updateTable('messages')
    .set({ ...outcome, completed_at: sql<string>`now()` })
    .where('id', '=', id)
    .where((eb) =>
      ownerKey === undefined
        ? eb('status', 'in', [...ACTIVE_STATUSES])
        : eb.or([
            eb('status', 'in', [...ACTIVE_STATUSES]),
            eb.and([
              eb('error_code', '=', 'interrupted'),
              eb.exists(
                eb
                  .selectFrom('run_leases')
                  .select('run_leases.message_id')
                  .where('run_leases.message_id', '=', id)
                  .where('run_leases.owner_key', '=', ownerKey),
              ),
            ]),
          ]),
    )
    .returning(messageColumns)
    .executeTakeFirst();
}

/** The first reply to a question (to answer a repeated send with the same pair). */
export async function replyAfter(
  tx: Executor,
  question: Pick<MessageRow, 'chat_id' | 'id'>,
): Promise<MessageRow | undefined> {
  return tx
    .selectFrom('messages')
    .select(messageColumns)
    .where('chat_id', '=', question.chat_id)
    .where('parent_id', '=', question.id)
    .where('role', '=', 'assistant')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

export async function lastMessage(tx: Executor, chatId: string): Promise<MessageRow | undefined> {
  return tx
    .selectFrom('messages')
    .select(messageColumns)
    .where('chat_id', '=', chatId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * Puts an ended reply back in flight with empty text, for a retry or a regenerate. Done by the
 * database function restart_reply, which checks the reply is the caller's and finished: users may
 * not write reply fields themselves.
 */
export async function restartReply(tx: Executor, id: string): Promise<MessageRow> {
  try {
    const { rows } = await sql<MessageRow>`
      select ${sql.join(messageColumns.map((column) => sql.ref(column)))}
      from public.restart_reply(${id}::uuid)`.execute(tx);
    const row = rows[0];
    if (!row) throw conflict('not_restartable', 'Only a finished reply can be run again.');
    return row;
  } catch (error) {
    throw messageWriteError(error, undefined);
  }
}
