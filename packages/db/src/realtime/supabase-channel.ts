// Hosted mode in the browser: follow the signed-in user's private Realtime topic `user:<id>`,
// which the database triggers feed (supabase/migrations/*_realtime.sql), and keep the Clerk
// token the channel is authorized with fresh, so the channel never falls back to `anon`.
//
// Wire facts this relies on (@supabase/realtime-js 2.119, Supabase Realtime server):
// - the join (`phx_join` on `realtime:user:<id>`) carries `config.private = true` and the
//   `access_token` the client holds when `subscribe()` is called, so the token is set first;
// - a joined channel takes a new token through an `access_token` push (`realtime.setAuth`), and
//   rejoins reuse the join payload that `setAuth` keeps up to date;
// - at token expiry (or when the new token no longer grants read) the server sends a `system`
//   error and closes the channel (`phx_close`); realtime-js does not rejoin a closed channel, so
//   this module creates a new one;
// - socket drops, `phx_error` and join refusals leave the channel errored and realtime-js rejoins
//   it by itself; we refresh the token at once so that rejoin carries a valid one.
import {
  REALTIME_SUBSCRIBE_STATES,
  type RealtimeChannel,
  type RealtimeClient,
} from '@supabase/supabase-js';
import { type RealtimePayload, userTopic } from './events';

export type UserTopicStatus = 'connecting' | 'live' | 'reconnecting' | 'error';

export interface UserTopicStatusDetail {
  /** Why the status changed: a server reason, a socket error, or a token problem. */
  reason: string;
}

export interface UserTopicEventMeta {
  /** The broadcast event, `<table>.<op>`. */
  event: string;
  /** Supabase's id of the broadcast message (`realtime.messages.id`), when the server sends it. */
  id?: string;
}

export interface SubscribeToUserTopicOptions {
  userId: string;
  onEvent(payload: RealtimePayload, meta: UserTopicEventMeta): void;
  onStatus?(status: UserTopicStatus, detail?: UserTopicStatusDetail): void;
  /** Called once the channel is live again after a disconnect or error: refetch what was missed. */
  onResync?(): void;
  /**
   * Returns the current Clerk session token. Defaults to the `accessToken` option of the
   * supabase-js client (createSupabaseBrowserClient), or the RealtimeClient's own callback.
   */
  getToken?: () => Promise<string | null>;
  /** Refresh this long before the token's `exp` (default 30 s). */
  refreshBeforeExpiryMs?: number;
  /** Back-off for retries after a failed token fetch or a server-closed channel (attempt >= 1). */
  retryAfterMs?: (attempt: number) => number;
}

/** A supabase-js client (its `realtime` member) or a bare RealtimeClient. */
export type UserTopicClient = { realtime: RealtimeClient } | RealtimeClient;

const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 30_000;
const RETRY_STEPS_MS = [1_000, 2_000, 5_000, 10_000];
const defaultRetryAfterMs = (attempt: number) => RETRY_STEPS_MS[attempt - 1] ?? 10_000;
/** While the token source keeps returning a token already inside the refresh window. */
const TOKEN_POLL_MS = 5_000;
const MIN_TIMER_MS = 1_000;

type TokenCheck = { ok: true; token: string; exp: number | null } | { ok: false; reason: string };

/**
 * Joins the private channel `user:<userId>` and delivers the chat and message events the database
 * broadcasts there. Returns a function that leaves the channel and stops every timer.
 */
