// Messages in a chat: what the user sent and the assistant's replies with their run status.
import { sql } from 'kysely';
import { conflict, isUniqueViolation, notFound } from '../errors';
import type { MessagePatch, MessageRole, MessageRow, MessageStatus } from '../schema';
import type { Executor } from '../scope';
import { decodeCursor, encodeCursor, type Page } from './cursor';

export const messageColumns = [
  'id',
  'chat_id',
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
] as const;

export const ACTIVE_STATUSES: MessageStatus[] = ['pending', 'streaming'];

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
}

export async function appendMessage(tx: Executor, message: NewMessageInput): Promise<MessageRow> {
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
      })
      .returning(messageColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error, 'messages_one_active_run')) {
      throw conflict('run_active', 'A reply is still being written in this chat.', error);
    }
    if (isUniqueViolation(error, 'messages_pkey')) {
      throw conflict('message_exists', `A message with the id ${message.id} exists.`, error);
    }
    throw error;
  }
}

export async function updateMessage(
  tx: Executor,
  id: string,
  patch: MessagePatch,
  options: { onlyIfActive?: boolean } = {},
): Promise<MessageRow | undefined> {
  let query = tx.updateTable('messages').set(patch).where('id', '=', id);
  if (options.onlyIfActive) query = query.where('status', 'in', ACTIVE_STATUSES);
  return query.returning(messageColumns).executeTakeFirst();
}

export async function deleteMessage(tx: Executor, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('messages').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The chat's reply still in flight, if any. */
export async function getActiveRun(tx: Executor, chatId: string): Promise<MessageRow | undefined> {
  return tx
    .selectFrom('messages')
    .select(messageColumns)
    .where('chat_id', '=', chatId)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirst();
}

/** Marks live runs as alive, so no process takes them for orphans. */
export async function touchActiveMessages(tx: Executor, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .updateTable('messages')
    .set({ updated_at: sql<string>`now()` })
    .where('id', 'in', ids)
    .where('status', 'in', ACTIVE_STATUSES)
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
        ? eb('status', 'in', ACTIVE_STATUSES)
        : eb.or([
            eb('status', 'in', ACTIVE_STATUSES),
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

/** The user message a reply answers: the last user message before it. */
export async function previousUserMessage(
  tx: Executor,
  reply: Pick<MessageRow, 'chat_id' | 'created_at' | 'id'>,
): Promise<MessageRow | undefined> {
  return tx
    .selectFrom('messages')
    .select(messageColumns)
    .where('chat_id', '=', reply.chat_id)
    .where('role', '=', 'user')
    .where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(reply.created_at, reply.id)))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The first reply after a user message (to answer a repeated send with the same pair). */
export async function replyAfter(
  tx: Executor,
  question: Pick<MessageRow, 'chat_id' | 'created_at' | 'id'>,
): Promise<MessageRow | undefined> {
  return tx
    .selectFrom('messages')
    .select(messageColumns)
    .where('chat_id', '=', question.chat_id)
    .where('role', '=', 'assistant')
    .where((eb) =>
      eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(question.created_at, question.id)),
    )
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

/** Puts an ended reply back in flight with empty text, for a retry or a regenerate. */
export async function restartReply(tx: Executor, id: string): Promise<MessageRow> {
  try {
    const row = await tx
      .updateTable('messages')
      .set({
        status: 'streaming',
        content: '',
        error_code: null,
        error_message: null,
        model: null,
        usage: null,
        openai_response_id: null,
        completed_at: null,
      })
      .where('id', '=', id)
      .where('role', '=', 'assistant')
      .where('status', 'not in', ACTIVE_STATUSES)
      .returning(messageColumns)
      .executeTakeFirst();
    if (!row) throw conflict('not_restartable', 'Only a finished reply can be run again.');
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'messages_one_active_run')) {
      throw conflict('run_active', 'A reply is still being written in this chat.', error);
    }
    throw error;
  }
}
