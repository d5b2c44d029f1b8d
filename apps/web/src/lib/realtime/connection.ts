// The state of the live-updates connection, shared with the banner that tells the person when
// updates are paused (offline, or reconnecting after the server went away).
import { useSyncExternalStore } from 'react';

export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

let status: LiveStatus = 'idle';
const listeners = new Set<() => void>();

export function setLiveStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    subscribe,
    () => status,
    () => 'idle',
  );
}
