// Live updates for the dashboard (local mode): one subscription to events.user, whose events
// (chat and message rows inserted, updated or deleted by any tab, device or API call) are merged
// into the cached chat lists and the open chat's messages. Events too large to carry their row
// (`ref: true`) make the affected list refetch. In Supabase mode the browser will join Realtime
// instead (a later change), so this hook stays idle there.
'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import type { RealtimePayload } from '@zatten/db/browser';
import { useEffect, useRef } from 'react';
import {
  type CacheTarget,
  invalidateMessages,
  removeChat,
  removeMessage,
  upsertChat,
  upsertMessage,
} from '../chats/cache';
import type { Chat, Message } from '../chats/types';
import { useTRPC } from '../trpc/react';
import { setLiveStatus } from './connection';

export function applyRealtimePayload(target: CacheTarget, payload: RealtimePayload): void {
  if (payload.table === 'chats') {
    if (payload.op === 'delete') removeChat(target, payload.id);
    else upsertChat(target, payload.record as Chat);
    return;
  }
  const record = payload.record;
  if (payload.op === 'delete') {
    if ('chat_id' in record) removeMessage(target, record.chat_id, payload.id);
    return;
  }
  if (payload.ref || !('content' in record)) {
    if ('chat_id' in record) void invalidateMessages(target, record.chat_id);
    return;
  }
  upsertMessage(target, record as Message);
}

export function useLiveUpdates(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const info = useQuery(
    trpc.system.info.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const enabled = info.data?.realtime.mode === 'local';
  const wasLive = useRef(false);

  const subscription = useSubscription(
    trpc.events.user.subscriptionOptions(undefined, {
      enabled,
      onData: (event) => applyRealtimePayload({ queryClient, trpc }, event.data.payload),
    }),
  );

  useEffect(() => {
    if (!enabled) {
      setLiveStatus('idle');
      return;
    }
    if (subscription.status === 'pending') {
      // Connected again after a break: events missed meanwhile are replayed from the last event
      // id, and a refetch covers anything older than the server keeps.
      if (wasLive.current) {
        void queryClient.invalidateQueries(trpc.chat.pathFilter());
        void queryClient.invalidateQueries(trpc.message.list.pathFilter());
      }
      wasLive.current = true;
      setLiveStatus('live');
    } else if (subscription.status === 'connecting' || subscription.status === 'error') {
      setLiveStatus(wasLive.current ? 'reconnecting' : 'connecting');
    }
  }, [enabled, subscription.status, queryClient, trpc]);

  useEffect(() => () => setLiveStatus('idle'), []);
}
