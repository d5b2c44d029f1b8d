// The signed-in person at the foot of the sidebar: picture (or initials), name and email, and a
// menu with theme, language, keyboard shortcuts and sign out. With Clerk, Clerk's own user button
// manages the account and this menu keeps the preferences.
'use client';

import { UserButton, useClerk } from '@clerk/nextjs';
import { useQuery } from '@tanstack/react-query';
import { Keyboard, LogOut, Settings2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { AccountMenuItems } from '~/components/account/account-menu-items';
import { LanguageItems, ThemeItems } from '~/components/settings/preference-items';
import { useShortcutsDialog } from '~/components/shell/shortcuts-dialog';
import { Avatar } from '~/components/ui/avatar';
import { Button } from '~/components/ui/button';
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

function ClerkSignOutItem() {
  const t = useTranslations('auth');
  const clerk = useClerk();
  return (
    <DropdownMenuItem
      onSelect={() => {
        clearAllDrafts();
        void clerk.signOut({ redirectUrl: '/sign-in' });
      }}
    >
      <LogOut aria-hidden />
      {t('signOut')}
    </DropdownMenuItem>
  );
}

export function UserMenu({ authMode }: { authMode: 'clerk' | 'local' }) {
  const t = useTranslations('userMenu');
  const ta = useTranslations('auth');
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const openShortcuts = useShortcutsDialog();
  const name = me.data?.name || me.data?.email.split('@')[0] || '';

  const menu = (
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
      {authMode === 'clerk' ? (
        <ClerkSignOutItem />
      ) : (
        <DropdownMenuItem onSelect={() => void signOutLocally()}>
          <LogOut aria-hidden />
          {ta('signOut')}
        </DropdownMenuItem>
      )}
    </DropdownMenuContent>
  );

  if (authMode === 'clerk') {
    return (
      <div className="flex items-center gap-2 rounded-lg px-1.5 py-1.5">
        <UserButton />
        <span className="min-w-0 flex-1 truncate text-sm font-medium">{name}</span>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon-sm" aria-label={t('preferences')}>
              <Settings2 aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          {menu}
        </DropdownMenu>
      </div>
    );
  }

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
      {menu}
    </DropdownMenu>
  );
}
