// Hosted mode's source of live events, without React: joins the user's private Supabase Realtime
// channel `user:<id>` with the Clerk session token (subscribeToUserTopic keeps it fresh and
// reports the connection) and delivers into the sink. supabase-js is loaded on demand, so local
// mode never ships it. Returns the function that leaves the channel and closes the socket.
import type { RealtimeSink } from './sink';

export interface SupabaseSourceOptions {
  url: string;
  anonKey: string;
  /** The app's user id, which in Clerk mode is the Clerk user id (the token's `sub`). */
  userId: string;
  /** The current Clerk session token. */
  getToken: () => Promise<string | null>;
  sink: RealtimeSink;
}

export function connectSupabaseRealtime(options: SupabaseSourceOptions): () => void {
  const { url, anonKey, userId, getToken, sink } = options;
  let stopped = false;
  let close = () => {};
  const status = (next: Parameters<RealtimeSink['onStatus']>[0]) => {
    if (!stopped) sink.onStatus(next);
  };

  status('connecting');
  import('@zatten/db/browser').then(
    ({ createSupabaseBrowserClient, subscribeToUserTopic }) => {
      if (stopped) return;
      const client = createSupabaseBrowserClient({ url, anonKey, accessToken: getToken });
      const leave = subscribeToUserTopic(client, {
        userId,
        getToken,
        onEvent: (payload) => {
          if (!stopped) sink.onEvent(payload);
        },
        // A token problem keeps the channel down until it is solved: shown as reconnecting.
        onStatus: (next, detail) => {
          if (next === 'error') console.warn('Live updates paused:', detail?.reason);
          status(next === 'error' ? 'reconnecting' : next);
        },
        onResync: () => {
          if (!stopped) sink.onResync();
        },
      });
      close = () => {
        leave();
        void client.removeAllChannels().finally(() => client.realtime.disconnect());
      };
    },
    (error: unknown) => {
      console.error('Live updates could not start:', error);
      status('reconnecting');
    },
  );

  return () => {
    if (stopped) return;
    stopped = true;
    close();
    sink.onStatus('idle');
  };
}
