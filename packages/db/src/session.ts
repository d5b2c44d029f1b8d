// The process's one session connection: everything that needs a Postgres session rather than a
// transaction (LISTEN for the local realtime relay and for run cancels, the run owner's advisory
// lock) shares this single connection. A transaction pooler (Supabase's on port 6543, PgBouncer
// in transaction mode) hands each transaction to any server connection, so a LISTEN or a session
// lock taken through it would be lost; this connection therefore uses the direct (or
// session-mode) URL. It opens on first use and, when the server drops it (a restart, a
// failover), comes back by itself: it listens again, takes its locks again, and tells each
// listener, which then reads what it missed.
import pg from 'pg';

export const SESSION_APPLICATION_NAME = 'zatten-session';

export interface SessionConnection {
  /**
   * Calls `onNotify` with each notification on `channel`, and `onListen` every time the channel
   * is (re)listened on a fresh connection. Resolves once listening; returns the unlisten function.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>;
  /**
   * Holds the session advisory lock on `key` while the connection lives, taking it again after a
   * reconnect. Resolves once held; returns the function that releases it.
   */
  holdLock(key: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface Handler {
  onNotify: (payload: string) => void;
  onListen?: () => void;
}

export interface SessionOptions {
  connectMs: number;
  onError?: (error: Error) => void;
  /** First wait before reconnecting; doubles up to 5 s. */
  retryMs?: number;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function createSessionConnection(url: string, options: SessionOptions): SessionConnection {
  const channels = new Map<string, Set<Handler>>();
  const locks = new Set<number>();
  let client: pg.Client | null = null;
  /** The locks the current connection holds (a lock taken twice would need two unlocks). */
  let held = new Set<number>();
  let connecting: Promise<pg.Client> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let retryMs = options.retryMs ?? 250;
  let closed = false;

  const scheduleReconnect = () => {
    if (closed || retry || (!channels.size && !locks.size)) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch(() => scheduleReconnect());
    }, retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, 5_000);
  };

  const drop = (dropped: pg.Client, error?: Error) => {
    if (client !== dropped) return;
    client = null;
    if (error && !closed) options.onError?.(error);
    dropped.end().catch(() => {});
    scheduleReconnect();
  };

  const connect = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    if (connecting) return connecting;
    const next = new pg.Client({
      connectionString: url,
      application_name: SESSION_APPLICATION_NAME,
      connectionTimeoutMillis: options.connectMs,
      keepAlive: true,
    });
    next.on('notification', (message) => {
      for (const handler of channels.get(message.channel) ?? []) {
        handler.onNotify(message.payload ?? '');
      }
    });
    next.on('error', (error) => drop(next, error));
    next.on('end', () => drop(next));
    connecting = (async () => {
      try {
        await next.connect();
        held = new Set();
        for (const key of locks) {
          await next.query('select pg_advisory_lock($1)', [key]);
          held.add(key);
        }
        for (const channel of channels.keys()) await next.query(`listen ${quoteIdent(channel)}`);
      } catch (error) {
        next.end().catch(() => {});
        throw error;
      }
      if (closed) {
        await next.end().catch(() => {});
        throw new Error('session connection closed');
      }
      client = next;
      retryMs = options.retryMs ?? 250;
      for (const handlers of channels.values()) {
        for (const handler of handlers) handler.onListen?.();
      }
      return next;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  // LISTEN is idempotent, so it is sent even when the connect that just ran replayed it.
  const listenOn = async (channel: string) => {
    const live = await connect();
    await live.query(`listen ${quoteIdent(channel)}`);
  };
  const lockOn = async (key: number) => {
    const live = await connect();
    if (held.has(key)) return;
    await live.query('select pg_advisory_lock($1)', [key]);
    held.add(key);
  };

  return {
    async listen(channel, onNotify, onListen) {
      const handler: Handler = { onNotify, onListen };
      let handlers = channels.get(channel);
      const first = !handlers;
      if (!handlers) {
        handlers = new Set();
        channels.set(channel, handlers);
      }
      handlers.add(handler);
      try {
        if (first) await listenOn(channel);
        else await connect();
      } catch (error) {
        // Kept registered: the reconnect loop listens as soon as the server answers.
        scheduleReconnect();
        throw error;
      }
      return async () => {
        const current = channels.get(channel);
        if (!current?.delete(handler) || current.size) return;
        channels.delete(channel);
        await client?.query(`unlisten ${quoteIdent(channel)}`).catch(() => {});
      };
    },
    async holdLock(key) {
      locks.add(key);
      try {
        await lockOn(key);
      } catch (error) {
        scheduleReconnect();
        throw error;
      }
      return async () => {
        if (!locks.delete(key)) return;
        held.delete(key);
        await client?.query('select pg_advisory_unlock($1)', [key]).catch(() => {});
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const live = client ?? (await connecting?.catch(() => null)) ?? null;
      client = null;
      await live?.end().catch(() => {});
    },
  };
}
