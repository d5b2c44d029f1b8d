// subscribeToUserTopic against @supabase/realtime-js's real RealtimeClient (and supabase-js via
// createSupabaseBrowserClient), driven through its `transport` option by a stand-in WebSocket that
// speaks the Phoenix frames Supabase Realtime sends: phx_join/phx_reply, broadcast, system,
// phx_error, phx_close, access_token and heartbeat, in protocol 1.0.0 (objects) and 2.0.0 (arrays).
import { RealtimeClient, type WebSocketLikeConstructor } from '@supabase/realtime-js';
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSupabaseBrowserClient } from '../src/browser';
import type { RealtimePayload } from '../src/realtime/events';
import {
  parseRealtimePayload,
  type SubscribeToUserTopicOptions,
  subscribeToUserTopic,
  type UserTopicClient,
  type UserTopicStatus,
} from '../src/realtime/supabase-channel';

const USER = 'user_2abcClerkId';
const TOPIC = `realtime:user:${USER}`;
const ENDPOINT = 'wss://zatten.supabase.co/realtime/v1';
const SECRET = new TextEncoder().encode('zatten-test-secret-0123456789abcdef');

type Vsn = '1.0.0' | '2.0.0';
type Frame = {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: wire payloads are free-form JSON
  payload: any;
};
type SentFrame = Frame & { at: number; socket: number };
type Reply = { status: 'ok' | 'error'; response: Record<string, unknown> };

let jti = 0;
async function mint(claims: { sub?: string; ttl: number; role?: string }) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: claims.role ?? 'authenticated', jti: `t${++jti}` })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + claims.ttl);
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  return jwt.sign(SECRET);
}
const expOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number })
    .exp;

/** A Supabase Realtime endpoint as the client sees it: one stand-in WebSocket per connection. */
function fakeRealtime(vsn: Vsn = '2.0.0') {
  const sockets: FakeSocket[] = [];
  const sent: SentFrame[] = [];
  const joinReplies: Reply[] = [];

  const encode = (f: Frame) =>
    vsn === '1.0.0'
      ? JSON.stringify({
          join_ref: f.join_ref,
          ref: f.ref,
          topic: f.topic,
          event: f.event,
          payload: f.payload,
        })
      : JSON.stringify([f.join_ref, f.ref, f.topic, f.event, f.payload]);
  const decode = (data: unknown): Frame => {
    if (typeof data !== 'string') throw new Error('unexpected binary frame from the client');
    const parsed: unknown = JSON.parse(data);
    if (vsn === '2.0.0') {
      if (!Array.isArray(parsed) || parsed.length !== 5)
        throw new Error(`not a 2.0.0 frame: ${data}`);
      const [join_ref, ref, topic, event, payload] = parsed;
      return { join_ref, ref, topic, event, payload };
    }
    if (Array.isArray(parsed)) throw new Error(`not a 1.0.0 frame: ${data}`);
    return parsed as Frame;
  };

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
    readonly index: number;
    onopen: ((ev: unknown) => void) | null = null;
    onmessage: ((ev: { data: string }) => void) | null = null;
    onclose: ((ev: unknown) => void) | null = null;
    onerror: ((ev: unknown) => void) | null = null;

    constructor(readonly url: string) {
      this.index = sockets.push(this) - 1;
      // The handshake completes asynchronously, as a real one does.
      void Promise.resolve().then(() => {
        if (this.readyState !== 0) return;
        this.readyState = 1;
        this.onopen?.({ type: 'open' });
      });
    }
    send(data: unknown) {
      if (this.readyState !== 1) throw new Error('send on a socket that is not open');
      const frame = decode(data);
      sent.push({ ...frame, at: Date.now(), socket: this.index });
      let reply: Reply | undefined;
      if (frame.event === 'heartbeat') reply = { status: 'ok', response: {} };
      if (frame.event === 'phx_leave') reply = { status: 'ok', response: {} };
      if (frame.event === 'phx_join') {
        reply = joinReplies.shift() ?? { status: 'ok', response: { postgres_changes: [] } };
      }
      if (reply) {
        const payload = reply;
        void Promise.resolve().then(() =>
          this.deliver({
            join_ref: frame.join_ref,
            ref: frame.ref,
            topic: frame.topic,
            event: 'phx_reply',
            payload,
          }),
        );
      }
    }
    close(code?: number, reason?: string) {
      if (this.readyState === 3) return;
      this.readyState = 3;
      void Promise.resolve().then(() =>
        this.onclose?.({ code: code ?? 1005, reason: reason ?? '', wasClean: true }),
      );
    }
    deliver(frame: Frame) {
      if (this.readyState !== 1) throw new Error('deliver on a socket that is not open');
      this.onmessage?.({ data: encode(frame) });
    }
    /** The connection dies under the client (network loss): abnormal close 1006. */
    drop() {
      this.readyState = 3;
      this.onclose?.({ code: 1006, reason: '', wasClean: false });
    }
    addEventListener() {}
    removeEventListener() {}
  }

  const current = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket yet');
    return socket;
  };
  const frames = (event: string) => sent.filter((f) => f.event === event);
  const lastJoin = () => {
    const join = frames('phx_join').at(-1);
    if (!join) throw new Error('no join yet');
    return join;
  };

  return {
    Transport: FakeSocket as unknown as WebSocketLikeConstructor,
    sockets,
    sent,
    frames,
    lastJoin,
    refuseNextJoin: (reason: string) => joinReplies.push({ status: 'error', response: { reason } }),
    /** What Realtime fans out for `realtime.send(payload, event, 'user:<id>', true)`. */
    broadcast: (event: string, payload: unknown, topic = TOPIC) =>
      current().deliver({
        join_ref: null,
        ref: null,
        topic,
        event: 'broadcast',
        payload: { type: 'broadcast', event, payload, meta: { id: crypto.randomUUID() } },
      }),
    /** Channel-level frames carry the join ref of the channel they belong to. */
    toChannel: (event: string, payload: unknown, ref: 'join' | null = 'join') => {
      const join = lastJoin();
      current().deliver({
        join_ref: join.ref,
        ref: ref === 'join' ? join.ref : null,
        topic: TOPIC,
        event,
        payload,
      });
    },
    current,
  };
}

