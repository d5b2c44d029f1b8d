// Where every live-update source delivers: events into the query cache (applyRealtimePayload),
// connection states into the banner's store, and "refetch what you may have missed" after a
// reconnect. Sources differ only in how they connect.
import type { RealtimePayload } from '@zatten/db/browser';
import type { CacheTarget } from '../chats/cache';
import { applyRealtimePayload, resyncLiveQueries } from './apply';
import { type LiveStatus, setLiveStatus } from './connection';

export interface RealtimeSink {
  onEvent(payload: RealtimePayload): void;
  onStatus(status: LiveStatus): void;
  onResync(): void;
}

export function createRealtimeSink(
  target: CacheTarget,
  onStatus: (status: LiveStatus) => void = setLiveStatus,
): RealtimeSink {
  return {
    onEvent: (payload) => applyRealtimePayload(target, payload),
    onStatus,
    onResync: () => void resyncLiveQueries(target),
  };
}
