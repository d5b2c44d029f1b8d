// The signed-in frame: sidebar (a column on wide screens, a sheet on phones), the page, and the
// app-wide pieces: live updates, keyboard shortcuts, the connection banner and the dialog for an
// expired session.
'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { AppSidebar } from '~/components/sidebar/app-sidebar';
import { Sheet, SheetContent, SheetDescription, SheetTitle } from '~/components/ui/sheet';
import { cn } from '~/lib/cn';
import { LiveUpdates } from '~/lib/realtime/live-updates';
import { ConnectionBanner } from './connection-banner';
import { SessionExpired } from './session-expired';
import { ShortcutsProvider } from './shortcuts-dialog';
import { SidebarProvider, useSidebar } from './sidebar-context';

function Frame({ authMode, children }: { authMode: 'clerk' | 'local'; children: ReactNode }) {
  const t = useTranslations('sidebar');
  const { mobileOpen, setMobileOpen, collapsed } = useSidebar();
  return (
    <div className="flex h-dvh overflow-hidden">
      <aside
        aria-label={t('label')}
        className={cn(
          'hidden w-[272px] shrink-0 border-r border-sidebar-border md:block',
          collapsed && 'md:hidden',
        )}
      >
        <AppSidebar authMode={authMode} variant="column" />
      </aside>
      <Sheet open={mobileOpen} onOpenChange={setMobileOpen}>
        <SheetContent
          className="md:hidden"
          onOpenAutoFocus={(event) => {
            // Start on "New chat" rather than the close button, whose tooltip would open (and
            // take the first Escape) on focus.
            event.preventDefault();
            (event.currentTarget as HTMLElement | null)
              ?.querySelector<HTMLElement>('[data-autofocus]')
              ?.focus();
          }}
        >
          <SheetTitle className="sr-only">{t('label')}</SheetTitle>
          <SheetDescription className="sr-only">{t('sheetDescription')}</SheetDescription>
          <AppSidebar authMode={authMode} variant="sheet" />
        </SheetContent>
      </Sheet>
      <main className="flex min-w-0 flex-1 flex-col">
        <ConnectionBanner />
        {children}
      </main>
    </div>
  );
}

export function AppShell({
  authMode,
  children,
}: {
  authMode: 'clerk' | 'local';
  children: ReactNode;
}) {
  return (
    <SidebarProvider>
      <ShortcutsProvider>
        <LiveUpdates authMode={authMode} />
        <Frame authMode={authMode}>{children}</Frame>
        <SessionExpired />
      </ShortcutsProvider>
    </SidebarProvider>
  );
}
