// A send's writes in one round trip: the person's question, the reply the database starts under
// it and the chat's active leaf on that reply, through begin_exchange (migration
// 20261201000100): three statements in the database, with the triggers firing as they did for
// three round trips.
import { sql } from 'kysely';
import { notFound } from '../errors';
import type { MessageRow } from '../schema';
import type { Executor } from '../scope';
import { messageColumns, messageWriteError } from './messages';

export interface ExchangeWrite {
  /** The question is the caller's: begin_exchange writes it as the claims' subject, under RLS. */
  chatId: string;
  /** The message the question follows (null: a root, the chat's first question or an edit of it). */
  parentId: string | null;
  content: string;
  /** The question's id, when the client chose it (idempotent sends). */
  questionId?: string | undefined;
}

/** Stores the question and its reply in flight, and makes the reply the chat's active leaf. */
export async function beginExchange(
  tx: Executor,
  input: ExchangeWrite,
): Promise<{ userMessage: MessageRow; assistantMessage: MessageRow }> {
  try {
    const { rows } = await sql<MessageRow>`
      select ${sql.join(messageColumns.map((column) => sql.ref(column)))}
      from public.begin_exchange(${input.chatId}::uuid, ${input.parentId}::uuid,
        ${input.content}, ${input.questionId ?? null}::uuid)`.execute(tx);
    const userMessage = rows.find((row) => row.role === 'user');
    const assistantMessage = rows.find((row) => row.role === 'assistant');
    if (!userMessage || !assistantMessage) {
      throw notFound('message_not_found', 'The question could not be answered.');
    }
    return { userMessage, assistantMessage };
  } catch (error) {
    throw messageWriteError(error, input.questionId);
  }
}
