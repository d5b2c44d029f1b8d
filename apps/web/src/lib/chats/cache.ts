// Cache edits shared by mutations and live updates: put a chat or message where the server's
// paging would have it, replace it in place, or take it out, across every loaded page. Rows are
// never regressed: an older copy of a row (a late event) does not overwrite a newer one.
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@zatten/api';
import { compareChats, compareMessages } from './order';
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

function without<T extends { id: string }>(data: Pages<T>, id: string): Pages<T> {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => item.id !== id),
    })),
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

function isNewer(incoming: { updated_at: string }, existing: { updated_at: string }): boolean {
  return new Date(incoming.updated_at).getTime() >= new Date(existing.updated_at).getTime();
}

function find<T extends { id: string }>(data: Pages<T>, id: string): T | undefined {
  for (const page of data.pages) {
    const found = page.items.find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}

// ---- chats -----------------------------------------------------------------------------------

export function upsertChat({ queryClient, trpc }: CacheTarget, chat: Chat): void {
  for (const query of queryClient.getQueryCache().findAll(trpc.chat.list.pathFilter())) {
    const data = query.state.data as Pages<Chat> | undefined;
    if (!data?.pages) continue;
    const existing = find(data, chat.id);
    if (existing && !isNewer(chat, existing)) continue;
    const search = searchOf(query.queryKey);
    if (search && !chat.title.toLowerCase().includes(search.toLowerCase())) {
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

export function removeChat({ queryClient, trpc }: CacheTarget, id: string): void {
  for (const query of queryClient.getQueryCache().findAll(trpc.chat.list.pathFilter())) {
    const data = query.state.data as Pages<Chat> | undefined;
    if (data?.pages) queryClient.setQueryData(query.queryKey, without(data, id));
  }
  queryClient.removeQueries(trpc.chat.get.queryFilter({ id }));
  queryClient.removeQueries(trpc.message.list.infiniteQueryFilter({ chatId: id }));
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
    return new Date(incoming.updated_at).getTime() > new Date(existing.updated_at).getTime();
  }
  return isNewer(incoming, existing);
}

export function upsertMessage({ queryClient, trpc }: CacheTarget, message: Message): void {
  const filter = trpc.message.list.infiniteQueryFilter({ chatId: message.chat_id });
  for (const query of queryClient.getQueryCache().findAll(filter)) {
    const data = query.state.data as Pages<Message> | undefined;
    if (!data?.pages) continue;
    const existing = find(data, message.id);
    if (existing) {
      if (!mayReplace(message, existing)) continue;
      queryClient.setQueryData(query.queryKey, {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.map((item) => (item.id === message.id ? message : item)),
        })),
      });
    } else {
      queryClient.setQueryData(
        query.queryKey,
        insertSorted(data, message, compareMessages, 'backward'),
      );
    }
  }
}

export function removeMessage(
  { queryClient, trpc }: CacheTarget,
  chatId: string,
  id: string,
): void {
  const filter = trpc.message.list.infiniteQueryFilter({ chatId });
  for (const query of queryClient.getQueryCache().findAll(filter)) {
    const data = query.state.data as Pages<Message> | undefined;
    if (data?.pages) queryClient.setQueryData(query.queryKey, without(data, id));
  }
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
  const page: MessagePage = { items: [...messages].sort(compareMessages), nextCursor: null };
  queryClient.setQueryData<InfiniteData<MessagePage, unknown>>(queryKey, {
    pages: [page],
    pageParams: [null],
  });
}

export type { ChatPage };
