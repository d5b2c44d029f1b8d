// The foot of the sidebar with Clerk sign-in: Clerk's own user button manages the account, and
// the preferences menu (user-menu.tsx) ends with Clerk's sign out. Its own module, loaded only
// when Clerk is on, so a local installation's pages carry none of Clerk's client code.
'use client';

import { UserButton, useClerk } from '@clerk/nextjs';
import { LogOut, Settings2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import { DropdownMenu, DropdownMenuItem, DropdownMenuTrigger } from '~/components/ui/dropdown-menu';
import { clearAllDrafts } from '~/lib/drafts';
import { type MenuPerson, UserMenuContent } from './user-menu-content';

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

export function ClerkUserMenu({ name, person }: { name: string; person: MenuPerson | null }) {
  const t = useTranslations('userMenu');
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
        <UserMenuContent person={person} signOut={<ClerkSignOutItem />} />
      </DropdownMenu>
    </div>
  );
}
