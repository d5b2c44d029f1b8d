// A global keyboard shortcut. `mod` means Ctrl on Windows/Linux and Cmd on macOS. Shortcuts
// with a modifier work while typing; plain keys are ignored inside text fields.
'use client';

import { useEffect, useRef } from 'react';

export interface Shortcut {
  key: string;
  mod?: boolean;
  shift?: boolean;
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

function matches(event: KeyboardEvent, shortcut: Shortcut): boolean {
  const mod = isMac() ? event.metaKey : event.ctrlKey;
  return (
    event.key.toLowerCase() === shortcut.key.toLowerCase() &&
    Boolean(shortcut.mod) === mod &&
    Boolean(shortcut.shift) === event.shiftKey &&
    !event.altKey
  );
}

function inTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function useShortcut(
  shortcut: Shortcut,
  handler: (event: KeyboardEvent) => void,
  enabled = true,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const { key, mod, shift } = shortcut;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (!matches(event, { key, mod, shift })) return;
      if (!mod && inTextField(event.target) && key !== 'Escape') return;
      event.preventDefault();
      latest.current(event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key, mod, shift, enabled]);
}
