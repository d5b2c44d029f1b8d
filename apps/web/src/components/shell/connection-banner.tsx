// Tells the person when the app cannot reach the server: offline, or live updates reconnecting.
// What they type is kept; replies in progress resume where they left off once back.
'use client';

import { CloudOff, RefreshCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useOnline } from '~/lib/hooks/use-online';
import { useLiveStatus } from '~/lib/realtime/connection';

export function ConnectionBanner() {
  const t = useTranslations('connection');
  const online = useOnline();
  const live = useLiveStatus();
  const state = !online ? 'offline' : live === 'reconnecting' ? 'reconnecting' : null;
  return (
    // data-live: the live-updates state, for tests that must wait until updates flow.
    <div role="status" aria-live="polite" className="empty:hidden" data-live={live}>
      {state ? (
        <div className="flex items-center justify-center gap-2 bg-warning-soft px-4 py-2 text-center text-[13px] text-warning-foreground">
          {state === 'offline' ? (
            <CloudOff aria-hidden className="size-4 shrink-0" />
          ) : (
            <RefreshCw aria-hidden className="size-4 shrink-0 animate-spin" />
          )}
          <span>{state === 'offline' ? t('offline') : t('reconnecting')}</span>
        </div>
      ) : null}
    </div>
  );
}
