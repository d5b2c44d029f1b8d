// A chat's messages as a tree: the branch on screen (walked up from the chat's active leaf), the
// versions (siblings) of a message, the tip a switch lands on, and the writes that grow a branch
// or start a new one. Every walk follows parent links, so its cost is the length of the page, not
// the size of the chat.
import { sql } from 'kysely';
import type { Database } from '../client';
import { conflict, invalidInput, isUniqueViolation, notFound } from '../errors';
import type { ChatRow, MessageRow } from '../schema';
import { type Executor, sqlLiteral, userReadInOneTrip, withUser } from '../scope';
import { chatColumns, requireChat } from './chats';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { beginExchange } from './exchange';
import { beginReply, messageColumns } from './messages';

const columns = messageColumns.map((column) => `m.${column}`).join(', ');
const pageColumns = messageColumns.map((column) => `p.${column}`).join(', ');

/** A branch is bounded by the chat's size; 100 000 steps is far beyond any real conversation. */
const PATH_STEPS = 100_000;

/** Where a walk starts when it starts at the chat's active leaf (or its newest message). */
export const TIP = Symbol('tip');

/**
 * Up to `limit` messages of the branch ending at `fromId` (it included), oldest first. Walks the
 * parent links with a recursive query, under the caller's RLS scope.
 */
export async function walkUp(
  tx: Executor,
  chatId: string,
  fromId: string | typeof TIP,
  limit: number,
): Promise<MessageRow[]> {
  // From the tip, the start is found in the same statement (one round trip for a page).
  const start = fromId === TIP ? tipOf(chatId) : sql`${fromId}`;
  const result = await sql<MessageRow & { step: number }>`
    ${branchFrom(start, chatId, limit)}
    select * from branch order by step desc`.execute(tx);
  return result.rows.map(({ step: _step, ...row }) => row as MessageRow);
}

/** The chat's active leaf, or its newest message when it has none: a subquery. */
function tipOf(chatId: string) {
  return sql`(select coalesce(c.active_leaf_id, (
      select n.id from public.messages n where n.chat_id = c.id
      order by n.created_at desc, n.id desc limit 1))
    from public.chats c where c.id = ${chatId})`;
}

/**
 * `with recursive branch`: up to `limit` messages from `start` (a value or a subquery) up the
 * parent links, each with its `step` from the start.
 */
function branchFrom(start: ReturnType<typeof sql>, chatId: string, limit: number) {
  return sql`with recursive branch as (
      select ${sql.raw(columns)}, 0 as step
      from public.messages m where m.id = ${start} and m.chat_id = ${chatId}
      union all
      select ${sql.raw(columns)}, b.step + 1
      from public.messages m
      join branch b on m.id = b.parent_id and m.chat_id = b.chat_id
      where b.step + 1 < ${limit}
    )`;
}

/** The whole branch ending at `leafId`, root first: what the model is shown. */
export async function branchPath(
  tx: Executor,
  chatId: string,
  leafId: string,
): Promise<MessageRow[]> {
  return walkUp(tx, chatId, leafId, PATH_STEPS);
}

export interface BranchPage extends Page<MessageRow> {
  /** For each listed message with other versions: all versions' ids, oldest first. */
  siblings: Record<string, string[]>;
}

/**
 * The whole branch ending at the chat's tip (`branchPath` from `tipOf`), its values written in as
 * literals, so that a send can read the history its reply will be shown in its transaction's
 * first round trip, after the chat's lock (scope.ts `withUserOpening`). Rows root first, with
 * their `step` from the tip; `pathOf` reads them. The walk is the database function `branch_path`
 * (migration 20261202220000), planned once per connection rather than on every send; the
 * tip is the chat's active leaf, or its newest message when it has none.
 */
export function tipPathSql(chatId: string): string {
  return `select ${pageColumns}, p.step
    from public.branch_path(${sqlLiteral(chatId)}::uuid) p order by p.step desc`;
}

/** The messages of `tipPathSql`'s rows, root first. */
export function pathOf(rows: readonly Record<string, unknown>[]): MessageRow[] {
  return rows.map(({ step: _step, ...row }) => row as unknown as MessageRow);
}

