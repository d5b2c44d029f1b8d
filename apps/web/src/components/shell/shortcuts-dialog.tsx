// The keyboard shortcuts, registered once for the whole dashboard, and the dialog that lists
// them (Ctrl/Cmd+/ or the user menu). The search palette's code is not in the first load: it is
// fetched when the page is idle, and mounted the first time it opens; the dialog's list is a chunk
// of its own too (shortcuts-dialog-content.tsx), fetched once the dashboard has mounted.
'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';
import { lazyDialog } from '~/components/ui/dialog';
import { useIdlePreload } from '~/lib/hooks/use-idle-preload';
import { useShortcut } from '~/lib/hooks/use-shortcut';
import { useSidebar } from './sidebar-context';

const loadSearchPalette = () => import('../search/search-palette');
const SearchPalette = dynamic(() => loadSearchPalette().then((module) => module.SearchPalette), {
  ssr: false,
});

const shortcuts = lazyDialog(() => import('./shortcuts-dialog-content'));
const ShortcutsContent = shortcuts.part((content) => content.ShortcutsDialogContent);

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

  useShortcut({ key: 'o', mod: true, shift: true }, () => router.push('/'));
  useShortcut({ key: 'k', mod: true }, openSearch);
  useShortcut({ key: 's', mod: true, shift: true }, toggle);
  useShortcut({ key: '/', mod: true }, () => setOpen((value) => !value));
  useShortcut({ key: 'Escape', shift: true }, () => {
    document.querySelector<HTMLTextAreaElement>('textarea[data-composer]')?.focus();
  });

  const openDialog = useCallback(() => setOpen(true), []);
  return (
    <OpenContext.Provider value={openDialog}>
      <SearchPaletteContext.Provider value={openSearch}>
        {children}
        {searchMounted ? <SearchPalette open={searching} onOpenChange={setSearching} /> : null}
      </SearchPaletteContext.Provider>
      <shortcuts.Dialog open={open} onOpenChange={setOpen}>
        <ShortcutsContent />
      </shortcuts.Dialog>
    </OpenContext.Provider>
  );
}
