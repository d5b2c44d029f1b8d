// Local mode's source of live events: the events.user tRPC subscription (SSE), fed by the
// server's LISTEN relay. Event ids are tracked, so the link's own reconnects resume where they
// left off; each reconnect also refetches what is on screen, in case the server no longer held
// everything missed. When the browser goes offline the subscription is closed rather than left
// on a connection that may be dead without knowing it, and opened again once back online.
'use client';

import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef } from 'react';
import { useOnline } from '../hooks/use-online';
import { markSessionExpired } from '../session-expiry';
import { isUnauthorized } from '../trpc/errors';
import { useTRPC } from '../trpc/react';
import type { RealtimeSink } from './sink';

/** After a subscription ended with an error the link does not retry, start a new one this late. */
const RESTART_AFTER_MS = 3_000;

export function useLocalEvents(enabled: boolean, sink: RealtimeSink): void {
  const trpc = useTRPC();
  const online = useOnline();
  const wasLive = useRef(false);
  const waiting = () => sink.onStatus(wasLive.current ? 'reconnecting' : 'connecting');

  const subscription = useSubscription(
    trpc.events.user.subscriptionOptions(undefined, {
      enabled: enabled && online,
      onStarted: () => {
        if (wasLive.current) sink.onResync();
        wasLive.current = true;
        sink.onStatus('live');
      },
      onConnectionStateChange: (state) => {
        if (state.state === 'connecting') waiting();
      },
      onData: (event) => sink.onEvent(event.data.payload),
    }),
  );

  useEffect(() => {
    if (enabled && !online) sink.onStatus(wasLive.current ? 'reconnecting' : 'connecting');
  }, [enabled, online, sink]);

  const { status, error, reset } = subscription;
  useEffect(() => {
    if (!enabled || !online || status !== 'error') return;
    if (isUnauthorized(error)) {
      markSessionExpired();
      sink.onStatus('idle');
      return;
    }
    sink.onStatus(wasLive.current ? 'reconnecting' : 'connecting');
    const timer = setTimeout(reset, RESTART_AFTER_MS);
    return () => clearTimeout(timer);
  }, [enabled, online, status, error, reset, sink]);

  useEffect(() => {
    if (!enabled) return;
    return () => {
      wasLive.current = false;
      sink.onStatus('idle');
    };
  }, [enabled, sink]);
}
