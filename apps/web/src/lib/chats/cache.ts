// Cache edits shared by mutations and live updates: put a chat or message where the server's
// paging would have it, replace it in place, or take it out, across every loaded page. Edits are
// idempotent and never go backwards: an older copy of a row (a late event) does not overwrite a
// newer one, a copy equal to the cached row changes nothing (setQueryData shares equal structure,
// so even the references stay), and a row deleted here is not brought back by a late copy of it.
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@zatten/api';
import { errorReason } from '../trpc/errors';
import { compareChats, compareMessages } from './order';
import { timestampMicros } from './time';
import { type Chat, type ChatPage, isActiveStatus, type Message, type MessagePage } from './types';

/** What every edit needs: the query cache and the typed keys of the procedures. */
export interface CacheTarget {
  queryClient: QueryClient;
  trpc: TRPCOptionsProxy<AppRouter>;
}

type Pages<T> = InfiniteData<{ items: T[]; nextCursor: string | null }, unknown>;

/** The search text of a chat.list query key, if any (tRPC keys are [path, { input, type }]). */
function searchOf(queryKey: QueryKey): string | undefined {
  const meta = queryKey[1] as { input?: { search?: string } } | undefined;
  return meta?.input?.search?.trim() || undefined;
}

function matchesSearch(chat: Chat, search: string | undefined): boolean {
  return !search || chat.title.toLowerCase().includes(search.toLowerCase());
}

/** Issue 17: which view of the list a chat.list query key asks for (as listChats filters). */
function viewOf(queryKey: QueryKey): string {
  const meta = queryKey[1] as { input?: { view?: string } } | undefined;
  return meta?.input?.view ?? 'all';
}

function matchesView(chat: Chat, view: string): boolean {
  if (view === 'archived') return chat.archived_at !== null;
  if (chat.archived_at !== null) return view === 'all';
  if (view === 'recent') return chat.pinned_at === null;
  if (view === 'pinned') return chat.pinned_at !== null;
  return true;
}

function without<T extends { id: string }>(data: Pages<T>, id: string): Pages<T> {
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.items.some((item) => item.id === id)
        ? { ...page, items: page.items.filter((item) => item.id !== id) }
        : page,
    ),
  };
}

/**
 * Inserts `row` where `compare` puts it among the loaded pages. When it sorts after everything
 * loaded and more pages exist, it belongs to a page not loaded yet and is left out.
 */
function insertSorted<T extends { id: string }>(
  data: Pages<T>,
  row: T,
  compare: (a: T, b: T) => number,
  order: 'forward' | 'backward',
): Pages<T> {
  // Chat pages run newest -> oldest (forward); message pages are newest page first but each
  // page holds oldest -> newest items, so the conversation reads backwards through pages.
  const pages = data.pages.map((page) => ({ ...page, items: [...page.items] }));
  const sequence = order === 'forward' ? pages : [...pages].reverse();
  for (const page of sequence) {
    const index = page.items.findIndex((item) => compare(row, item) < 0);
    if (index !== -1) {
      page.items.splice(index, 0, row);
      return { ...data, pages };
    }
  }
  const tail = order === 'forward' ? pages.at(-1) : pages[0];
  if (!tail) return data;
  if (order === 'forward' && tail.nextCursor) return { ...data, pages };
  tail.items.push(row);
  return { ...data, pages };
}

/** Whether `incoming` is at least as recent as `existing` (a tie is a later write of the same moment). */
function isNewer(incoming: { updated_at: string }, existing: { updated_at: string }): boolean {
  return timestampMicros(incoming.updated_at) >= timestampMicros(existing.updated_at);
}