export function subscribeToUserTopic(
  client: UserTopicClient,
  options: SubscribeToUserTopicOptions,
): () => void {
  const realtime: RealtimeClient = 'realtime' in client ? client.realtime : client;
  const topic = userTopic(options.userId);
  const refreshBeforeMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
  const retryAfterMs = options.retryAfterMs ?? defaultRetryAfterMs;
  const tokenSource = resolveTokenSource(client, realtime, options.getToken);

  if (realtime.getChannels().some((c) => c.topic === `realtime:${topic}`)) {
    throw new Error(`subscribeToUserTopic: this client already has a channel for ${topic}`);
  }

  let stopped = false;
  let channel: RealtimeChannel | null = null;
  let needJoin = false;
  let interrupted = false;
  let lastStatus: { status: UserTopicStatus; reason?: string } | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  let tokenFailures = 0;
  let closedAttempts = 0;
  let inflight: Promise<string | null> | null = null;

  const setStatus = (status: UserTopicStatus, detail?: UserTopicStatusDetail) => {
    if (stopped) return;
    if (lastStatus?.status === status && lastStatus.reason === detail?.reason) return;
    lastStatus = { status, reason: detail?.reason };
    options.onStatus?.(status, detail);
  };

  const checkToken = (token: unknown): TokenCheck => {
    if (typeof token !== 'string' || token === '') return { ok: false, reason: 'no session token' };
    if (token === realtime.apiKey || token.startsWith('sb_')) {
      return { ok: false, reason: 'the API key is not a user token' };
    }
    const claims = decodeJwtClaims(token);
    if (!claims) return { ok: false, reason: 'the session token is not a JWT' };
    if (claims.role === 'anon') return { ok: false, reason: 'the session token is anonymous' };
    if (claims.sub !== options.userId) {
      return { ok: false, reason: 'the session token belongs to another user' };
    }
    const exp = typeof claims.exp === 'number' ? claims.exp : null;
    if (exp !== null && exp * 1000 <= Date.now()) {
      return { ok: false, reason: 'the session token has expired' };
    }
    return { ok: true, token, exp };
  };

  const fetchToken = async (): Promise<TokenCheck> => {
    try {
      return checkToken(await tokenSource());
    } catch (error) {
      return { ok: false, reason: `token source failed: ${errorMessage(error)}` };
    }
  };

  const schedule = (delay: number) => {
    clearTimeout(refreshTimer);
    if (stopped) return;
    refreshTimer = setTimeout(() => void refreshToken(), delay);
  };

  const scheduleRefresh = (exp: number | null) => {
    clearTimeout(refreshTimer);
    if (exp === null) return;
    const left = exp * 1000 - Date.now();
    const delay = left - refreshBeforeMs;
    // Already inside the window (the source handed back a cached token): ask again soon.
    schedule(
      delay >= MIN_TIMER_MS ? delay : Math.max(MIN_TIMER_MS, Math.min(TOKEN_POLL_MS, left / 2)),
    );
  };

  /** Fetches a token and hands it to Realtime (`setAuth`): the join payload and joined channel. */
  function refreshToken(): Promise<string | null> {
    inflight ??= (async () => {
      const result = await fetchToken();
      if (stopped) return null;
      if (!result.ok) {
        // Keep the token we have while it is valid; never hand Realtime null or the API key.
        const held = checkToken(realtime.accessTokenValue);
        if (!held.ok) setStatus('error', { reason: result.reason });
        tokenFailures += 1;
        let delay = retryAfterMs(tokenFailures);
        // Look again no later than the held token's expiry, so the status tells the truth.
        if (held.ok && held.exp !== null) {
          delay = Math.min(delay, Math.max(MIN_TIMER_MS, held.exp * 1000 - Date.now()));
        }
        schedule(delay);
        return null;
      }
      tokenFailures = 0;
      try {
        if (realtime.accessTokenValue !== result.token) await realtime.setAuth(result.token);
      } catch (error) {
        if (stopped) return null;
        setStatus('error', { reason: `setAuth failed: ${errorMessage(error)}` });
        schedule(retryAfterMs(1));
        return null;
      }
      if (stopped) return null;
      scheduleRefresh(result.exp);
      // A token problem reported while the channel stayed joined is over now.
      if (lastStatus?.status === 'error' && channel?.state === 'joined') setStatus('live');
      joinIfWaiting();
      return result.token;
    })().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  // realtime-js also asks its `accessToken` callback for a token on connect and on every
  // heartbeat; supabase-js answers with the anon key when the Clerk getter returns null. While
  // subscribed, answer with a valid user token or keep the current one instead.
  const originalCallback = realtime.accessToken;
  const guardedCallback = async () => {
    const result = await fetchToken();
    return result.ok ? result.token : realtime.accessTokenValue;
  };
  if (originalCallback) realtime.accessToken = guardedCallback;

  function joinIfWaiting() {
    if (stopped || !needJoin || channel) return;
    needJoin = false;
    join();
  }

  /** Joins once Realtime holds a valid user token (never anonymously). */
  function start() {
    needJoin = true;
    // A refresh already in flight may have passed its own check: look again when it settles.
    void refreshToken().then((token) => {
      if (token) joinIfWaiting();
    });
  }

  function join() {
    if (stopped) return;
    if (realtime.getChannels().some((c) => c.topic === `realtime:${topic}`)) {
      setStatus('error', { reason: `another channel for ${topic} exists on this client` });
      closedAttempts += 1;
      rejoinTimer = setTimeout(start, retryAfterMs(closedAttempts));
      return;
    }
    const ch = realtime.channel(topic, { config: { private: true } });
    channel = ch;
    let refusal: string | null = null;
    let systemError: string | null = null;

    ch.on('broadcast', { event: '*' }, (message) => {
      if (stopped || ch !== channel) return;
      const payload = parseRealtimePayload(message.event, message.payload);
      if (!payload) return;
      const id = message.meta?.id;
      options.onEvent(
        payload,
        typeof id === 'string' ? { event: message.event, id } : { event: message.event },
      );
    });
    ch.on('system', {}, (payload: { status?: unknown; message?: unknown } | undefined) => {
      if (payload?.status === 'error') systemError = String(payload.message ?? 'system error');
    });
    // The server refused the join (e.g. not authorized for this topic, token expired).
    ch.joinPush.receive('error', (response: unknown) => {
      refusal = describeReply(response);
    });

    ch.subscribe((state, err) => {
      if (stopped || ch !== channel) return;
      switch (state) {
        case REALTIME_SUBSCRIBE_STATES.SUBSCRIBED: {
          closedAttempts = 0;
          const resync = interrupted;
          interrupted = false;
          setStatus('live');
          if (resync) options.onResync?.();
          return;
        }
        case REALTIME_SUBSCRIBE_STATES.CHANNEL_ERROR:
        case REALTIME_SUBSCRIBE_STATES.TIMED_OUT: {
          // realtime-js rejoins by itself; make sure the rejoin carries a fresh token.
          interrupted = true;
          if (refusal) setStatus('error', { reason: refusal });
          else setStatus('reconnecting', { reason: err?.message ?? state.toLowerCase() });
          refusal = null;
          void refreshToken();
          return;
        }
        case REALTIME_SUBSCRIBE_STATES.CLOSED: {
          // Closed by the server (token expired, permission revoked): realtime-js will not
          // rejoin this channel, so build a new one with a fresh token.
          interrupted = true;
          channel = null;
          ch.teardown();
          setStatus('reconnecting', { reason: systemError ?? 'channel closed by the server' });
          closedAttempts += 1;
          clearTimeout(rejoinTimer);
          rejoinTimer = setTimeout(start, retryAfterMs(closedAttempts));
          return;
        }
      }
    });
  }

  setStatus('connecting');
  start();

  return () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(refreshTimer);
    clearTimeout(rejoinTimer);
    if (originalCallback && realtime.accessToken === guardedCallback) {
      realtime.accessToken = originalCallback;
    }
    const ch = channel;
    channel = null;
    if (ch) void realtime.removeChannel(ch).catch(() => {});
  };
}

