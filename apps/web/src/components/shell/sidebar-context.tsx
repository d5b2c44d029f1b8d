// Whether the sidebar is showing: a slide-in sheet on phones, a collapsible column on wider
// screens. Both are opened and closed from the chat header, the sidebar itself and a shortcut.
'use client';

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

interface SidebarState {
  mobileOpen: boolean;
  setMobileOpen: (open: boolean) => void;
  collapsed: boolean;
  setCollapsed: (collapsed: boolean) => void;
  /** Opens or closes whichever form of the sidebar the screen uses. */
  toggle: () => void;
  /** Increments on each request to focus chat search (the sidebar opens and focuses it). */
  searchRequest: number;
  requestSearch: () => void;
}

const SidebarContext = createContext<SidebarState | null>(null);

export function SidebarProvider({ children }: { children: ReactNode }) {
  const [mobileOpen, setMobileOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const toggle = useCallback(() => {
    if (window.matchMedia('(min-width: 768px)').matches) setCollapsed((value) => !value);
    else setMobileOpen((value) => !value);
  }, []);
  const [searchRequest, setSearchRequest] = useState(0);
  const requestSearch = useCallback(() => {
    if (window.matchMedia('(min-width: 768px)').matches) setCollapsed(false);
    else setMobileOpen(true);
    setSearchRequest((count) => count + 1);
  }, []);
  const value = useMemo(
    () => ({
      mobileOpen,
      setMobileOpen,
      collapsed,
      setCollapsed,
      toggle,
      searchRequest,
      requestSearch,
    }),
    [mobileOpen, collapsed, toggle, searchRequest, requestSearch],
  );
  return <SidebarContext.Provider value={value}>{children}</SidebarContext.Provider>;
}

export function useSidebar(): SidebarState {
  const state = useContext(SidebarContext);
  if (!state) throw new Error('useSidebar needs <SidebarProvider> above it');
  return state;
}
