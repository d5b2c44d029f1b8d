// The signed-in person at the foot of the sidebar: picture (or initials), name and email, and a
// menu with theme, language, keyboard shortcuts and sign out. With Clerk, Clerk's own user button
// manages the account and this menu keeps the preferences (clerk-user-menu.tsx, loaded only then).
// The menu's content is a chunk of its own (user-menu-content.tsx), fetched once it has mounted.
'use client';

import { useQuery } from '@tanstack/react-query';
import { Settings2 } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { Avatar } from '~/components/ui/avatar';
import { lazyMenu } from '~/components/ui/dropdown-menu';
import { useTRPC } from '~/lib/trpc/react';
import type { MenuPerson } from './user-menu-content';

// A chunk of its own: Clerk's client code reaches the browser only when Clerk is on.
const ClerkUserMenu = dynamic(() => import('./clerk-user-menu').then((m) => m.ClerkUserMenu));

const menu = lazyMenu(() => import('./user-menu-content'));
const MenuContent = menu.part((content) => content.LocalUserMenuContent);

export function UserMenu({ authMode }: { authMode: 'clerk' | 'local' }) {
  const t = useTranslations('userMenu');
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const name = me.data?.name || me.data?.email.split('@')[0] || '';
  const person: MenuPerson | null = me.data
    ? { name, email: me.data.email, isAdmin: me.data.isAdmin }
    : null;

  if (authMode === 'clerk') return <ClerkUserMenu name={name} person={person} />;

  return (
    <menu.Menu>
      <menu.Trigger asChild>
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
      </menu.Trigger>
      <MenuContent person={person} />
    </menu.Menu>
  );
}
