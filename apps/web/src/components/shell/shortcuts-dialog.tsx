// The keyboard shortcuts, registered once for the whole dashboard, and the dialog that lists
// them (Ctrl/Cmd+/ or the user menu). The search palette's code is not in the first load: it is
// fetched when the page is idle, and mounted the first time it opens.
'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '~/components/ui/dialog';
import { Kbd } from '~/components/ui/kbd';
import { useIdlePreload } from '~/lib/hooks/use-idle-preload';
import { useModKey } from '~/lib/hooks/use-mod-key';
import { useShortcut } from '~/lib/hooks/use-shortcut';
import { useSidebar } from './sidebar-context';

const loadSearchPalette = () => import('../search/search-palette');
const SearchPalette = dynamic(() => loadSearchPalette().then((module) => module.SearchPalette), {
  ssr: false,
});

const OpenContext = createContext<() => void>(() => {});
/** Issue 17: opens the search palette (Ctrl/Cmd+K, or the sidebar's search button). */
const SearchPaletteContext = createContext<() => void>(() => {});

export function useSearchPalette(): () => void {
  return useContext(SearchPaletteContext);
}

export function useShortcutsDialog(): () => void {
  return useContext(OpenContext);
}

export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const t = useTranslations('shortcuts');
  const tc = useTranslations('common');
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const { toggle } = useSidebar();
  const [searching, setSearching] = useState(false);
  // Mounted from its first opening on, so it can animate closed like any dialog.
  const [searchMounted, setSearchMounted] = useState(false);
  const openSearch = useCallback(() => {
    setSearchMounted(true);
    setSearching(true);
  }, []);
  useIdlePreload(loadSearchPalette);
  const mod = useModKey();

  useShortcut({ key: 'o', mod: true, shift: true }, () => router.push('/'));
  useShortcut({ key: 'k', mod: true }, openSearch);
  useShortcut({ key: 's', mod: true, shift: true }, toggle);
  useShortcut({ key: '/', mod: true }, () => setOpen((value) => !value));
  useShortcut({ key: 'Escape', shift: true }, () => {
    document.querySelector<HTMLTextAreaElement>('textarea[data-composer]')?.focus();
  });

  const openDialog = useCallback(() => setOpen(true), []);
  const rows: Array<[string, string[]]> = [
    [t('newChat'), [mod, 'Shift', 'O']],
    [t('search'), [mod, 'K']],
    [t('toggleSidebar'), [mod, 'Shift', 'S']],
    [t('focusComposer'), ['Shift', 'Esc']],
    [t('send'), ['Enter']],
    [t('newLine'), ['Shift', 'Enter']],
    [t('stop'), ['Esc']],
    [t('showShortcuts'), [mod, '/']],
  ];

  return (
    <OpenContext.Provider value={openDialog}>
      <SearchPaletteContext.Provider value={openSearch}>
        {children}
        {searchMounted ? <SearchPalette open={searching} onOpenChange={setSearching} /> : null}
      </SearchPaletteContext.Provider>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={tc('close')}>
          <DialogHeader>
            <DialogTitle>{t('title')}</DialogTitle>
            <DialogDescription>{t('description')}</DialogDescription>
          </DialogHeader>
          <dl className="grid gap-1">
            {rows.map(([label, keys]) => (
              <div
                key={label}
                className="flex items-center justify-between gap-4 rounded-md py-1.5 text-sm"
              >
                <dt>{label}</dt>
                <dd className="flex gap-1">
                  {keys.map((key) => (
                    <Kbd key={key}>{key}</Kbd>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </DialogContent>
      </Dialog>
    </OpenContext.Provider>
  );
}
