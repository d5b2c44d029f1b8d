// Live updates for the signed-in frame: picks the source this installation uses (system.info)
// and feeds it into the one cache path (sink.ts -> apply.ts). Local: the events.user
// subscription. Hosted: Supabase Realtime with the Clerk token, mounted only when Clerk is on
// (its hooks need ClerkProvider), from a chunk of its own (supabase-events.tsx) so local pages
// carry none of Clerk's client code.
'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useEffect, useMemo } from 'react';
import { useTRPC } from '../trpc/react';
import { createRealtimeSink } from './sink';
import { useLocalEvents } from './use-local-events';

// It renders nothing, so there is nothing to render on the server either.
const SupabaseEvents = dynamic(() => import('./supabase-events').then((m) => m.SupabaseEvents), {
  ssr: false,
});

export function LiveUpdates({ authMode }: { authMode: 'clerk' | 'local' }) {
  const trpc = useTRPC();
  const info = useQuery(
    trpc.system.info.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const queryClient = useQueryClient();
  const sink = useMemo(() => createRealtimeSink({ queryClient, trpc }), [queryClient, trpc]);
  const realtime = info.data?.realtime;
  useLocalEvents(realtime?.mode === 'local', sink);

  const unauthorizable = realtime?.mode === 'supabase' && authMode !== 'clerk';
  useEffect(() => {
    // Private Realtime channels are authorized by the Clerk session token; local sign-in has none.
    if (unauthorizable) console.warn('Live updates need Clerk sign-in with Supabase Realtime.');
  }, [unauthorizable]);

  if (realtime?.mode !== 'supabase' || authMode !== 'clerk') return null;
  return <SupabaseEvents settings={{ url: realtime.url, anonKey: realtime.anonKey }} sink={sink} />;
}
