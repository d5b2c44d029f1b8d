// The label of the shortcut modifier on this machine (⌘ on Apple devices, Ctrl elsewhere),
// rendered as Ctrl on the server and corrected after hydration without a mismatch.
'use client';

import { useSyncExternalStore } from 'react';
import { isMac } from './use-shortcut';

const noop = () => () => {};

export function useModKey(): string {
  return useSyncExternalStore(
    noop,
    () => (isMac() ? '⌘' : 'Ctrl'),
    () => 'Ctrl',
  );
}