function find<T extends { id: string }>(data: Pages<T>, id: string): T | undefined {
  for (const page of data.pages) {
    const found = page.items.find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}

// ---- deletions -------------------------------------------------------------------------------

// Ids deleted while this cache lived (uuids are never reused), so a copy of the row arriving
// late — a slow mutation answer, an event replayed after a reconnect — does not revive it.
const deletedIds = new WeakMap<QueryClient, Set<string>>();

function markDeleted(queryClient: QueryClient, id: string): void {
  let ids = deletedIds.get(queryClient);
  if (!ids) {
    ids = new Set();
    deletedIds.set(queryClient, ids);
  }
  ids.add(id);
}

function isDeleted(queryClient: QueryClient, id: string): boolean {
  return deletedIds.get(queryClient)?.has(id) ?? false;
}

/** Undoes the mark of a deletion the server refused (the chat is back). */
export function forgetDeletion({ queryClient }: CacheTarget, id: string): void {
  deletedIds.get(queryClient)?.delete(id);
}

// ---- chats -----------------------------------------------------------------------------------

export function upsertChat({ queryClient, trpc }: CacheTarget, chat: Chat): void {
  if (isDeleted(queryClient, chat.id)) return;
  for (const query of queryClient.getQueryCache().findAll(trpc.chat.list.pathFilter())) {
    const data = query.state.data as Pages<Chat> | undefined;
    if (!data?.pages) continue;
    const existing = find(data, chat.id);
    if (existing && !isNewer(chat, existing)) continue;
    if (
      !matchesSearch(chat, searchOf(query.queryKey)) ||
      !matchesView(chat, viewOf(query.queryKey))
    ) {
      if (existing) queryClient.setQueryData(query.queryKey, without(data, chat.id));
      continue;
    }
    queryClient.setQueryData(
      query.queryKey,
      insertSorted(without(data, chat.id), chat, compareChats, 'forward'),
    );
  }
  const single = trpc.chat.get.queryKey({ id: chat.id });
  const current = queryClient.getQueryData(single);
  if (!current || isNewer(chat, current)) queryClient.setQueryData(single, chat);
}

/**
 * Takes a chat out of every list and forgets its messages. `stillOpen: 'refetch'` (a deletion
 * made elsewhere) refetches a chat that is on screen, so the page can say it is gone.
 */
export function removeChat(
  { queryClient, trpc }: CacheTarget,
  id: string,
  options: { stillOpen?: 'remove' | 'refetch' } = {},
): void {
  markDeleted(queryClient, id);
  for (const query of queryClient.getQueryCache().findAll(trpc.chat.list.pathFilter())) {
    const data = query.state.data as Pages<Chat> | undefined;
    if (data?.pages && find(data, id)) queryClient.setQueryData(query.queryKey, without(data, id));
  }
  const single = trpc.chat.get.queryFilter({ id });
  const messages = trpc.message.list.infiniteQueryFilter({ chatId: id });
  if (options.stillOpen === 'refetch') {
    queryClient.removeQueries({ ...single, type: 'inactive' });
    queryClient.removeQueries({ ...messages, type: 'inactive' });
    void queryClient.invalidateQueries(single);
  } else {
    queryClient.removeQueries(single);
    queryClient.removeQueries(messages);
  }
}

export function findChat({ queryClient, trpc }: CacheTarget, id: string): Chat | undefined {
  const single = queryClient.getQueryData(trpc.chat.get.queryKey({ id }));
  if (single) return single;
  for (const query of queryClient.getQueryCache().findAll(trpc.chat.list.pathFilter())) {
    const data = query.state.data as Pages<Chat> | undefined;
    const found = data?.pages ? find(data, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

// ---- messages --------------------------------------------------------------------------------

/**
 * Whether `incoming` may replace `existing`. A finished reply is only reopened by a newer row
 * (a retry); a late partial copy of a reply that has ended is ignored.
 */
function mayReplace(incoming: Message, existing: Message): boolean {
  if (!isActiveStatus(existing.status) && isActiveStatus(incoming.status)) {
    return timestampMicros(incoming.updated_at) > timestampMicros(existing.updated_at);
  }
  return isNewer(incoming, existing);
}

/**
 * The last message of the branch on screen (the newest page holds it), or null when nothing is
 * loaded. A new message joins the loaded pages only when it continues that branch: one added
 * on another branch (an edit, a regenerate, another tab) arrives with the chat's new active leaf,
 * and the pages are refetched then (see applyRealtimePayload).
 */
function branchTailOf(data: Pages<Message>): Message | null | undefined {
  const newest = data.pages[0];
  return newest ? (newest.items.at(-1) ?? null) : undefined;
}

function continuesBranch(data: Pages<Message>, message: Message): boolean {
  const tail = branchTailOf(data);
  if (tail === undefined) return false;
  return tail === null ? message.parent_id === null : message.parent_id === tail.id;
}

/** The id of the last message of the chat's branch on screen, if its messages are loaded. */
export function branchTail({ queryClient, trpc }: CacheTarget, chatId: string): string | null {
  const filter = trpc.message.list.infiniteQueryFilter({ chatId });
  for (const query of queryClient.getQueryCache().findAll(filter)) {
    const data = query.state.data as Pages<Message> | undefined;
    const tail = data?.pages ? branchTailOf(data) : undefined;
    if (tail) return tail.id;
  }
  return null;
}

/** Puts `message` in its chat's loaded pages; whether any of them took it. */
export function upsertMessage({ queryClient, trpc }: CacheTarget, message: Message): boolean {
  if (isDeleted(queryClient, message.id)) return false;
  let taken = false;
  const filter = trpc.message.list.infiniteQueryFilter({ chatId: message.chat_id });
  for (const query of queryClient.getQueryCache().findAll(filter)) {
    const data = query.state.data as Pages<Message> | undefined;
    if (!data?.pages) continue;
    const existing = find(data, message.id);
    if (existing) {
      if (!mayReplace(message, existing)) continue;
      taken = true;
      queryClient.setQueryData(query.queryKey, {
        ...data,
        pages: data.pages.map((page) =>
          page.items.some((item) => item.id === message.id)
            ? {
                ...page,
                items: page.items.map((item) => (item.id === message.id ? message : item)),
              }
            : page,
        ),
      });
    } else if (continuesBranch(data, message)) {
      taken = true;
      queryClient.setQueryData(
        query.queryKey,
        insertSorted(data, message, compareMessages, 'backward'),
      );
    }
  }
  return taken;
}

export function findMessage(
  { queryClient, trpc }: CacheTarget,
  chatId: string,
  id: string,
): Message | undefined {
  const filter = trpc.message.list.infiniteQueryFilter({ chatId });
  for (const query of queryClient.getQueryCache().findAll(filter)) {
    const data = query.state.data as Pages<Message> | undefined;
    const found = data?.pages ? find(data, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * Takes a message out of its chat's pages. `deleted` (the row is gone from the database) also
 * keeps late copies out; without it (an optimistic message taken back) the id may come again.
 */
export function removeMessage(
  { queryClient, trpc }: CacheTarget,
  chatId: string,
  id: string,
  options: { deleted?: boolean } = {},
): void {
  if (options.deleted) markDeleted(queryClient, id);
  const filter = trpc.message.list.infiniteQueryFilter({ chatId });
  for (const query of queryClient.getQueryCache().findAll(filter)) {
    const data = query.state.data as Pages<Message> | undefined;
    if (data?.pages && find(data, id)) queryClient.setQueryData(query.queryKey, without(data, id));
  }
}

/** What a reference event tells about a message whose content did not fit in the event. */
export interface MessageReference {
  id: string;
  chat_id: string;
  updated_at: string;
  status: string;
  content_length: number;
}

function isLoaded(target: CacheTarget, chatId: string): boolean {
  const filter = target.trpc.message.list.infiniteQueryFilter({ chatId });
  return target.queryClient
    .getQueryCache()
    .findAll(filter)
    .some((query) => (query.state.data as Pages<Message> | undefined)?.pages);
}

const REFETCH_ATTEMPTS = 3;

/**
 * Brings one message up to the version a reference event announced: fetches it with
 * `message.get` and upserts it, unless the cache already holds that version or the chat's
 * messages are not loaded at all. Falls back to refetching the chat's list if the row keeps
 * coming back older than announced.
 */
export async function refreshMessage(target: CacheTarget, ref: MessageReference): Promise<void> {
  if (isDeleted(target.queryClient, ref.id) || !isLoaded(target, ref.chat_id)) return;
  const announced = timestampMicros(ref.updated_at);
  const upToDate = (row: Message) => {
    const at = timestampMicros(row.updated_at);
    return (
      at > announced ||
      (at === announced && row.status === ref.status && row.content.length === ref.content_length)
    );
  };
  const cached = findMessage(target, ref.chat_id, ref.id);
  if (cached && upToDate(cached)) return;
  try {
    for (let attempt = 0; attempt < REFETCH_ATTEMPTS; attempt++) {
      const row = await fetchMessage(target, ref.id);
      if (timestampMicros(row.updated_at) >= announced) return;
    }
  } catch (error) {
    // Deleted meanwhile: its delete event takes it out.
    if (errorReason(error) === 'message_not_found') return;
  }
  await invalidateMessages(target, ref.chat_id);
}

/** Fetches one message (`message.get`) and merges it into its chat's pages. */
export async function fetchMessage(target: CacheTarget, id: string): Promise<Message> {
  const { queryClient, trpc } = target;
  // staleTime 0: always ask the server; gcTime 0: the row lives in the list, not here.
  const row = await queryClient.fetchQuery({
    ...trpc.message.get.queryOptions({ id }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  upsertMessage(target, row);
  return row;
}

export function invalidateMessages(
  { queryClient, trpc }: CacheTarget,
  chatId: string,
): Promise<void> {
  return queryClient.invalidateQueries(trpc.message.list.infiniteQueryFilter({ chatId }));
}

/** Seeds a new chat's first page of messages with the exchange we already hold. */
export function seedMessages(
  { queryClient }: CacheTarget,
  queryKey: QueryKey,
  messages: Message[],
): void {
  const page: MessagePage = {
    items: [...messages].sort(compareMessages),
    nextCursor: null,
    siblings: {},
  };
  queryClient.setQueryData<InfiniteData<MessagePage, unknown>>(queryKey, {
    pages: [page],
    pageParams: [null],
  });
}

export type { ChatPage };