/**
 * The page query's text, its values inlined as literals (`sqlLiteral`), so that a user's page can
 * go to the server as one simple-protocol round trip (`listBranchAs`); `listBranch` runs the same
 * text in a caller's transaction.
 *
 * The page itself is the database function `branch_page` (migration 20261202050000): where the
 * page starts (the tip, or the parent of the cursor's message), the walk up, and each message's
 * versions. As a PL/pgSQL function its statements are planned once per connection, not on every
 * call as this text was: planning cost about as much as running it. It runs as the caller
 * (SECURITY INVOKER), under the same RLS. This selects the message's columns and `versions`,
 * newest step last.
 */
function branchPageSql(chatId: string, limit: number, cursorId: string | null): string {
  const cursor = cursorId ? `${sqlLiteral(cursorId)}::uuid` : 'null';
  return `select ${pageColumns}, p.versions
    from public.branch_page(${sqlLiteral(chatId)}::uuid, ${sqlLiteral(limit)}, ${cursor}) p
    order by p.step desc`;
}

type PageRow = MessageRow & { versions: string[] | null };

/** The page the query's rows make: the extra row above it only says that there is more. */
function pageOf(rows: PageRow[], limit: number): BranchPage {
  const more = rows.length > limit;
  const items: MessageRow[] = [];
  const siblings: Record<string, string[]> = {};
  for (let i = more ? 1 : 0; i < rows.length; i++) {
    const { versions, ...message } = rows[i] as PageRow;
    items.push(message);
    if (versions && versions.length > 1) siblings[message.id] = versions;
  }
  const first = items[0];
  return {
    items,
    nextCursor: more && first ? encodeCursor({ at: first.created_at, id: first.id }) : null,
    siblings,
  };
}

/**
 * Why a page came back empty, once the walk found nothing: rows come back only from a chat the
 * caller's RLS scope can see, so a page with rows needs no check, and an empty one tells the
 * reasons apart here (not found, a cursor from elsewhere, or the end of the branch).
 */
async function emptyPage(tx: Executor, chatId: string, cursorId: string | null) {
  await requireChat(tx, chatId);
  if (cursorId) {
    const above = await tx
      .selectFrom('messages')
      .select('id')
      .where('id', '=', cursorId)
      .where('chat_id', '=', chatId)
      .executeTakeFirst();
    if (!above) throw invalidInput('invalid_cursor', 'The cursor is not one this API returned.');
  }
  return { items: [], nextCursor: null, siblings: {} };
}

/**
 * A page of the active branch, oldest to newest within the page. Without a cursor it ends at the
 * active leaf; `nextCursor` leads to the older messages above the page's first one. One statement
 * in the caller's transaction (see `branchPageSql`).
 */
export async function listBranch(
  tx: Executor,
  chatId: string,
  options: { limit: number; cursor?: string | null },
): Promise<BranchPage> {
  const cursorId = options.cursor ? decodeCursor(options.cursor).id : null;
  const result = await sql.raw<PageRow>(branchPageSql(chatId, options.limit, cursorId)).execute(tx);
  if (!result.rows.length) return emptyPage(tx, chatId, cursorId);
  return pageOf(result.rows, options.limit);
}

/**
 * `listBranch` as `userId`, in one round trip: the scope, the bounds and the page query go to the
 * server together (`userReadInOneTrip`) instead of BEGIN, the query and COMMIT one after another.
 * Opening a chat is the app's most frequent read, and each round trip costs more than the whole
 * plan (`pnpm bench`, lists). An empty page takes a transaction of its own to say why.
 */
export async function listBranchAs(
  database: Database,
  userId: string,
  chatId: string,
  options: { limit: number; cursor?: string | null },
): Promise<BranchPage> {
  const cursorId = options.cursor ? decodeCursor(options.cursor).id : null;
  const [result] = await userReadInOneTrip(database, userId, [
    branchPageSql(chatId, options.limit, cursorId),
  ]);
  const rows = (result?.rows ?? []) as PageRow[];
  if (!rows.length) return withUser(database, userId, (tx) => emptyPage(tx, chatId, cursorId));
  return pageOf(rows, options.limit);
}

