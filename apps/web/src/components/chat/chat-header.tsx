// The bar above a conversation: the sidebar button (always on phones, on wider screens when the
// sidebar is hidden), the page's heading, and room for actions on the right.
'use client';

import { PanelLeft, SquarePen } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useSidebar } from '~/components/shell/sidebar-context';
import { Button } from '~/components/ui/button';
import { Tooltip } from '~/components/ui/tooltip';
import { cn } from '~/lib/cn';

export function ChatHeader({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const t = useTranslations('sidebar');
  const { collapsed, setCollapsed, setMobileOpen } = useSidebar();
  return (
    <header className="flex h-14 shrink-0 items-center gap-1.5 border-b border-border/60 px-2 sm:px-3">
      <Button
        variant="subtle"
        size="icon"
        className="md:hidden"
        onClick={() => setMobileOpen(true)}
        aria-label={t('openSidebar')}
      >
        <PanelLeft aria-hidden />
      </Button>
      <div className={cn('hidden items-center gap-1', collapsed && 'md:flex')}>
        <Tooltip label={t('openSidebar')} side="bottom">
          <Button
            variant="subtle"
            size="icon"
            onClick={() => setCollapsed(false)}
            aria-label={t('openSidebar')}
          >
            <PanelLeft aria-hidden />
          </Button>
        </Tooltip>
        <Tooltip label={t('newChat')} side="bottom">
          <Button asChild variant="subtle" size="icon">
            <Link href="/" aria-label={t('newChat')}>
              <SquarePen aria-hidden />
            </Link>
          </Button>
        </Tooltip>
      </div>
      <div className="flex min-w-0 flex-1 items-center gap-2">{children}</div>
      <div className="flex shrink-0 items-center gap-1">
        {actions}
        <Button asChild variant="subtle" size="icon" className="md:hidden">
          <Link href="/" aria-label={t('newChat')}>
            <SquarePen aria-hidden />
          </Link>
        </Button>
      </div>
    </header>
  );
}
