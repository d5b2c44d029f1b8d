// The local stand-in for Supabase Realtime: a LISTEN on the process's session connection turns the
// notifications of the local `realtime.send` into typed events per user topic. A notification carries only an event
// id; the events themselves are read from realtime.messages, so after a reconnect (a database
// restart, a dropped socket) each topic reads everything it missed since its last event id. The
// reads go through the query pool: the relay opens no connection of its own.
import type { Database } from '../client';
import { queryOnLiveConnection } from '../scope';
import type { RealtimeEvent, RealtimePayload } from './events';

const CHANNEL = 'zatten_realtime';
const MAX_EVENT_ID = 2n ** 63n - 1n;

type Listener = (event: RealtimeEvent) => void;

interface TopicState {
  listeners: Set<Listener>;
  lastId: bigint;
  reading: Promise<void> | null;
  again: boolean;
}

export interface RealtimeRelay {
  /**
   * Delivers the topic's events after `sinceId` (or from now) to `listener`, in order, once each.
   * Returns the function that unsubscribes.
   */
  subscribe(topic: string, listener: Listener, options?: { sinceId?: string }): Promise<() => void>;
  /** Resolves once the LISTEN connection is up. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface RealtimeRelayOptions {
  /** How long events stay readable for reconnecting subscribers. */
  retentionMs?: number;
  onError?: (error: unknown) => void;
}

interface EventRow {
  id: string;
  topic: string;
  event: string | null;
  payload: RealtimePayload;
}

export function createRealtimeRelay(
  database: Pick<Database, 'pool' | 'session'>,
  options: RealtimeRelayOptions = {},
): RealtimeRelay {
  const retentionMs = options.retentionMs ?? 60 * 60 * 1000;
  const onError = options.onError ?? ((error) => console.error('realtime relay:', error));
  const { pool, session } = database;
  const topics = new Map<string, TopicState>();
  let closed = false;

  /** The topic's events after `after` and up to `upTo`, oldest first. */
  const readEvents = async (
    topic: string,
    after: bigint,
    upTo = MAX_EVENT_ID,
    limit = 10_000,
  ): Promise<RealtimeEvent[]> => {
    // Reads: after a database restart they go out again on a live connection.
    const { rows } = await queryOnLiveConnection<EventRow>(pool, {
      text: `select id::text, topic, event, payload from realtime.messages
       where topic = $1 and id > $2 and id <= $3
       order by id limit $4`,
      values: [topic, after.toString(), upTo.toString(), limit],
    });
    return rows.map((row) => ({
      id: row.id,
      topic: row.topic,
      event: row.event ?? '',
      payload: row.payload,
    }));
  };

  const readNew = (topic: string, state: TopicState): Promise<void> => {
    if (state.reading) {
      state.again = true;
      return state.reading;
    }
    state.reading = (async () => {
      do {
        state.again = false;
        const rows = await readEvents(topic, state.lastId, MAX_EVENT_ID, 1000);
        for (const event of rows) {
          state.lastId = BigInt(event.id);
          for (const listener of state.listeners) listener(event);
        }
        if (rows.length === 1000) state.again = true;
      } while (state.again && !closed);
    })()
      .catch((error: unknown) => {
        if (!closed) onError(error);
      })
      .finally(() => {
        state.reading = null;
      });
    return state.reading;
  };

  const onNotify = (raw: string) => {
    try {
      const { topic } = JSON.parse(raw) as { id: number; topic: string };
      const state = topics.get(topic);
      if (state) void readNew(topic, state);
    } catch (error) {
      onError(error);
    }
  };

  // Re-read every topic on each (re)connect: whatever was sent while the socket was down.
  const onListen = () => {
    for (const [topic, state] of topics) void readNew(topic, state);
  };

  const listening = session.listen(CHANNEL, onNotify, onListen);
  listening.catch((error: unknown) => onError(error));

  const cleanup = setInterval(
    () => {
      pool
        .query(
          'delete from realtime.messages where inserted_at < now() - make_interval(secs => $1)',
          [retentionMs / 1000],
        )
        .catch(onError);
    },
    Math.min(retentionMs, 10 * 60 * 1000),
  );
  cleanup.unref();

  return {
    async subscribe(topic, listener, subscribeOptions = {}) {
      let state = topics.get(topic);
      if (!state) {
        let lastId: bigint;
        if (subscribeOptions.sinceId !== undefined) {
          lastId = BigInt(subscribeOptions.sinceId);
        } else {
          const {
            rows: [row],
          } = await queryOnLiveConnection<{ id: string }>(pool, {
            text: 'select coalesce(max(id), 0)::text as id from realtime.messages where topic = $1',
            values: [topic],
          });
          lastId = BigInt(row?.id ?? '0');
        }
        state = topics.get(topic) ?? { listeners: new Set(), lastId, reading: null, again: false };
        topics.set(topic, state);
      }
      const current = state;
      if (subscribeOptions.sinceId !== undefined) {
        // A resuming subscriber first gets what the topic already delivered to others since its
        // id; the loop ends with no await before it joins, so nothing falls between the two.
        let upTo = BigInt(subscribeOptions.sinceId);
        while (upTo < current.lastId) {
          const target = current.lastId;
          for (const event of await readEvents(topic, upTo, target)) listener(event);
          upTo = target;
        }
      }
      current.listeners.add(listener);
      void readNew(topic, current);
      return () => {
        current.listeners.delete(listener);
        if (current.listeners.size === 0 && topics.get(topic) === current) topics.delete(topic);
      };
    },
    async ready() {
      await listening;
    },
    async close() {
      closed = true;
      clearInterval(cleanup);
      const unlisten = await listening.catch(() => null);
      await unlisten?.();
    },
  };
}
