// applyRealtimePayload against a real QueryClient and the real tRPC options proxy (the query keys
// the components use), with a scripted link standing in for the server: every request the cache
// makes is recorded, so a test can tell one message fetched from a whole list refetched.
import { type InfiniteData, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@zatten/api';
import type { RealtimePayload } from '@zatten/db/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { followLive, isFollowedLive } from '../chat/live-replies';
import type { CacheTarget } from '../chats/cache';
import type { Chat, ChatPage, Message, MessagePage } from '../chats/types';
import { applyRealtimePayload, resyncLiveQueries } from './apply';

// ---- a cache with the app's query keys and a scripted server ------------------------------------

interface Call {
  path: string;
  input: unknown;
}

let calls: Call[];
let serverMessages: Map<string, Message>;
let queryClient: QueryClient;
let target: CacheTarget;

function scriptedLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        queueMicrotask(() => {
          const id = (op.input as { id?: string } | undefined)?.id ?? '';
          const row = op.path === 'message.get' ? serverMessages.get(id) : undefined;
          if (!row) {
            observer.error(new TRPCClientError(`no answer scripted for ${op.path}`));
            return;
          }
          observer.next({ result: { type: 'data', data: row } });
          observer.complete();
        });
      });
}

beforeEach(() => {
  calls = [];
  serverMessages = new Map();
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = createTRPCClient<AppRouter>({ links: [scriptedLink()] });
  target = { queryClient, trpc: createTRPCOptionsProxy<AppRouter>({ client, queryClient }) };
});

// ---- rows ----------------------------------------------------------------------------------

const USER = 'user_ana';
const CHAT_A = '00000000-0000-4000-8000-00000000000a';

/** `2026-11-25T10:00:<second>.<micros>+00:00`, as Postgres writes timestamps. */
function at(second: number, micros = 0): string {
  return `2026-11-25T10:00:${String(second).padStart(2, '0')}.${String(micros).padStart(6, '0')}+00:00`;
}

function chat(id: string, title: string, activity: number, changes: Partial<Chat> = {}): Chat {
  return {
    id,
    user_id: USER,
    assistant_id: '00000000-0000-4000-8000-0000000000a5',
    title,
    pinned_at: null,
    archived_at: null,
    title_source: 'user',
    source: 'app',
    openai_conversation_id: null,
    personal_instructions: true,
    active_leaf_id: null,
    created_at: at(0),
    updated_at: at(activity),
    last_activity_at: at(activity),
    ...changes,
  };
}

function message(id: string, second: number, changes: Partial<Message> = {}): Message {
  return {
    id,
    chat_id: CHAT_A,
    parent_id: null,
    user_id: USER,
    role: 'user',
    content: `message ${id}`,
    status: 'complete',
    error_code: null,
    error_message: null,
    model: null,
    openai_response_id: null,
    usage: null,
    created_at: at(second),
    updated_at: at(second),
    completed_at: at(second),
    assistant_id: null,
    ...changes,
  };
}

const chatId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const messageId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

// ---- events, as the database triggers send them ---------------------------------------------

function chatEvent(op: 'insert' | 'update', row: Chat): RealtimePayload {
  return { table: 'chats', op, id: row.id, record: row, ref: false };
}

function chatDeleted(id: string): RealtimePayload {
  return { table: 'chats', op: 'delete', id, record: { id }, ref: false };
}

function messageEvent(op: 'insert' | 'update', row: Message): RealtimePayload {
  return { table: 'messages', op, id: row.id, record: row, ref: false };
}

function messageReference(row: Message): RealtimePayload {
  const { content, ...rest } = row;
  return {
    table: 'messages',
    op: 'update',
    id: row.id,
    record: { ...rest, content_length: content.length },
    ref: true,
  };
}

// ---- the queries the components hold ----------------------------------------------------------

type ListInput = {
  limit: number;
  search?: string;
  view?: 'all' | 'recent' | 'pinned' | 'archived';
};

