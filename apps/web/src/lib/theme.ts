// The colour theme: light, dark or the system's. The choice is kept in localStorage under `theme`
// (the key next-themes used, so a choice made before carries over). An inline script in the root
// layout applies it before the first paint and keeps following it for the page's life: the
// system's scheme while the choice is `system`, and a choice made in another tab. The theme menu
// (preference-items.tsx, loaded with the menu) writes the choice and applies it at once. No
// provider runs on the page: nothing else needs the theme in React.
export const THEME_STORAGE_KEY = 'theme';

export const THEME_CHOICES = ['light', 'dark', 'system'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** A stored value as a choice: anything unknown (or nothing) is `system`. */
export function toThemeChoice(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/**
 * Puts a stored choice on the document: the `dark` or `light` class (the stylesheet's dark variant
 * reads `.dark`) and the matching `color-scheme`, for the browser's own controls and scrollbars.
 * Self-contained: the inline script carries it as text.
 */
export function applyTheme(root: HTMLElement, stored: string | null, systemDark: boolean) {
  const dark = stored === 'dark' || (stored !== 'light' && systemDark);
  root.classList.toggle('dark', dark);
  root.classList.toggle('light', !dark);
  root.style.colorScheme = dark ? 'dark' : 'light';
}

/**
 * The inline script's body, self-contained (it is sent as text, with applyTheme): applies the
 * stored choice and follows the system's scheme and other tabs' choices.
 */
export function followTheme(key: string, apply: typeof applyTheme) {
  const root = document.documentElement;
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const read = () => {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null; // storage refused (private mode, blocked site data): the system's scheme
    }
  };
  const update = () => apply(root, read(), media.matches);
  update();
  media.addEventListener('change', update);
  window.addEventListener('storage', (event) => {
    if (event.key === key || event.key === null) update();
  });
}

/** The text of the root layout's inline theme script. */
export const themeScript = `(${followTheme.toString()})(${JSON.stringify(THEME_STORAGE_KEY)},${applyTheme.toString()})`;