function realtimeClient(server: ReturnType<typeof fakeRealtime>, vsn: Vsn, extra = {}) {
  return new RealtimeClient(ENDPOINT, {
    params: { apikey: 'sb_publishable_test' },
    transport: server.Transport,
    vsn,
    ...extra,
  });
}

function watch(client: UserTopicClient, extra: Partial<SubscribeToUserTopicOptions> = {}) {
  const log: string[] = [];
  const events: Array<{ payload: RealtimePayload; event: string; id?: string }> = [];
  const statuses: Array<{ status: UserTopicStatus; reason?: string }> = [];
  const unsubscribe = subscribeToUserTopic(client, {
    userId: USER,
    onEvent: (payload, meta) => {
      events.push({ payload, ...meta });
      log.push(`event:${meta.event}`);
    },
    onStatus: (status, detail) => {
      statuses.push({ status, reason: detail?.reason });
      log.push(`status:${status}`);
    },
    onResync: () => log.push('resync'),
    ...extra,
  });
  return { log, events, statuses, unsubscribe };
}

/** Let due timers run and promise chains (token fetches, replies) settle. */
async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(0);
}

// Payloads exactly as broadcast_row_change() builds them.
const stamp = '2026-12-01T00:00:00.000000+00:00';
const chatRow = {
  id: '0b6f6c2e-7d0e-4c57-9a43-1f0d6f1b2c01',
  user_id: USER,
  assistant_id: '5f1a8c3e-2b7d-4e9a-8c11-0d9e7f6a5b02',
  title: 'Trip to Lisbon',
  title_source: 'auto',
  source: 'app',
  openai_conversation_id: null,
  created_at: stamp,
  updated_at: stamp,
  last_activity_at: stamp,
};
const messageRow = {
  id: '7c2d9e1f-3a4b-4c5d-8e6f-9a0b1c2d3e03',
  chat_id: chatRow.id,
  user_id: USER,
  role: 'assistant',
  content: 'Lisbon is lovely in spring.',
  status: 'complete',
  error_code: null,
  error_message: null,
  model: 'gpt-5-mini',
  openai_response_id: 'resp_123',
  usage: null,
  created_at: stamp,
  updated_at: stamp,
  completed_at: stamp,
};
const { content: _content, ...messageWithoutContent } = messageRow;
const triggerEvents: Array<[string, RealtimePayload]> = [
  ['chats.insert', { table: 'chats', op: 'insert', id: chatRow.id, record: chatRow, ref: false }],
  [
    'chats.update',
    {
      table: 'chats',
      op: 'update',
      id: chatRow.id,
      record: { ...chatRow, title: 'Lisbon' },
      ref: false,
    },
  ],
  [
    'chats.delete',
    { table: 'chats', op: 'delete', id: chatRow.id, record: { id: chatRow.id }, ref: false },
  ],
  [
    'messages.insert',
    { table: 'messages', op: 'insert', id: messageRow.id, record: messageRow, ref: false },
  ],
  [
    'messages.update',
    {
      table: 'messages',
      op: 'update',
      id: messageRow.id,
      record: { ...messageWithoutContent, content_length: 9000 },
      ref: true,
    },
  ],
  [
    'messages.delete',
    {
      table: 'messages',
      op: 'delete',
      id: messageRow.id,
      record: { id: messageRow.id, chat_id: chatRow.id },
      ref: true,
    },
  ],
];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z') });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe.each(['1.0.0', '2.0.0'] as const)('protocol %s', (vsn) => {
  it('joins realtime:user:<id> as a private channel with the Clerk token and delivers the trigger events', async () => {
    const server = fakeRealtime(vsn);
    const token = await mint({ sub: USER, ttl: 60 });
    // A bare RealtimeClient configured like supabase-js: its accessToken callback is the source.
    const client = realtimeClient(server, vsn, { accessToken: async () => token });
    const w = watch(client);
    await settle();

    expect(server.sockets).toHaveLength(1);
    expect(server.sockets[0]?.url).toContain(`vsn=${vsn}`);
    const joins = server.frames('phx_join');
    expect(joins).toHaveLength(1);
    const join = joins[0] as SentFrame;
    expect(join.topic).toBe(TOPIC);
    expect(join.payload.config.private).toBe(true);
    expect(join.payload.config.postgres_changes).toEqual([]);
    expect(join.payload.access_token).toBe(token);
    expect(w.log).toEqual(['status:connecting', 'status:live']);

    for (const [event, payload] of triggerEvents) server.broadcast(event, payload);
    expect(w.events.map((e) => e.event)).toEqual(triggerEvents.map(([event]) => event));
    expect(w.events.map((e) => e.payload)).toEqual(triggerEvents.map(([, payload]) => payload));
    expect(w.events.map((e) => `${e.payload.table}.${e.payload.op}`)).toEqual(
      triggerEvents.map(([event]) => event),
    );
    expect(w.events.every((e) => typeof e.id === 'string')).toBe(true);
    w.unsubscribe();
  });
});

