// A send's writes in one round trip: the person's question, the reply the database starts under
// it and the chat's active leaf on that reply, through begin_exchange (migration
// 20261201000100): three statements in the database, with the triggers firing as they did for
// three round trips.
import { sql } from 'kysely';
import { notFound } from '../errors';
import type { MessageRow } from '../schema';
import { type Executor, sqlLiteral } from '../scope';
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

const columns = messageColumns.join(', ');

/**
 * The statement of `beginExchange`, its values written in as literals, so that a send can put it
 * in the round trip that commits its transaction (scope.ts `commitWith`); read it with
 * `exchangeOf`, and map its errors with messages.ts `messageWriteError`.
 */
export function beginExchangeSql(input: ExchangeWrite): string {
  const uuid = (value: string | null | undefined) =>
    value ? `${sqlLiteral(value)}::uuid` : 'null::uuid';
  return `select ${columns}
      from public.begin_exchange(${uuid(input.chatId)}, ${uuid(input.parentId)},
        ${sqlLiteral(input.content)}, ${uuid(input.questionId)})`;
}

/** The question and its reply, from `beginExchangeSql`'s rows. */
export function exchangeOf(rows: readonly Record<string, unknown>[]): {
  userMessage: MessageRow;
  assistantMessage: MessageRow;
} {
  const messages = rows as unknown as MessageRow[];
  const userMessage = messages.find((row) => row.role === 'user');
  const assistantMessage = messages.find((row) => row.role === 'assistant');
  if (!userMessage || !assistantMessage) {
    throw notFound('message_not_found', 'The question could not be answered.');
  }
  return { userMessage, assistantMessage };
}

/** Stores the question and its reply in flight, and makes the reply the chat's active leaf. */
export async function beginExchange(
  tx: Executor,
  input: ExchangeWrite,
): Promise<{ userMessage: MessageRow; assistantMessage: MessageRow }> {
  try {
    const { rows } = await sql.raw<Record<string, unknown>>(beginExchangeSql(input)).execute(tx);
    return exchangeOf(rows);
  } catch (error) {
    throw messageWriteError(error, input.questionId);
  }
}
