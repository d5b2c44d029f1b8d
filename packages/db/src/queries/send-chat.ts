// What a send reads first, in one statement: the chat's row with its lock (sends, edits,
// regenerates and switches of one chat take turns, message-tree.ts lockChat) and the public row
// of the assistant it talks to, as the caller may see it (under their RLS scope; an archived
// assistant is invisible, a chat without one talks to the default). They were two round trips.
import { sql } from 'kysely';
import { notFound } from '../errors';
import type { ChatRow } from '../schema';
import { type Executor, sqlLiteral } from '../scope';
import { type PublicAssistant, publicAssistantColumns } from './assistants';
import { chatColumns } from './chats';

const chatList = chatColumns.map((column) => `c.${column}`).join(', ');
const assistantList = publicAssistantColumns
  .map((column) => `a.${column} as assistant__${column}`)
  .join(', ');
const assistantInner = publicAssistantColumns.map((column) => `x.${column}`).join(', ');

/**
 * The statement of `lockChatWithAssistant`, its values written in as literals, so that a send can
 * put it in its transaction's first round trip (scope.ts `withUserOpening`). The row is locked
 * inside a materialised CTE, so the outer select takes the person's run lock only once the row's
 * is held (a lock in the same select list would be taken before the row's).
 */
export function lockChatWithAssistantSql(
  chatId: string,
  options: { lockRunsOf?: string } = {},
): string {
  const runLock = options.lockRunsOf
    ? `, pg_advisory_xact_lock(7, hashtext(${sqlLiteral(options.lockRunsOf)}))::text as run_lock`
    : '';
  return `with locked as materialized (
      select ${chatList}, ${assistantList}
      from public.chats as c
      left join lateral (
        select ${assistantInner} from public.assistants as x
        where x.archived_at is null
          and case when c.assistant_id is null then x.is_default else x.id = c.assistant_id end
        limit 1
      ) as a on true
      where c.id = ${sqlLiteral(chatId)}::uuid
      for update of c
    )
    select locked.*${runLock} from locked`;
}

/** What `lockChatWithAssistantSql` found: the chat (not found: an error) and its assistant. */
export function lockedChatOf(
  rows: readonly Record<string, unknown>[],
  chatId: string,
): { chat: ChatRow; assistant: PublicAssistant | undefined } {
  const row = rows[0];
  if (!row) throw notFound('chat_not_found', `No chat has the id ${chatId}.`);
  const chat = Object.fromEntries(chatColumns.map((column) => [column, row[column]])) as ChatRow;
  // The assistant's columns carry a prefix of their own (the chat has an `assistant_id` too).
  const assistant =
    row.assistant__id == null
      ? undefined
      : (Object.fromEntries(
          publicAssistantColumns.map((column) => [column, row[`assistant__${column}`]]),
        ) as PublicAssistant);
  return { chat, assistant };
}

/**
 * The locked chat, and its active assistant (undefined when the caller may not use one now).
 * With `lockRunsOf`, the person's run lock (run-leases.ts lockUserRuns) is taken in the same
 * statement, after the row lock: the lock order everywhere is the chat's row, then the person.
 */
export async function lockChatWithAssistant(
  tx: Executor,
  chatId: string,
  options: { lockRunsOf?: string } = {},
): Promise<{ chat: ChatRow; assistant: PublicAssistant | undefined }> {
  const { rows } = await sql
    .raw<Record<string, unknown>>(lockChatWithAssistantSql(chatId, options))
    .execute(tx);
  return lockedChatOf(rows, chatId);
}
