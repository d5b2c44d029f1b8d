// Chats: a user's conversations with an assistant, listed by recent activity.

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../client';
import { conflict, notFound } from '../errors';
import type { ChatRow, ChatSource, ChatTitleSource } from '../schema';
import {
  type Executor,
  inlineParameters,
  serviceInOneTrip,
  sqlLiteral,
  userReadInOneTrip,
} from '../scope';
import { resolveAssistant } from './assistants';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { startReplyRefusal } from './start-reply-errors';

export const chatColumns = [
  'id',
  'user_id',
  'assistant_id',
  'title',
  'title_source',
  'source',
  'openai_conversation_id',
  'active_leaf_id',
  'created_at',
  'updated_at',
  'last_activity_at',
  'personal_instructions',
  'pinned_at',
  'archived_at',
] as const;

/**
 * Which chats a list shows: `all` (every chat, the API's lists), `recent` (the sidebar's dated
 * list: neither pinned nor archived), `pinned` (not archived) or `archived`.
 */
export const CHAT_VIEWS = ['all', 'recent', 'pinned', 'archived'] as const;
export type ChatView = (typeof CHAT_VIEWS)[number];

/** Escapes LIKE wildcards so a search for `50%` means the text `50%`. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type ChatListOptions = {
  limit: number;
  cursor?: string | null;
  search?: string | null;
  view?: ChatView;
};

/** One page of a person's chats, newest activity first, with one row more to tell there is more. */
function chatListQuery(tx: Executor, userId: string, options: ChatListOptions) {
  let query = tx
    .selectFrom('chats')
    .select(chatColumns)
    .where('user_id', '=', userId)
    .orderBy('last_activity_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  const view = options.view ?? 'all';
  if (view === 'archived') query = query.where('archived_at', 'is not', null);
  else if (view !== 'all') query = query.where('archived_at', 'is', null);
  if (view === 'recent') query = query.where('pinned_at', 'is', null);
  if (view === 'pinned') query = query.where('pinned_at', 'is not', null);
  if (options.search?.trim()) {
    query = query.where('title', 'ilike', likePattern(options.search.trim()));
  }
  if (options.cursor) {
    const { at, id } = decodeCursor(options.cursor);
    query = query.where((eb) => eb(eb.refTuple('last_activity_at', 'id'), '<', eb.tuple(at, id)));
  }
  return query;
}

function chatPage(rows: ChatRow[], limit: number): Page<ChatRow> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.last_activity_at, id: last.id }) : null,
  };
}

export async function listChats(
  tx: Executor,
  userId: string,
  options: ChatListOptions,
): Promise<Page<ChatRow>> {
  return chatPage(await chatListQuery(tx, userId, options).execute(), options.limit);
}

/**
 * `listChats` as `userId` in one round trip (`userReadInOneTrip`: the claims, the bounds and the
 * query together, under RLS) instead of BEGIN, the query and COMMIT: the sidebar asks for it on
 * every page and every live update.
 */
export async function listChatsAs(
  database: Database,
  userId: string,
  options: ChatListOptions,
): Promise<Page<ChatRow>> {
  const query = inlineParameters(chatListQuery(database.db, userId, options).compile());
  const [result] = await userReadInOneTrip(database, userId, [query]);
  return chatPage((result?.rows ?? []) as ChatRow[], options.limit);
}

export async function getChat(tx: Executor, id: string): Promise<ChatRow | undefined> {
  return tx.selectFrom('chats').select(chatColumns).where('id', '=', id).executeTakeFirst();
}

export async function requireChat(tx: Executor, id: string): Promise<ChatRow> {
  const chat = await getChat(tx, id);
  if (!chat) throw notFound('chat_not_found', `No chat has the id ${id}.`);
  return chat;
}

export interface NewChat {
  userId: string;
  title: string;
  assistantId?: string | null;
  source: ChatSource;
  titleSource: ChatTitleSource;
}

