// Hosted mode in React: one Supabase Realtime connection per signed-in user (supabase-source.ts),
// made once Clerk and the app agree who that is, and closed on sign-out, on a change of user and
// on unmount. Uses Clerk's useAuth, so it runs only inside ClerkProvider (Clerk sign-in on).
'use client';

import { useAuth } from '@clerk/nextjs';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '../trpc/react';
import type { RealtimeSink } from './sink';
import { connectSupabaseRealtime } from './supabase-source';

export interface SupabaseRealtimeSettings {
  url: string;
  anonKey: string;
}

export function useSupabaseEvents(settings: SupabaseRealtimeSettings, sink: RealtimeSink): void {
  const trpc = useTRPC();
  const { isLoaded, isSignedIn, userId, getToken } = useAuth();
  const me = useQuery(trpc.me.get.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  // The latest token getter and sink, without reconnecting when their identity changes.
  const latest = useRef({ getToken, sink });
  latest.current = { getToken, sink };

  // The topic is the app's user id, which in Clerk mode is the Clerk user id; waiting until both
  // agree avoids joining with one person's token while the page still shows another's data.
  const topicUserId = isLoaded && isSignedIn && me.data?.id === userId ? userId : null;
  const { url, anonKey } = settings;

  useEffect(() => {
    if (!topicUserId) return;
    return connectSupabaseRealtime({
      url,
      anonKey,
      userId: topicUserId,
      getToken: () => latest.current.getToken(),
      sink: {
        onEvent: (payload) => latest.current.sink.onEvent(payload),
        onStatus: (status) => latest.current.sink.onStatus(status),
        onResync: () => latest.current.sink.onResync(),
      },
    });
  }, [topicUserId, url, anonKey]);
}
