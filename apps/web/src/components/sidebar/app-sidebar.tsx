// The sidebar: brand, "new chat", search, the chat list and the signed-in person. The same
// content fills the desktop column and the phone sheet. Issue 17: a "select" mode for bulk
// archive and delete, and the archived view (its entry sits under the list). The bulk bar acts
// only once "select" is pressed: a chunk of its own, fetched when the page is idle or the pointer
// or focus reaches the select button, whichever comes first.
'use client';

import { Archive, ArrowLeft, ListChecks, PanelLeftClose, SquarePen } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import { ZattenLogo } from '~/components/brand/logo';
import { useSidebar } from '~/components/shell/sidebar-context';
import { Button } from '~/components/ui/button';
import { lazyModule } from '~/components/ui/lazy-overlay';
import { Tooltip } from '~/components/ui/tooltip';
import { useDebounced } from '~/lib/hooks/use-debounced';
import { useIdlePreload } from '~/lib/hooks/use-idle-preload';
import { ChatList, type ChatSelection } from './chat-list';
import { ChatSearch } from './chat-search';
import { UserMenu } from './user-menu';

const bulkBar = lazyModule(() => import('./bulk-bar'));
const preloadBulkBar = () => void bulkBar.load().catch(() => undefined);

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
  const to = useTranslations('organize');
  useIdlePreload(bulkBar.load);
  // Until its chunk has arrived (a moment at most), selecting shows the checkboxes alone.
  const BulkBar = bulkBar.useModule(false)?.BulkBar;
  const [archivedView, setArchivedView] = useState(false);
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const toggleSelected = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const selection = useMemo<ChatSelection | null>(
    () => (selected ? { ids: selected, toggle: toggleSelected } : null),
    [selected, toggleSelected],
  );

  return (
    <div data-sidebar className="flex h-full min-h-0 flex-col bg-sidebar text-sidebar-foreground">
      <div className="flex h-14 shrink-0 items-center justify-between px-3">
        <Link href="/" onClick={onNavigate} className="rounded-lg px-1 py-1" aria-label={t('home')}>
          <ZattenLogo />
        </Link>
        <div className="flex items-center gap-0.5">
          <Tooltip label={to('select')} side="bottom">
            <Button
              variant="subtle"
              size="icon-sm"
              onClick={() => {
                preloadBulkBar();
                setSelected((current) => (current ? null : new Set()));
              }}
              onPointerEnter={preloadBulkBar}
              onFocus={preloadBulkBar}
              aria-label={to('select')}
              aria-pressed={selected !== null}
            >
              <ListChecks aria-hidden />
            </Button>
          </Tooltip>
          <Tooltip label={t('closeSidebar')} side="right">
            <Button variant="subtle" size="icon-sm" onClick={close} aria-label={t('closeSidebar')}>
              <PanelLeftClose aria-hidden />
            </Button>
          </Tooltip>
        </div>
      </div>
      <div className="grid shrink-0 gap-2 px-3 pb-2">
        <Button asChild variant="outline" className="justify-start gap-2.5 bg-surface shadow-xs">
          <Link href="/" onClick={onNavigate} data-autofocus>
            <SquarePen aria-hidden />
            {t('newChat')}
          </Link>
        </Button>
        <ChatSearch value={search} onChange={setSearch} />
        {selected && BulkBar ? (
          <BulkBar
            ids={[...selected]}
            archivedView={archivedView}
            onDone={() => setSelected(null)}
          />
        ) : null}
        {archivedView ? (
          <Button
            variant="ghost"
            size="sm"
            className="justify-start gap-2"
            onClick={() => {
              setArchivedView(false);
              setSelected(null);
            }}
          >
            <ArrowLeft aria-hidden />
            {to('backToChats')}
          </Button>
        ) : null}
      </div>
      <div className="min-h-0 flex-1 overflow-x-hidden overflow-y-auto px-2 [scrollbar-width:thin]">
        <ChatList
          search={debouncedSearch}
          onNavigate={onNavigate}
          view={archivedView ? 'archived' : 'recent'}
          selection={selection}
        />
        {archivedView ? null : (
          <button
            type="button"
            onClick={() => {
              setArchivedView(true);
              setSelected(null);
            }}
            className="mb-3 flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-muted-foreground hover:bg-sidebar-accent/70 hover:text-foreground"
          >
            <Archive aria-hidden className="size-4" />
            {to('archivedView')}
          </button>
        )}
      </div>
      <div className="shrink-0 border-t border-sidebar-border p-2">
        <UserMenu authMode={authMode} />
      </div>
    </div>
  );
}