export async function createChat(tx: Executor, chat: NewChat): Promise<ChatRow> {
  const assistant = await resolveAssistant(tx, chat.assistantId);
  try {
    return await tx
      .insertInto('chats')
      .values({
        user_id: chat.userId,
        assistant_id: assistant.id,
        title: chat.title,
        title_source: chat.titleSource,
        // The column defaults to 'app'; users may not write it (only the service path says 'api').
        ...(chat.source === 'app' ? {} : { source: chat.source }),
      })
      .returning(chatColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    throw startReplyRefusal(error) ?? error;
  }
}

/**
 * `createChat` for a user named by id, in one statement: the user's row, the active assistant
 * (the given one or the default) and the insert together, one round trip instead of three.
 * Undefined when the user or the assistant is missing: the caller then asks `createChat` (and
 * the user lookup) for the precise refusal. Service path (it writes `source`).
 */
export async function createChatIfPossible(
  tx: Executor,
  chat: NewChat,
): Promise<ChatRow | undefined> {
  const returning = sql.join(chatColumns.map((column) => sql.ref(column)));
  const assistant = chat.assistantId ? sql`a.id = ${chat.assistantId}` : sql`a.is_default`;
  try {
    const result = await sql<ChatRow>`insert into public.chats
        (user_id, assistant_id, title, title_source, source)
      select u.id, a.id, ${chat.title}, ${chat.titleSource}, ${chat.source}
        from public.users u, public.assistants a
        where u.id = ${chat.userId} and a.archived_at is null and ${assistant}
        limit 1
      returning ${returning}`.execute(tx);
    return result.rows[0];
  } catch (error) {
    throw startReplyRefusal(error) ?? error;
  }
}

/**
 * A rate limiter's terms (rate-limiter-flexible's RateLimiterPostgres on `public.rate_limits`):
 * the row's key, the points a window allows, the window's length and the caller's clock.
 */
export interface MeterTerms {
  key: string;
  points: number;
  msDuration: number;
  now: number;
}

export interface MeteredCreate {
  /** Points used in the window, this call's included, and when the window ends (ms epoch). */
  consumedPoints: number;
  expire: number | null;
  /** Undefined when over the limit, or when the user or the assistant is missing. */
  chat: ChatRow | undefined;
}

/**
 * `createChatIfPossible` with the caller's rate-limit point taken in the same round trip (the
 * REST create's path: one round trip instead of four), through `public.create_chat_metered`:
 * rate-limiter-flexible's own upsert (RateLimiterPostgres._upsert, same row, same window
 * arithmetic), so the limiter and this call count on one row, and the insert only when the count
 * is within the limit, in one transaction. A function rather than the statement as text: its
 * plans are kept per connection instead of planned on every create. The chat's id is chosen here,
 * so a retry after a lost connection finds the chat the first attempt may have committed instead
 * of making a second (the key's point is then taken twice: a lost answer costs the caller one
 * point more).
 */
export async function createChatMetered(
  database: Database,
  chat: NewChat,
  meter: MeterTerms,
): Promise<MeteredCreate> {
  const args = [
    sqlLiteral(randomUUID()),
    sqlLiteral(chat.userId),
    chat.assistantId ? sqlLiteral(chat.assistantId) : 'null',
    sqlLiteral(chat.title),
    sqlLiteral(chat.titleSource),
    sqlLiteral(chat.source),
    sqlLiteral(meter.key),
    sqlLiteral(meter.points),
    sqlLiteral(meter.now),
    sqlLiteral(meter.now + meter.msDuration),
  ];
  const [result] = await serviceInOneTrip(database, [
    `select metered_points, metered_expire, ${chatColumns.join(', ')}
       from public.create_chat_metered(${args.join(', ')})`,
  ]).catch((error: unknown) => {
    throw startReplyRefusal(error) ?? error;
  });
  const row = result?.rows[0] as
    | (ChatRow & { metered_points: string | number; metered_expire: string | null })
    | undefined;
  if (!row) return { consumedPoints: 0, expire: null, chat: undefined };
  const { metered_points: points, metered_expire: expire, ...created } = row;
  return {
    consumedPoints: Number(points),
    expire: expire == null ? null : Number(expire),
    chat: created.id == null ? undefined : (created as ChatRow),
  };
}

/** Points the chat at another assistant; its next reply uses it. */
export async function setChatAssistant(
  tx: Executor,
  id: string,
  assistantId: string,
): Promise<ChatRow> {
  try {
    const chat = await tx
      .updateTable('chats')
      .set({ assistant_id: assistantId })
      .where('id', '=', id)
      .returning(chatColumns)
      .executeTakeFirst();
    if (!chat) throw notFound('chat_not_found', `No chat has the id ${id}.`);
    return chat;
  } catch (error) {
    throw startReplyRefusal(error) ?? error;
  }
}

export async function renameChat(tx: Executor, id: string, title: string): Promise<ChatRow> {
  const chat = await tx
    .updateTable('chats')
    .set({ title, title_source: 'user' })
    .where('id', '=', id)
    .returning(chatColumns)
    .executeTakeFirst();
  if (!chat) throw notFound('chat_not_found', `No chat has the id ${id}.`);
  return chat;
}

/** Sets the title the assistant suggested, unless someone has named the chat meanwhile. */
export async function setGeneratedTitle(
  tx: Executor,
  id: string,
  title: string,
): Promise<ChatRow | undefined> {
  return tx
    .updateTable('chats')
    .set({ title, title_source: 'assistant' })
    .where('id', '=', id)
    .where('title_source', '=', 'placeholder')
    .returning(chatColumns)
    .executeTakeFirst();
}

export async function setConversationId(
  tx: Executor,
  id: string,
  conversationId: string,
): Promise<void> {
  await tx
    .updateTable('chats')
    .set({ openai_conversation_id: conversationId })
    .where('id', '=', id)
    .execute();
}

export async function deleteChat(tx: Executor, id: string): Promise<void> {
  const result = await tx.deleteFrom('chats').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('chat_not_found', `No chat has the id ${id}.`);
}

/** Pins a chat to the top of the list, or unpins it. An archived chat cannot be pinned. */
export async function pinChat(tx: Executor, id: string, pinned: boolean): Promise<ChatRow> {
  const chat = await tx
    .updateTable('chats')
    .set({ pinned_at: pinned ? sql<string>`now()` : null })
    .where('id', '=', id)
    .where((eb) => (pinned ? eb('archived_at', 'is', null) : eb.lit(true)))
    .returning(chatColumns)
    .executeTakeFirst();
  if (chat) return chat;
  await requireChat(tx, id);
  throw conflict('chat_archived', 'An archived chat cannot be pinned; restore it first.');
}

/**
 * Archives chats (they leave the list, and are unpinned) or restores them. Ids that are not the
 * caller's are not found; the whole call then changes nothing.
 */
export async function archiveChats(
  tx: Executor,
  ids: readonly string[],
  archived: boolean,
): Promise<ChatRow[]> {
  const unique = [...new Set(ids)];
  const chats = await tx
    .updateTable('chats')
    .set(archived ? { archived_at: sql<string>`now()`, pinned_at: null } : { archived_at: null })
    .where('id', 'in', unique)
    // Only chats that change: archiving twice keeps the first moment.
    .where('archived_at', archived ? 'is' : 'is not', null)
    .returning(chatColumns)
    .execute();
  await requireAll(tx, unique);
  return chats;
}

/** Deletes several chats at once; if any is not the caller's, none is deleted. */
export async function deleteChats(tx: Executor, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const rows = await tx.deleteFrom('chats').where('id', 'in', unique).returning('id').execute();
  if (rows.length !== unique.length)
    throw notFound('chat_not_found', 'Some of these chats do not exist.');
  return rows.map((row) => row.id);
}

async function requireAll(tx: Executor, ids: readonly string[]): Promise<void> {
  const found = await tx.selectFrom('chats').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length)
    throw notFound('chat_not_found', 'Some of these chats do not exist.');
}