/**
 * Checks a broadcast against the trigger's payload `{table, op, id, record, ref}` sent as
 * `<table>.<op>`; returns null for anything else.
 */
export function parseRealtimePayload(event: unknown, payload: unknown): RealtimePayload | null {
  if (!isRecord(payload)) return null;
  const { table, op, id, record, ref } = payload;
  if (table !== 'chats' && table !== 'messages') return null;
  if (op !== 'insert' && op !== 'update' && op !== 'delete') return null;
  if (event !== `${table}.${op}`) return null;
  if (typeof id !== 'string' || id === '') return null;
  if (!isRecord(record) || record.id !== id) return null;
  if (typeof ref !== 'boolean') return null;
  if (table === 'chats') {
    if (ref) return null;
    if (op !== 'delete' && typeof record.user_id !== 'string') return null;
  } else {
    if (typeof record.chat_id !== 'string') return null;
    if (op === 'delete') {
      if (!ref) return null;
    } else if (ref) {
      if (typeof record.content_length !== 'number') return null;
    } else if (typeof record.content !== 'string') {
      return null;
    }
  }
  return payload as RealtimePayload;
}

function resolveTokenSource(
  client: UserTopicClient,
  realtime: RealtimeClient,
  getToken: (() => Promise<string | null>) | undefined,
): () => Promise<string | null> {
  if (getToken) return getToken;
  if ('realtime' in client) {
    // supabase-js keeps the third-party `accessToken` option (the Clerk getter) on the client;
    // its Realtime callback wraps it with a fallback to the API key, which we must not use.
    const own = (client as unknown as { accessToken?: unknown }).accessToken;
    if (typeof own === 'function') return () => (own as () => Promise<string | null>).call(client);
  }
  const callback = realtime.accessToken;
  if (callback) return () => callback();
  throw new Error(
    'subscribeToUserTopic: no token source; pass getToken or a client created with accessToken',
  );
}

function decodeJwtClaims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part || token.split('.').length !== 3) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return isRecord(claims) ? claims : null;
  } catch {
    return null;
  }
}

function describeReply(response: unknown): string {
  if (isRecord(response) && typeof response.reason === 'string') return response.reason;
  if (typeof response === 'string') return response;
  return 'join refused';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