function seedChats(input: ListInput, pages: ChatPage[]): void {
  queryClient.setQueryData(target.trpc.chat.list.infiniteQueryKey(input), {
    pages,
    pageParams: pages.map((_, index) => (index === 0 ? null : `cursor-${index}`)),
  });
}

function chatPages(input: ListInput): ChatPage[] | undefined {
  return queryClient.getQueryData<InfiniteData<ChatPage>>(
    target.trpc.chat.list.infiniteQueryKey(input),
  )?.pages;
}

function titles(input: ListInput): string[][] | undefined {
  return chatPages(input)?.map((page) => page.items.map((item) => item.title));
}

const MESSAGES = { chatId: CHAT_A, limit: 50 };

function seedMessages(pages: MessagePage[]): void {
  queryClient.setQueryData(target.trpc.message.list.infiniteQueryKey(MESSAGES), {
    pages,
    pageParams: pages.map((_, index) => (index === 0 ? null : `cursor-${index}`)),
  });
}

function messagePages(): MessagePage[] | undefined {
  return queryClient.getQueryData<InfiniteData<MessagePage>>(
    target.trpc.message.list.infiniteQueryKey(MESSAGES),
  )?.pages;
}

const ALL = { limit: 30 };

// ---- tests -------------------------------------------------------------------------------------

