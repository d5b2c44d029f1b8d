// The signed-in person at the foot of the sidebar: picture (or initials), name and email, and a
// menu with theme, language, keyboard shortcuts and sign out. With Clerk, Clerk's own user button
// manages the account and this menu keeps the preferences (clerk-user-menu.tsx, loaded only then).
'use client';

import { useQuery } from '@tanstack/react-query';
import { Keyboard, LogOut, Settings2 } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { AccountMenuItems } from '~/components/account/account-menu-items';
import { LanguageItems, ThemeItems } from '~/components/settings/preference-items';
import { useShortcutsDialog } from '~/components/shell/shortcuts-dialog';
import { Avatar } from '~/components/ui/avatar';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '~/components/ui/dropdown-menu';
import { clearAllDrafts } from '~/lib/drafts';
import { useTRPC } from '~/lib/trpc/react';

async function signOutLocally(): Promise<void> {
  clearAllDrafts();
  await fetch('/api/auth/local', { method: 'DELETE' }).catch(() => undefined);
  window.location.assign('/sign-in');
}

// A chunk of its own: Clerk's client code reaches the browser only when Clerk is on.
const ClerkUserMenu = dynamic(() => import('./clerk-user-menu').then((m) => m.ClerkUserMenu));

export function UserMenu({ authMode }: { authMode: 'clerk' | 'local' }) {
  const t = useTranslations('userMenu');
  const ta = useTranslations('auth');
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const openShortcuts = useShortcutsDialog();
  const name = me.data?.name || me.data?.email.split('@')[0] || '';

  const menu = (signOut: ReactNode) => (
    <DropdownMenuContent side="top" align="start" className="w-64">
      {me.data ? (
        <div className="px-2.5 py-2">
          <p className="truncate text-sm font-medium">{name}</p>
          <p className="truncate text-xs text-muted-foreground">{me.data.email}</p>
        </div>
      ) : null}
      <DropdownMenuSeparator />
      <AccountMenuItems isAdmin={me.data?.isAdmin ?? false} />
      <ThemeItems />
      <DropdownMenuSeparator />
      <LanguageItems />
      <DropdownMenuSeparator />
      <DropdownMenuItem onSelect={openShortcuts}>
        <Keyboard aria-hidden />
        {t('shortcuts')}
      </DropdownMenuItem>
      {signOut}
    </DropdownMenuContent>
  );

  if (authMode === 'clerk') return <ClerkUserMenu name={name} menu={menu} />;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <button
          type="button"
          className="flex w-full items-center gap-2.5 rounded-lg px-2 py-2 text-left transition-colors hover:bg-sidebar-accent data-[state=open]:bg-sidebar-accent"
        >
          <Avatar name={me.data?.name} email={me.data?.email} imageUrl={me.data?.imageUrl} />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium">{name || '\u00a0'}</span>
            <span className="block truncate text-xs text-muted-foreground">
              {me.data?.email ?? '\u00a0'}
            </span>
          </span>
          <span className="sr-only">{t('label')}</span>
          <Settings2 aria-hidden className="size-4 text-muted-foreground" />
        </button>
      </DropdownMenuTrigger>
      {menu(
        <DropdownMenuItem onSelect={() => void signOutLocally()}>
          <LogOut aria-hidden />
          {ta('signOut')}
        </DropdownMenuItem>,
      )}
    </DropdownMenu>
  );
}
