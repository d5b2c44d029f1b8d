// The one place that builds a `Database`-typed Supabase client: hosted mode uses it in the
// browser for Realtime, with the Clerk session token as its access token.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from './database.types';

export type ZattenSupabaseClient = SupabaseClient<Database>;

export function createSupabaseBrowserClient(options: {
  url: string;
  anonKey: string;
  /** Returns the current Clerk session token (Supabase third-party auth). */
  accessToken: () => Promise<string | null>;
}): ZattenSupabaseClient {
  return createClient<Database>(options.url, options.anonKey, {
    accessToken: options.accessToken,
    realtime: { params: { eventsPerSecond: 20 } },
  });
}

export type { Database } from './database.types';
export type { RealtimeEvent, RealtimePayload } from './realtime/events';
export { userTopic } from './realtime/events';
export type {
  SubscribeToUserTopicOptions,
  UserTopicClient,
  UserTopicEventMeta,
  UserTopicStatus,
  UserTopicStatusDetail,
} from './realtime/supabase-channel';
export { parseRealtimePayload, subscribeToUserTopic } from './realtime/supabase-channel';