describe('applyRealtimePayload', () => {
  it('inserts a new chat where the server would page it, and leaves out one older than every loaded page', () => {
    seedChats(ALL, [
      { items: [chat(chatId(5), 'five', 50), chat(chatId(4), 'four', 40)], nextCursor: 'c1' },
      { items: [chat(chatId(2), 'two', 20), chat(chatId(1), 'one', 10)], nextCursor: 'c2' },
    ]);

    applyRealtimePayload(target, chatEvent('insert', chat(chatId(3), 'three', 30)));
    applyRealtimePayload(target, chatEvent('insert', chat(chatId(6), 'six', 59)));
    // Older than everything loaded while more pages exist: it belongs to a page not loaded yet.
    applyRealtimePayload(target, chatEvent('insert', chat(chatId(0), 'zero', 5)));

    expect(titles(ALL)).toEqual([
      ['six', 'five', 'four'],
      ['three', 'two', 'one'],
    ]);
  });

  it('adds a new message only when it continues the branch on screen, across pages read newest page first', () => {
    seedMessages([
      {
        items: [
          message(messageId(3), 30, { parent_id: messageId(1) }),
          message(messageId(5), 50, { parent_id: messageId(3) }),
        ],
        nextCursor: 'older',
        siblings: {},
      },
      { items: [message(messageId(1), 10)], nextCursor: null, siblings: {} },
    ]);

    // Another version of message 5 (an edit elsewhere): another branch, not shown here.
    applyRealtimePayload(
      target,
      messageEvent('insert', message(messageId(4), 52, { parent_id: messageId(3) })),
    );
    applyRealtimePayload(
      target,
      messageEvent('insert', message(messageId(6), 55, { parent_id: messageId(5) })),
    );

    expect(messagePages()?.map((page) => page.items.map((item) => item.id))).toEqual([
      [messageId(3), messageId(5), messageId(6)],
      [messageId(1)],
    ]);
  });

  it("refetches the messages when the chat's active leaf leaves the branch on screen, not otherwise", async () => {
    seedMessages([
      {
        items: [message(messageId(1), 10), message(messageId(2), 20, { parent_id: messageId(1) })],
        nextCursor: null,
        siblings: {},
      },
    ]);
    const state = () =>
      queryClient.getQueryState(target.trpc.message.list.infiniteQueryKey(MESSAGES));
    // A send continuing the branch: the leaf is the tail already.
    applyRealtimePayload(
      target,
      chatEvent('update', chat(CHAT_A, 'a', 30, { active_leaf_id: messageId(2) })),
    );
    expect(state()?.isInvalidated).toBe(false);
    // A switch (here or on another device) to another branch.
    applyRealtimePayload(
      target,
      chatEvent('update', chat(CHAT_A, 'a', 40, { active_leaf_id: messageId(9) })),
    );
    expect(state()?.isInvalidated).toBe(true);
  });

  it('moves a chat to the top when it has new activity', () => {
    seedChats(ALL, [
      {
        items: [
          chat(chatId(3), 'three', 30),
          chat(chatId(2), 'two', 20),
          chat(chatId(1), 'one', 10),
        ],
        nextCursor: null,
      },
    ]);

    applyRealtimePayload(target, chatEvent('update', chat(chatId(1), 'one', 45)));

    expect(titles(ALL)).toEqual([['one', 'three', 'two']]);
  });

  it('ignores an older event that arrives after a newer one, to the microsecond', () => {
    seedChats(ALL, [{ items: [chat(chatId(1), 'Draft', 10)], nextCursor: null }]);
    const renamed = chat(chatId(1), 'Final title', 10, { updated_at: at(12, 200) });
    const stale = chat(chatId(1), 'Stale title', 10, { updated_at: at(12, 100) });

    applyRealtimePayload(target, chatEvent('update', renamed));
    applyRealtimePayload(target, chatEvent('update', stale));

    expect(titles(ALL)).toEqual([['Final title']]);
    expect(queryClient.getQueryData(target.trpc.chat.get.queryKey({ id: chatId(1) }))?.title).toBe(
      'Final title',
    );

    // A reply that has ended is not reopened by a late progress write.
    const question = message(messageId(1), 10);
    const done = message(messageId(2), 10, {
      role: 'assistant',
      content: 'The whole answer.',
      updated_at: at(14),
    });
    seedMessages([{ items: [question, done], nextCursor: null, siblings: {} }]);
    const progress = { ...done, content: 'The whole', status: 'streaming', updated_at: at(13) };
    applyRealtimePayload(target, messageEvent('update', progress));

    expect(messagePages()?.[0]?.items[1]).toMatchObject({
      content: 'The whole answer.',
      status: 'complete',
    });
  });

  it('treats a repeated event as a no-op', () => {
    seedChats(ALL, [{ items: [chat(chatId(2), 'two', 20)], nextCursor: null }]);
    seedMessages([{ items: [message(messageId(1), 10)], nextCursor: null, siblings: {} }]);
    const created = chat(chatId(3), 'three', 30);
    const reply = message(messageId(2), 11, {
      role: 'assistant',
      content: 'Hi',
      parent_id: messageId(1),
    });

    applyRealtimePayload(target, chatEvent('insert', created));
    applyRealtimePayload(target, messageEvent('insert', reply));
    const chatsOnce = chatPages(ALL);
    const messagesOnce = messagePages();
    const singleOnce = queryClient.getQueryData(target.trpc.chat.get.queryKey({ id: chatId(3) }));

    // The same events again, as a replay after a reconnect would deliver them (fresh objects).
    applyRealtimePayload(target, chatEvent('insert', structuredClone(created)));
    applyRealtimePayload(target, messageEvent('insert', structuredClone(reply)));

    expect(chatPages(ALL)).toBe(chatsOnce);
    expect(messagePages()).toBe(messagesOnce);
    expect(queryClient.getQueryData(target.trpc.chat.get.queryKey({ id: chatId(3) }))).toBe(
      singleOnce,
    );
    expect(titles(ALL)).toEqual([['three', 'two']]);
    expect(messagePages()?.[0]?.items).toHaveLength(2);
  });

  it('removes a deleted chat from every list, and a late copy does not bring it back', () => {
    const doomed = chat(chatId(1), 'Apple tart', 10);
    seedChats(ALL, [{ items: [chat(chatId(2), 'Apple pie', 20), doomed], nextCursor: null }]);
    seedChats({ limit: 30, search: 'apple' }, [
      { items: [chat(chatId(2), 'Apple pie', 20), doomed], nextCursor: null },
    ]);
    queryClient.setQueryData(target.trpc.chat.get.queryKey({ id: chatId(1) }), doomed);
    seedMessages([{ items: [message(messageId(1), 10)], nextCursor: null, siblings: {} }]);

    applyRealtimePayload(target, chatDeleted(chatId(1)));

    expect(titles(ALL)).toEqual([['Apple pie']]);
    expect(titles({ limit: 30, search: 'apple' })).toEqual([['Apple pie']]);
    expect(queryClient.getQueryData(target.trpc.chat.get.queryKey({ id: chatId(1) }))).toBe(
      undefined,
    );
    // CHAT_A's messages are another chat's; only the deleted chat's messages go.
    expect(messagePages()).toBeDefined();

    applyRealtimePayload(
      target,
      chatEvent('update', chat(chatId(1), 'Apple tart', 10, { updated_at: at(30) })),
    );
    expect(titles(ALL)).toEqual([['Apple pie']]);
  });

  it('gives a search-filtered list only the chats whose title matches', () => {
    const apple = { limit: 30, search: 'apple' };
    seedChats(ALL, [{ items: [chat(chatId(1), 'Apple pie recipe', 10)], nextCursor: null }]);
    seedChats(apple, [{ items: [chat(chatId(1), 'Apple pie recipe', 10)], nextCursor: null }]);

    applyRealtimePayload(target, chatEvent('insert', chat(chatId(2), 'Banana bread', 20)));
    applyRealtimePayload(
      target,
      chatEvent('insert', chat(chatId(3), 'Visit the APPLE orchard', 30)),
    );
    // Renamed so it no longer matches: it leaves the filtered list but stays in the full one.
    applyRealtimePayload(
      target,
      chatEvent('update', chat(chatId(1), 'Pear pie recipe', 10, { updated_at: at(40) })),
    );

    expect(titles(apple)).toEqual([['Visit the APPLE orchard']]);
    expect(titles(ALL)).toEqual([['Visit the APPLE orchard', 'Banana bread', 'Pear pie recipe']]);
  });

  // Issue 17: the sidebar's pinned section, its dated list and the archived view.
  it('moves a pinned or archived chat between the views another tab holds', () => {
    const recent = { limit: 30, view: 'recent' as const };
    const pinned = { limit: 100, view: 'pinned' as const };
    const archived = { limit: 30, view: 'archived' as const };
    const row = chat(chatId(1), 'Trip plans', 10);
    seedChats(recent, [{ items: [row, chat(chatId(2), 'Other', 5)], nextCursor: null }]);
    seedChats(pinned, [{ items: [], nextCursor: null }]);
    seedChats(archived, [{ items: [], nextCursor: null }]);

    applyRealtimePayload(
      target,
      chatEvent('update', { ...row, pinned_at: at(20), updated_at: at(20) }),
    );
    expect(titles(recent)).toEqual([['Other']]);
    expect(titles(pinned)).toEqual([['Trip plans']]);

    // Archiving unpins: it leaves both and joins the archived view.
    applyRealtimePayload(
      target,
      chatEvent('update', { ...row, archived_at: at(30), updated_at: at(30) }),
    );
    expect(titles(pinned)).toEqual([[]]);
    expect(titles(recent)).toEqual([['Other']]);
    expect(titles(archived)).toEqual([['Trip plans']]);

    // Restored (Undo): back in the dated list.
    applyRealtimePayload(target, chatEvent('update', { ...row, updated_at: at(40) }));
    expect(titles(archived)).toEqual([[]]);
    expect(titles(recent)).toEqual([['Trip plans', 'Other']]);
  });

  it('fetches the one message a reference event names, not the whole list', async () => {
    const question = message(messageId(1), 10);
    const reply = message(messageId(2), 10, {
      role: 'assistant',
      content: 'Short so far',
      status: 'streaming',
      completed_at: null,
    });
    seedMessages([{ items: [question, reply], nextCursor: null, siblings: {} }]);
    const long = { ...reply, content: 'x'.repeat(7000), updated_at: at(20) };
    serverMessages.set(reply.id, long);
    const invalidated: string[] = [];
    queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'invalidate') {
        invalidated.push(event.query.queryHash);
      }
    });

    applyRealtimePayload(target, messageReference(long));

    await vi.waitFor(() => expect(messagePages()?.[0]?.items[1]?.content).toBe(long.content));
    expect(calls).toEqual([{ path: 'message.get', input: { id: reply.id } }]);
    expect(invalidated).toEqual([]);

    // The same reference again: the cache already holds that version, so nothing is fetched.
    applyRealtimePayload(target, messageReference(long));
    // A reference to a message of a chat whose messages are not loaded: nothing to update.
    applyRealtimePayload(
      target,
      messageReference(
        message(messageId(9), 10, { chat_id: chatId(9), content: 'y'.repeat(7000) }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);
  });

  it('leaves a running reply this tab follows live to its stream, and fetches it again once it ends', async () => {
    const question = message(messageId(1), 10);
    const reply = message(messageId(2), 10, {
      role: 'assistant',
      content: 'Short so far',
      status: 'streaming',
      completed_at: null,
    });
    seedMessages([{ items: [question, reply], nextCursor: null, siblings: {} }]);
    const progress = { ...reply, content: 'x'.repeat(7000), updated_at: at(20) };
    serverMessages.set(reply.id, progress);

    const unfollow = followLive(reply.id);
    applyRealtimePayload(target, messageReference(progress));
    applyRealtimePayload(target, messageEvent('update', { ...reply, updated_at: at(21) }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual([]);
    expect(messagePages()?.[0]?.items[1]).toEqual(reply);

    // Its end is fetched, followed or not.
    const done = { ...progress, status: 'complete', updated_at: at(22) } as Message;
    serverMessages.set(reply.id, done);
    applyRealtimePayload(target, messageReference(done));
    await vi.waitFor(() => expect(messagePages()?.[0]?.items[1]?.status).toBe('complete'));
    expect(calls).toEqual([{ path: 'message.get', input: { id: reply.id } }]);
    unfollow();
    expect(isFollowedLive(reply.id)).toBe(false);
  });

  it('removes a deleted message and keeps it out', () => {
    const kept = message(messageId(1), 10);
    const gone = message(messageId(2), 11);
    seedMessages([{ items: [kept, gone], nextCursor: null, siblings: {} }]);

    applyRealtimePayload(target, {
      table: 'messages',
      op: 'delete',
      id: gone.id,
      record: { id: gone.id, chat_id: CHAT_A },
      ref: true,
    });
    applyRealtimePayload(target, messageEvent('update', { ...gone, updated_at: at(50) }));

    expect(messagePages()?.[0]?.items.map((item) => item.id)).toEqual([kept.id]);
  });
});

describe('resyncLiveQueries', () => {
  it('marks the chat lists, chats and loaded messages for refetching', async () => {
    seedChats(ALL, [{ items: [chat(chatId(1), 'one', 10)], nextCursor: null }]);
    queryClient.setQueryData(
      target.trpc.chat.get.queryKey({ id: chatId(1) }),
      chat(chatId(1), 'one', 10),
    );
    seedMessages([{ items: [message(messageId(1), 10)], nextCursor: null, siblings: {} }]);
    queryClient.setQueryData(target.trpc.system.info.queryKey(), {
      authMode: 'local',
      aiConfigured: true,
      realtime: { mode: 'local' },
    });

    await resyncLiveQueries(target);

    const invalidated = queryClient
      .getQueryCache()
      .getAll()
      .filter((query) => query.state.isInvalidated)
      .map((query) => (query.queryKey[0] as string[]).join('.'))
      .sort();
    expect(invalidated).toEqual(['chat.get', 'chat.list', 'message.list']);
  });
});