/** The versions of each message that has more than one, keyed by message id. */
export async function siblingsOf(
  tx: Executor,
  chatId: string,
  messages: Pick<MessageRow, 'id' | 'parent_id'>[],
): Promise<Record<string, string[]>> {
  if (!messages.length) return {};
  const parents = [...new Set(messages.map((m) => m.parent_id).filter((p) => p !== null))];
  const hasRoot = messages.some((m) => m.parent_id === null);
  // Two plain lookups on (chat_id, parent_id): an OR with `is null` would scan the whole chat.
  const versionsOf = (parent: 'roots' | string[]) =>
    tx
      .selectFrom('messages')
      .select(['id', 'parent_id'])
      .where('chat_id', '=', chatId)
      .where((eb) =>
        parent === 'roots' ? eb('parent_id', 'is', null) : eb('parent_id', 'in', parent),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const rows = [
    ...(hasRoot ? await versionsOf('roots') : []),
    ...(parents.length ? await versionsOf(parents) : []),
  ];
  const byParent = new Map<string | null, string[]>();
  for (const row of rows) {
    const list = byParent.get(row.parent_id) ?? [];
    list.push(row.id);
    byParent.set(row.parent_id, list);
  }
  const result: Record<string, string[]> = {};
  for (const message of messages) {
    const versions = byParent.get(message.parent_id) ?? [];
    if (versions.length > 1) result[message.id] = versions;
  }
  return result;
}

/**
 * The tip a switch to `messageId` lands on: following the newest child at each step, the way a
 * person who last looked at that version left it.
 */
export async function newestTipUnder(
  tx: Executor,
  chatId: string,
  messageId: string,
): Promise<string> {
  const result = await sql<{ id: string }>`
    with recursive down as (
      select m.id, 0 as step from public.messages m where m.id = ${messageId} and m.chat_id = ${chatId}
      union all
      select child.id, d.step + 1 from down d
      cross join lateral (
        select c.id from public.messages c
        where c.chat_id = ${chatId} and c.parent_id = d.id
        order by c.created_at desc, c.id desc limit 1
      ) child
    )
    select id from down order by step desc limit 1`.execute(tx);
  const tip = result.rows[0]?.id;
  if (!tip) throw notFound('message_not_found', `No message has the id ${messageId}.`);
  return tip;
}

/**
 * Makes `leafId` the chat's active leaf (the database refuses one that is not a tip). An update
 * that would change nothing is skipped, so it broadcasts nothing.
 */
export async function setActiveLeaf(tx: Executor, chatId: string, leafId: string): Promise<void> {
  await tx
    .updateTable('chats')
    .set({ active_leaf_id: leafId })
    .where('id', '=', chatId)
    .where((eb) => eb('active_leaf_id', 'is distinct from', leafId))
    .execute();
}

/**
 * Locks the chat row for the rest of the transaction: sends, edits, regenerates and switches of
 * one chat take turns, so two of them never both build on the same leaf unseen.
 */
export async function lockChat(tx: Executor, chatId: string): Promise<ChatRow> {
  // The row comes back with the lock (a send needs it anyway): one round trip, not two.
  const row = await tx
    .selectFrom('chats')
    .select(chatColumns)
    .where('id', '=', chatId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('chat_not_found', `No chat has the id ${chatId}.`);
  return row;
}

export interface ExchangeInput {
  chatId: string;
  userId: string;
  /** The message the question follows: the branch's tip for a send, the edited one's parent. */
  parentId: string | null;
  content: string;
  /** The question's id, when the client chose it (idempotent sends). */
  questionId?: string | undefined;
}

/** A question and its reply (in flight) under `parentId`; the reply becomes the active leaf. */
export async function appendExchange(
  tx: Executor,
  input: ExchangeInput,
): Promise<{ userMessage: MessageRow; assistantMessage: MessageRow }> {
  // The three writes in one round trip (exchange.ts, begin_exchange).
  return beginExchange(tx, input);
}

/** A new reply (in flight) to `question`, made the active leaf: a send's or a regenerate's. */
export async function appendReply(
  tx: Executor,
  question: Pick<MessageRow, 'id' | 'chat_id' | 'user_id'>,
): Promise<MessageRow> {
  try {
    // The database creates it (begin_reply): users may not write assistant messages.
    const reply = await beginReply(tx, question.id);
    await setActiveLeaf(tx, question.chat_id, reply.id);
    return reply;
  } catch (error) {
    if (isUniqueViolation(error, 'messages_one_active_run')) {
      throw conflict('run_active', 'A reply is still being written in this chat.', error);
    }
    throw error;
  }
}