describe('subscribeToUserTopic', () => {
  it('drops malformed payloads, broadcast_changes-shaped ones and other events', async () => {
    const server = fakeRealtime();
    const token = await mint({ sub: USER, ttl: 60 });
    const w = watch(realtimeClient(server, '2.0.0'), { getToken: async () => token });
    await settle();

    const valid = triggerEvents[0]?.[1];
    // realtime.broadcast_changes() sends this shape; our trigger does not, and we must not guess.
    server.broadcast('INSERT', {
      schema: 'public',
      table: 'chats',
      operation: 'INSERT',
      id: chatRow.id,
      record: chatRow,
      old_record: null,
    });
    server.broadcast('chats.insert', {
      schema: 'public',
      table: 'chats',
      operation: 'INSERT',
      record: chatRow,
      old_record: null,
    });
    server.broadcast('chats.insert', 'not an object');
    server.broadcast('chats.insert', null);
    server.broadcast('chats.update', valid); // event does not match table.op
    server.broadcast('users.insert', { ...valid, table: 'users' });
    server.broadcast('chats.insert', { ...valid, id: 'another-id' }); // record.id differs
    server.broadcast('chats.insert', { ...valid, ref: 'no' });
    server.broadcast('messages.insert', {
      table: 'messages',
      op: 'insert',
      id: messageRow.id,
      record: messageWithoutContent, // no content, yet not a reference
      ref: false,
    });
    server.broadcast('messages.delete', {
      table: 'messages',
      op: 'delete',
      id: messageRow.id,
      record: { id: messageRow.id }, // no chat_id
      ref: true,
    });
    server.broadcast('typing', { user: 'someone' });
    expect(w.events).toEqual([]);

    server.broadcast('chats.insert', valid);
    expect(w.events.map((e) => e.payload)).toEqual([valid]);
    expect(w.statuses.map((s) => s.status)).toEqual(['connecting', 'live']);
    w.unsubscribe();
  });

  it('parseRealtimePayload accepts every trigger shape and nothing else', () => {
    for (const [event, payload] of triggerEvents) {
      expect(parseRealtimePayload(event, payload)).toEqual(payload);
    }
    expect(parseRealtimePayload('chats.insert', { ...chatRow })).toBeNull();
    expect(
      parseRealtimePayload('chats.delete', { ...triggerEvents[2]?.[1], ref: true }),
    ).toBeNull();
  });

  it('sends the refreshed token (access_token) about 30 s before the old one expires', async () => {
    const server = fakeRealtime();
    let current = await mint({ sub: USER, ttl: 60 });
    const first = current;
    const getToken = vi.fn(async () => current);
    // No accessToken callback on the client: only our timer can refresh the token.
    const w = watch(realtimeClient(server, '2.0.0'), { getToken });
    await settle();
    expect(server.lastJoin().payload.access_token).toBe(first);

    const second = await mint({ sub: USER, ttl: 120 });
    current = second;
    await settle(28_000);
    expect(server.frames('access_token')).toEqual([]);

    await settle(3_000); // now 31 s in: refresh due at exp - 30 s
    const refreshed = server.frames('access_token');
    expect(refreshed).toHaveLength(1);
    const frame = refreshed[0] as SentFrame;
    expect(frame.topic).toBe(TOPIC);
    expect(frame.join_ref).toBe(server.lastJoin().ref);
    expect(frame.payload).toEqual({ access_token: second });
    expect(frame.at).toBeLessThan(expOf(first) * 1000 - 25_000);

    // And the next one is planned from the new token's exp.
    const third = await mint({ sub: USER, ttl: 120 });
    current = third;
    await settle(expOf(second) * 1000 - 30_000 - Date.now() + 1_000);
    expect(server.frames('access_token').map((f) => f.payload.access_token)).toEqual([
      second,
      third,
    ]);
    expect(server.frames('access_token')[1]?.at).toBeLessThan(expOf(second) * 1000);
    expect(w.statuses.map((s) => s.status)).toEqual(['connecting', 'live']);
    w.unsubscribe();
  });

  it('keeps asking while the token source returns the cached token, and sends the new one in time', async () => {
    const server = fakeRealtime();
    const first = await mint({ sub: USER, ttl: 60 });
    let current = first;
    const w = watch(realtimeClient(server, '2.0.0'), { getToken: async () => current });
    await settle();

    await settle(44_000); // the source still hands out the first token 44 s in
    expect(server.frames('access_token')).toEqual([]);
    current = await mint({ sub: USER, ttl: 60 });
    await settle(10_000);
    const sent = server.frames('access_token');
    expect(sent.map((f) => f.payload.access_token)).toEqual([current]);
    expect(sent[0]?.at).toBeLessThan(expOf(first) * 1000);
    w.unsubscribe();
  });

  it('after a socket drop: reconnecting, a rejoin with a fresh token, then live and onResync', async () => {
    const server = fakeRealtime();
    let current = await mint({ sub: USER, ttl: 60 });
    const w = watch(realtimeClient(server, '2.0.0'), { getToken: async () => current });
    await settle();
    expect(w.log).toEqual(['status:connecting', 'status:live']);

    const fresh = await mint({ sub: USER, ttl: 300 });
    current = fresh;
    server.current().drop();
    await settle();
    expect(w.log).toEqual(['status:connecting', 'status:live', 'status:reconnecting']);
    expect(server.sockets).toHaveLength(1);

    await settle(1_000); // realtime-js reconnects after 1 s
    expect(server.sockets).toHaveLength(2);
    const rejoin = server.lastJoin();
    expect(rejoin.socket).toBe(1);
    expect(rejoin.topic).toBe(TOPIC);
    expect(rejoin.payload.config.private).toBe(true);
    expect(rejoin.payload.access_token).toBe(fresh);
    expect(w.log).toEqual([
      'status:connecting',
      'status:live',
      'status:reconnecting',
      'status:live',
      'resync',
    ]);

    server.broadcast(...(triggerEvents[3] as [string, RealtimePayload]));
    expect(w.events).toHaveLength(1);
    w.unsubscribe();
  });

  it('after a channel error (phx_error): reconnecting, rejoin on the same socket, onResync', async () => {
    const server = fakeRealtime();
    const token = await mint({ sub: USER, ttl: 600 });
    const w = watch(realtimeClient(server, '2.0.0'), { getToken: async () => token });
    await settle();
    const firstJoin = server.lastJoin();

    server.toChannel('phx_error', {});
    await settle();
    expect(w.log.at(-1)).toBe('status:reconnecting');
    expect(w.log).not.toContain('resync');

    await settle(1_000); // the channel's own rejoin timer
    const rejoin = server.lastJoin();
    expect(rejoin.ref).not.toBe(firstJoin.ref);
    expect(rejoin.socket).toBe(0);
    expect(rejoin.payload.access_token).toBe(token);
    expect(w.log.slice(-2)).toEqual(['status:live', 'resync']);
    w.unsubscribe();
  });

  it('when the server closes the channel at token expiry, it joins a new one with a fresh token', async () => {
    const server = fakeRealtime();
    let current = await mint({ sub: USER, ttl: 600 });
    const w = watch(realtimeClient(server, '2.0.0'), { getToken: async () => current });
    await settle();

    current = await mint({ sub: USER, ttl: 600 });
    // What RealtimeChannel.shutdown_response/2 sends, then Phoenix's phx_close for a :normal stop.
    server.toChannel(
      'system',
      {
        extension: 'system',
        status: 'error',
        message: 'Token has expired 0 seconds ago',
        channel: `user:${USER}`,
      },
      null,
    );
    server.toChannel('phx_close', {});
    await settle();
    expect(w.statuses.at(-1)).toEqual({
      status: 'reconnecting',
      reason: 'Token has expired 0 seconds ago',
    });
    expect(server.frames('phx_join')).toHaveLength(1);

    await settle(1_000);
    const joins = server.frames('phx_join');
    expect(joins).toHaveLength(2);
    expect(joins[1]?.topic).toBe(TOPIC);
    expect(joins[1]?.payload.access_token).toBe(current);
    expect(w.log.slice(-2)).toEqual(['status:live', 'resync']);

    server.broadcast(...(triggerEvents[0] as [string, RealtimePayload]));
    expect(w.events).toHaveLength(1);
    w.unsubscribe();
  });

  it('reports a refused join as an error with the server reason, retries, then resyncs', async () => {
    const server = fakeRealtime();
    const token = await mint({ sub: USER, ttl: 600 });
    const reason = `Unauthorized: You do not have permissions to read from this Channel topic: user:${USER}`;
    server.refuseNextJoin(reason);
    const w = watch(realtimeClient(server, '2.0.0'), { getToken: async () => token });
    await settle();
    expect(w.statuses).toEqual([{ status: 'connecting' }, { status: 'error', reason }]);

    await settle(1_000);
    expect(server.frames('phx_join')).toHaveLength(2);
    expect(w.log.slice(-2)).toEqual(['status:live', 'resync']);
    w.unsubscribe();
  });

  it('never joins without a user token: waits in error, then joins once Clerk has one', async () => {
    const server = fakeRealtime();
    let current: string | null = null;
    const w = watch(realtimeClient(server, '2.0.0'), { getToken: async () => current });
    await settle(3_000);
    expect(server.frames('phx_join')).toEqual([]);
    expect(w.statuses).toEqual([
      { status: 'connecting' },
      { status: 'error', reason: 'no session token' },
    ]);

    // Someone else's token is no better than none.
    current = await mint({ sub: 'user_someoneElse', ttl: 60 });
    await settle(5_000);
    expect(server.frames('phx_join')).toEqual([]);

    current = await mint({ sub: USER, ttl: 60 });
    await settle(10_000);
    expect(server.frames('phx_join')).toHaveLength(1);
    expect(server.lastJoin().payload.access_token).toBe(current);
    expect(w.statuses.at(-1)).toEqual({ status: 'live' });
    w.unsubscribe();
  });

  it('with createSupabaseBrowserClient, never hands Realtime the anon key when Clerk returns null', async () => {
    const server = fakeRealtime();
    vi.stubGlobal('WebSocket', server.Transport);
    const anonKey = await mint({ role: 'anon', ttl: 10 * 365 * 24 * 3600 });
    let clerk: string | null = await mint({ sub: USER, ttl: 60 });
    const first = clerk;
    const supabase = createSupabaseBrowserClient({
      url: 'https://zatten.supabase.co',
      anonKey,
      accessToken: async () => clerk,
    });
    const callbackBefore = supabase.realtime.accessToken;
    const w = watch(supabase);
    await settle();
    expect(server.lastJoin().topic).toBe(TOPIC);
    expect(server.lastJoin().payload.access_token).toBe(first);
    expect(server.sockets[0]?.url).toContain(`apikey=${anonKey}`);

    clerk = null; // signed out in another tab, or a transient failure
    await settle(55_000); // two heartbeats: realtime-js asks its accessToken callback each time
    expect(server.frames('heartbeat').length).toBeGreaterThanOrEqual(2);
    const tokensSent = server.sent
      .filter((f) => f.event === 'access_token' || f.event === 'phx_join')
      .map((f) => f.payload.access_token);
    expect(tokensSent).not.toContain(anonKey);
    expect(tokensSent).not.toContain(null);
    expect(w.statuses.map((s) => s.status)).toEqual(['connecting', 'live']);

    await settle(10_000); // the first token has expired now
    expect(w.statuses.at(-1)).toEqual({ status: 'error', reason: 'no session token' });

    clerk = await mint({ sub: USER, ttl: 60 });
    await settle(10_000);
    expect(server.frames('access_token').map((f) => f.payload.access_token)).toContain(clerk);
    expect(w.statuses.at(-1)).toEqual({ status: 'live' });
    expect(server.sent.map((f) => f.payload?.access_token)).not.toContain(anonKey);

    w.unsubscribe();
    expect(supabase.realtime.accessToken).toBe(callbackBefore);
  });

  it('unsubscribe leaves the channel (phx_leave) and stops every timer', async () => {
    const server = fakeRealtime();
    const token = await mint({ sub: USER, ttl: 60 });
    const getToken = vi.fn(async () => token);
    const client = realtimeClient(server, '2.0.0');
    const w = watch(client, { getToken });
    await settle();
    const join = server.lastJoin();
    const calls = getToken.mock.calls.length;
    const logged = w.log.length;

    w.unsubscribe();
    await settle();
    const leaves = server.frames('phx_leave');
    expect(leaves).toHaveLength(1);
    expect(leaves[0]?.topic).toBe(TOPIC);
    expect(leaves[0]?.join_ref).toBe(join.ref);
    expect(client.getChannels()).toEqual([]);

    const sentBefore = server.sent.length;
    await settle(10 * 60_000);
    expect(getToken.mock.calls.length).toBe(calls);
    expect(server.frames('access_token')).toEqual([]);
    expect(server.frames('phx_join')).toHaveLength(1);
    expect(w.log.length).toBe(logged);
    // realtime-js disconnects once no channel is left; nothing of ours keeps a timer.
    expect(server.sent.slice(sentBefore).filter((f) => f.event !== 'heartbeat')).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('unsubscribe before the first token arrives never joins', async () => {
    const server = fakeRealtime();
    const token = await mint({ sub: USER, ttl: 60 });
    let release: (value: string) => void = () => {};
    const pending = new Promise<string>((resolve) => {
      release = resolve;
    });
    const w = watch(realtimeClient(server, '2.0.0'), { getToken: () => pending });
    w.unsubscribe();
    release(token);
    await settle(60_000);
    expect(server.sent).toEqual([]);
    expect(w.statuses).toEqual([{ status: 'connecting' }]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
