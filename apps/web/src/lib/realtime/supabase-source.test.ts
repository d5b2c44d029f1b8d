// Hosted mode's wiring, end to end inside Node: connectSupabaseRealtime builds the real
// supabase-js client (createSupabaseBrowserClient) whose Realtime socket is a stand-in WebSocket
// speaking Phoenix frames, and the events it receives land in a real query cache through the
// same sink local mode uses. (subscribeToUserTopic's token and reconnect handling is tested in
// packages/db; this checks the app joins the right private channel with the Clerk token, feeds
// the cache, reports its state and closes everything when stopped.)
import { type InfiniteData, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@zatten/api';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { CacheTarget } from '../chats/cache';
import type { Chat, ChatPage } from '../chats/types';
import type { LiveStatus } from './connection';
import { createRealtimeSink } from './sink';
import { connectSupabaseRealtime } from './supabase-source';

const USER = 'user_2clerkAna';
const TOPIC = `realtime:user:${USER}`;

type Frame = [string | null, string | null, string, string, Record<string, unknown>];

const sockets: FakeSocket[] = [];
const sent: Frame[] = [];

/** A WebSocket as realtime-js uses it, answering joins, leaves and heartbeats with ok. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  protocol = '';
  binaryType = 'arraybuffer';
  bufferedAmount = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    sockets.push(this);
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({ type: 'open' });
    });
  }

  send(data: unknown) {
    if (typeof data !== 'string') return;
    const parsed = JSON.parse(data) as Frame | { [key: string]: unknown };
    const frame: Frame = Array.isArray(parsed)
      ? parsed
      : [
          parsed.join_ref as string | null,
          parsed.ref as string | null,
          parsed.topic as string,
          parsed.event as string,
          parsed.payload as Record<string, unknown>,
        ];
    sent.push(frame);
    const [joinRef, ref, topic, event] = frame;
    if (['phx_join', 'phx_leave', 'heartbeat'].includes(event)) {
      const response = event === 'phx_join' ? { postgres_changes: [] } : {};
      queueMicrotask(() =>
        this.deliver([joinRef, ref, topic, 'phx_reply', { status: 'ok', response }]),
      );
    }
  }

  close(code?: number) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code: code ?? 1000, reason: '', wasClean: true }));
  }

  deliver(frame: Frame) {
    if (this.readyState === 1) this.onmessage?.({ data: JSON.stringify(frame) });
  }

  addEventListener() {}
  removeEventListener() {}
}

/** An unsigned Clerk-shaped session token (the client reads its claims; the server checks it). */
function sessionToken(sub: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ sub, role: 'authenticated', exp })}.c2ln`;
}

function broadcast(event: string, payload: unknown) {
  sockets
    .at(-1)
    ?.deliver([
      null,
      null,
      TOPIC,
      'broadcast',
      { type: 'broadcast', event, payload, meta: { id: crypto.randomUUID() } },
    ]);
}

let target: CacheTarget;

beforeEach(() => {
  sockets.length = 0;
  sent.length = 0;
  vi.stubGlobal('WebSocket', FakeSocket);
  const queryClient = new QueryClient();
  // No request is expected: every event here carries its row.
  const client = createTRPCClient<AppRouter>({
    links: [
      () =>
        ({ op }) =>
          observable((observer) => observer.error(new TRPCClientError(`unexpected ${op.path}`))),
    ],
  });
  target = { queryClient, trpc: createTRPCOptionsProxy<AppRouter>({ client, queryClient }) };
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function chat(id: string, title: string, second: number): Chat {
  const at = `2026-11-25T10:00:${String(second).padStart(2, '0')}.000000+00:00`;
  return {
    id,
    user_id: USER,
    assistant_id: '00000000-0000-4000-8000-0000000000a5',
    title,
    pinned_at: null,
    archived_at: null,
    title_source: 'api',
    source: 'api',
    openai_conversation_id: null,
    personal_instructions: true,
    active_leaf_id: null,
    created_at: at,
    updated_at: at,
    last_activity_at: at,
  };
}

it('joins the private user channel with the Clerk token and merges its events into the cache', async () => {
  const listKey = target.trpc.chat.list.infiniteQueryKey({ limit: 30 });
  const older = chat('00000000-0000-4000-8000-000000000001', 'Older chat', 1);
  target.queryClient.setQueryData(listKey, {
    pages: [{ items: [older], nextCursor: null }],
    pageParams: [null],
  });
  const token = sessionToken(USER);
  const statuses: LiveStatus[] = [];

  const stop = connectSupabaseRealtime({
    url: 'https://zatten.supabase.co',
    anonKey: 'sb_publishable_zatten_anon_key',
    userId: USER,
    getToken: async () => token,
    sink: createRealtimeSink(target, (status) => statuses.push(status)),
  });

  await vi.waitFor(() => expect(statuses.at(-1)).toBe('live'));
  const socket = sockets[0];
  expect(socket?.url).toMatch(/^wss:\/\/zatten\.supabase\.co\/realtime\/v1\/websocket\?/);
  expect(socket?.url).toContain('apikey=sb_publishable_zatten_anon_key');
  const join = sent.find(([, , topic, event]) => topic === TOPIC && event === 'phx_join');
  expect(join?.[4]).toMatchObject({ config: { private: true }, access_token: token });

  const created = chat('00000000-0000-4000-8000-000000000002', 'Welcome from the CRM', 5);
  broadcast('chats.insert', {
    table: 'chats',
    op: 'insert',
    id: created.id,
    record: created,
    ref: false,
  });
  const titles = () =>
    target.queryClient
      .getQueryData<InfiniteData<ChatPage>>(listKey)
      ?.pages.flatMap((page) => page.items.map((item) => item.title));
  expect(titles()).toEqual(['Welcome from the CRM', 'Older chat']);

  stop();
  expect(statuses.at(-1)).toBe('idle');
  await vi.waitFor(() => expect(socket?.readyState).toBe(FakeSocket.CLOSED));
  expect(sent.some(([, , topic, event]) => topic === TOPIC && event === 'phx_leave')).toBe(true);
});

it('never joins with a token that belongs to someone else', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const statuses: LiveStatus[] = [];
  const stop = connectSupabaseRealtime({
    url: 'https://zatten.supabase.co',
    anonKey: 'sb_publishable_zatten_anon_key',
    userId: USER,
    getToken: async () => sessionToken('user_2someoneElse'),
    sink: createRealtimeSink(target, (status) => statuses.push(status)),
  });
  await vi.waitFor(() => expect(statuses).toContain('reconnecting'));
  expect(sent.filter(([, , , event]) => event === 'phx_join')).toEqual([]);
  expect(warn).toHaveBeenCalledWith(
    'Live updates paused:',
    'the session token belongs to another user',
  );
  stop();
});
