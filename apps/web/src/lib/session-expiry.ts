// A tiny store that flips when any request answers UNAUTHORIZED, so one dialog can tell the
// person their session ended and offer to sign in again (their drafts are kept).
import { useSyncExternalStore } from 'react';

let expired = false;
const listeners = new Set<() => void>();

export function markSessionExpired(): void {
  if (expired) return;
  expired = true;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSessionExpired(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => expired,
    () => false,
  );
}
