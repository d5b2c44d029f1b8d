// The sidebar: brand, "new chat", search, the chat list and the signed-in person. The same
// content fills the desktop column and the phone sheet.
'use client';

import { PanelLeftClose, SquarePen } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ZattenLogo } from '~/components/brand/logo';
import { useSidebar } from '~/components/shell/sidebar-context';
import { Button } from '~/components/ui/button';
import { Tooltip } from '~/components/ui/tooltip';
import { useDebounced } from '~/lib/hooks/use-debounced';
import { ChatList } from './chat-list';
import { ChatSearch } from './chat-search';
import { UserMenu } from './user-menu';

export function AppSidebar({
  authMode,
  variant,
}: {
  authMode: 'clerk' | 'local';
  variant: 'column' | 'sheet';
}) {
  const t = useTranslations('sidebar');
  const { setMobileOpen, setCollapsed } = useSidebar();
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search.trim(), 250);
  const close = () => (variant === 'sheet' ? setMobileOpen(false) : setCollapsed(true));
  const onNavigate = variant === 'sheet' ? () => setMobileOpen(false) : undefined;

  return (
    <div data-sidebar className="flex h-full min-h-0 flex-col bg-sidebar text-sidebar-foreground">
      <div className="flex h-14 shrink-0 items-center justify-between px-3">
        <Link href="/" onClick={onNavigate} className="rounded-lg px-1 py-1" aria-label={t('home')}>
          <ZattenLogo />
        </Link>
        <Tooltip label={t('closeSidebar')} side="right">
          <Button variant="subtle" size="icon-sm" onClick={close} aria-label={t('closeSidebar')}>
            <PanelLeftClose aria-hidden />
          </Button>
        </Tooltip>
      </div>
      <div className="grid shrink-0 gap-2 px-3 pb-2">
        <Button asChild variant="outline" className="justify-start gap-2.5 bg-surface shadow-xs">
          <Link href="/" onClick={onNavigate} data-autofocus>
            <SquarePen aria-hidden />
            {t('newChat')}
          </Link>
        </Button>
        <ChatSearch value={search} onChange={setSearch} />
      </div>
      <div className="min-h-0 flex-1 overflow-x-hidden overflow-y-auto px-2 [scrollbar-width:thin]">
        <ChatList search={debouncedSearch} onNavigate={onNavigate} />
      </div>
      <div className="shrink-0 border-t border-sidebar-border p-2">
        <UserMenu authMode={authMode} />
      </div>
    </div>
  );
}
