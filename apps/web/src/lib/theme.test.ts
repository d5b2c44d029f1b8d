// The inline theme script, run as the browser runs it (its text, against a stand-in document):
// the stored choice or the system's scheme before the first paint, then the system's changes
// while the choice is `system`, and choices made in other tabs.
import { describe, expect, it } from 'vitest';
import { applyTheme, THEME_STORAGE_KEY, themeScript, toThemeChoice } from './theme';

function fakePage(options: {
  stored?: string | null;
  systemDark?: boolean;
  storageFails?: boolean;
}) {
  const classes = new Set<string>();
  const root = {
    classList: {
      toggle: (name: string, on: boolean) => (on ? classes.add(name) : classes.delete(name)),
    },
    style: { colorScheme: '' },
  };
  const storage = new Map<string, string>();
  if (options.stored != null) storage.set(THEME_STORAGE_KEY, options.stored);
  const mediaListeners: (() => void)[] = [];
  const storageListeners: ((event: { key: string | null }) => void)[] = [];
  const media = {
    matches: options.systemDark ?? false,
    addEventListener: (_type: string, listener: () => void) => mediaListeners.push(listener),
  };
  const window = {
    matchMedia: () => media,
    localStorage: {
      getItem: (key: string) => {
        if (options.storageFails) throw new Error('SecurityError');
        return storage.get(key) ?? null;
      },
    },
    addEventListener: (type: string, listener: (event: { key: string | null }) => void) => {
      if (type === 'storage') storageListeners.push(listener);
    },
  };
  new Function('document', 'window', themeScript)({ documentElement: root }, window);
  return {
    theme: () => ({ classes: [...classes].sort(), colorScheme: root.style.colorScheme }),
    systemTurns: (dark: boolean) => {
      media.matches = dark;
      for (const listener of mediaListeners) listener();
    },
    otherTabStores: (value: string) => {
      storage.set(THEME_STORAGE_KEY, value);
      for (const listener of storageListeners) listener({ key: THEME_STORAGE_KEY });
    },
  };
}

const dark = { classes: ['dark'], colorScheme: 'dark' };
const light = { classes: ['light'], colorScheme: 'light' };

describe('the inline theme script', () => {
  it('applies the stored choice over the system scheme', () => {
    expect(fakePage({ stored: 'dark', systemDark: false }).theme()).toEqual(dark);
    expect(fakePage({ stored: 'light', systemDark: true }).theme()).toEqual(light);
  });

  it("follows the system's scheme without a choice, with `system`, or with an unknown value", () => {
    for (const stored of [null, 'system', 'purple']) {
      const page = fakePage({ stored, systemDark: true });
      expect(page.theme()).toEqual(dark);
      page.systemTurns(false);
      expect(page.theme()).toEqual(light);
    }
  });

  it("keeps a chosen theme when the system's changes", () => {
    const page = fakePage({ stored: 'dark', systemDark: false });
    page.systemTurns(true);
    page.systemTurns(false);
    expect(page.theme()).toEqual(dark);
  });

  it('takes a choice made in another tab', () => {
    const page = fakePage({ stored: 'light', systemDark: true });
    page.otherTabStores('dark');
    expect(page.theme()).toEqual(dark);
    page.otherTabStores('system');
    page.systemTurns(false);
    expect(page.theme()).toEqual(light);
  });

  it('falls back to the system scheme when storage is refused', () => {
    expect(fakePage({ storageFails: true, systemDark: true }).theme()).toEqual(dark);
  });
});

describe('theme choices', () => {
  it('reads anything but light or dark as system', () => {
    expect([null, undefined, '', 'light', 'dark', 'system', 'Dark'].map(toThemeChoice)).toEqual([
      'system',
      'system',
      'system',
      'light',
      'dark',
      'system',
      'system',
    ]);
  });

  it('applies a choice as the script does', () => {
    const classes = new Set<string>();
    const root = {
      classList: {
        toggle: (name: string, on: boolean) => (on ? classes.add(name) : classes.delete(name)),
      },
      style: { colorScheme: '' },
    } as unknown as HTMLElement;
    applyTheme(root, 'system', true);
    expect([...classes]).toEqual(['dark']);
    applyTheme(root, 'light', true);
    expect([...classes]).toEqual(['light']);
    expect(root.style.colorScheme).toBe('light');
  });
});
