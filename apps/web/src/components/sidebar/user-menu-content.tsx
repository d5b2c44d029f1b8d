// The user menu's content (user-menu.tsx): the person's name and email, their settings pages,
// theme, language, keyboard shortcuts and sign out. A chunk of its own, fetched once the menu has
// mounted, so the first load carries only the button at the foot of the sidebar.
'use client';

import { Keyboard, LogOut } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { AccountMenuItems } from '~/components/account/account-menu-items';
import { LanguageItems, ThemeItems } from '~/components/settings/preference-items';
import { useShortcutsDialog } from '~/components/shell/shortcuts-dialog';
import {
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
} from '~/components/ui/dropdown-menu';
import { clearAllDrafts } from '~/lib/drafts';

export interface MenuPerson {
  name: string;
  email: string;
  isAdmin: boolean;
}

async function signOutLocally(): Promise<void> {
  clearAllDrafts();
  await fetch('/api/auth/local', { method: 'DELETE' }).catch(() => undefined);
  window.location.assign('/sign-in');
}

/** Local sign-in's sign out: forget the drafts, end the session, go to sign-in. */
export function LocalSignOutItem() {
  const ta = useTranslations('auth');
  return (
    <DropdownMenuItem onSelect={() => void signOutLocally()}>
      <LogOut aria-hidden />
      {ta('signOut')}
    </DropdownMenuItem>
  );
}

export function UserMenuContent({
  person,
  signOut,
}: {
  /** Null until the person's details have arrived. */
  person: MenuPerson | null;
  signOut: ReactNode;
}) {
  const t = useTranslations('userMenu');
  const openShortcuts = useShortcutsDialog();
  return (
    <DropdownMenuContent side="top" align="start" className="w-64">
      {person ? (
        <div className="px-2.5 py-2">
          <p className="truncate text-sm font-medium">{person.name}</p>
          <p className="truncate text-xs text-muted-foreground">{person.email}</p>
        </div>
      ) : null}
      <DropdownMenuSeparator />
      <AccountMenuItems isAdmin={person?.isAdmin ?? false} />
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
}

/** The local menu's content: UserMenuContent ending with local sign out. */
export function LocalUserMenuContent({ person }: { person: MenuPerson | null }) {
  return <UserMenuContent person={person} signOut={<LocalSignOutItem />} />;
}
