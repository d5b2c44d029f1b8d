// The theme menu's state: the stored choice (light, dark or system), kept in step with other tabs,
// and a setter that stores it and repaints at once without the colours fading (see lib/theme.ts
// for the inline script that applies the choice before the first paint).
'use client';

import { useSyncExternalStore } from 'react';
import { applyTheme, THEME_STORAGE_KEY, type ThemeChoice, toThemeChoice } from '~/lib/theme';

/** Sent on this page when the choice changes here (`storage` fires only in the other tabs). */
const CHANGED = 'zatten:theme';

function subscribe(onChange: () => void) {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function stored(): string | null {
  try {
    return window.localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage refused: the choice holds for this page only.
  }
  const root = document.documentElement;
  root.setAttribute('data-theme-switching', '');
  applyTheme(root, choice, window.matchMedia('(prefers-color-scheme: dark)').matches);
  // Style the new colours with transitions off, then allow them again.
  void window.getComputedStyle(root).color;
  window.setTimeout(() => root.removeAttribute('data-theme-switching'), 1);
  window.dispatchEvent(new Event(CHANGED));
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(
    subscribe,
    () => toThemeChoice(stored()),
    () => 'system',
  );
}
