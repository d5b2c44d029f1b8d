// The signed-in person's chats, newest activity first, under date headings; more pages load as
// the list scrolls, and a search narrows it by title. Live updates keep it current.
'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { MessageSquareDashed, SearchX } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '~/components/ui/button';
import { Spinner } from '~/components/ui/spinner';
import { type DateGroup, groupChatsByDate, monthOfGroup } from '~/lib/chats/group-by-date';
import { useTRPC } from '~/lib/trpc/react';
import { ChatListItem } from './chat-list-item';

const PAGE_SIZE = 30;

/**
 * Up/Down/Home/End move between chats; Up from the first and Escape go back to the search
 * field (Escape also clears it there). Enter follows the focused link as any link does.
 */
function moveThroughChats(event: KeyboardEvent<HTMLElement>): void {
  const target = event.target as HTMLElement;
  if (!target.matches('[data-chat-link]')) return;
  const sidebar = event.currentTarget.closest('[data-sidebar]') ?? document;
  const links = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-chat-link]')];
  const search = sidebar.querySelector<HTMLElement>('[data-chat-search]');
  const index = links.indexOf(target);
  const go = (next: HTMLElement | null | undefined) => {
    if (!next) return;
    event.preventDefault();
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  };
  if (event.key === 'ArrowDown') go(links[index + 1]);
  else if (event.key === 'ArrowUp') go(index === 0 ? search : links[index - 1]);
  else if (event.key === 'Home') go(links[0]);
  else if (event.key === 'End') go(links.at(-1));
  else if (event.key === 'Escape') go(search);
}

/** Issue 17: bulk selection in the sidebar (the ids chosen, and how to toggle one). */
export interface ChatSelection {
  ids: ReadonlySet<string>;
  toggle: (id: string) => void;
}

export function ChatList({
  search,
  onNavigate,
  view = 'recent',
  selection,
}: {
  search: string;
  onNavigate?: () => void;
  /** `recent`: pinned chats, then the rest by date; `archived`: the archived view. */
  view?: 'recent' | 'archived';
  selection?: ChatSelection | null;
}) {
  const t = useTranslations('sidebar');
  const to = useTranslations('organize');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const format = useFormatter();
  const pathname = usePathname();
  const activeId = pathname.startsWith('/c/') ? pathname.slice(3) : null;

  const query = useInfiniteQuery(
    trpc.chat.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, search: search || undefined, view },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const chats = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  // Pinned chats head the list (all of them: people pin a handful).
  const pinnedQuery = useInfiniteQuery({
    ...trpc.chat.list.infiniteQueryOptions(
      { limit: 100, search: search || undefined, view: 'pinned' },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    enabled: view === 'recent',
  });
  const pinned = useMemo(
    () => (view === 'recent' ? (pinnedQuery.data?.pages.flatMap((page) => page.items) ?? []) : []),
    [pinnedQuery.data, view],
  );
  // Re-evaluated each render so "today" moves on at midnight; the grouping itself is cheap.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const groups = useMemo(() => groupChatsByDate(chats, now), [chats, now]);
  const heading = (group: DateGroup): string => {
    const month = monthOfGroup(group);
    if (!month) return t(`groups.${group as Exclude<DateGroup, `month:${string}`>}`);
    // The year only when it is not this one, as people say it.
    return format.dateTime(month, {
      month: 'long',
      ...(month.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
    });
  };

  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (query.isPending) {
    return (
      <div
        role="status"
        className="space-y-2 px-2 py-3"
        aria-busy="true"
        aria-label={tc('loading')}
      >
        {[68, 84, 52, 76, 60].map((width) => (
          <div
            key={width}
            className="h-7 animate-pulse rounded-md bg-sidebar-accent"
            style={{ width: `${width}%` }}
          />
        ))}
      </div>
    );
  }

  if (query.isError) {
    return (
      <div className="grid gap-2 px-3 py-4 text-sm text-muted-foreground">
        <p>{t('loadFailed')}</p>
        <Button variant="outline" size="sm" className="w-fit" onClick={() => void query.refetch()}>
          {tc('tryAgain')}
        </Button>
      </div>
    );
  }

  if (chats.length === 0 && pinned.length === 0) {
    if (view === 'archived' && !search) {
      return (
        <p className="px-4 py-10 text-center text-sm text-muted-foreground">{to('noArchived')}</p>
      );
    }
    return (
      <div className="flex flex-col items-center gap-2 px-4 py-10 text-center text-sm text-muted-foreground">
        {search ? (
          <SearchX aria-hidden className="size-5" />
        ) : (
          <MessageSquareDashed aria-hidden className="size-5" />
        )}
        <p>{search ? t('noResults', { search }) : t('noChats')}</p>
      </div>
    );
  }

  return (
    <nav
      aria-label={view === 'archived' ? to('archivedView') : t('chats')}
      className="pb-3"
      onKeyDown={moveThroughChats}
    >
      {pinned.length > 0 ? (
        <section aria-labelledby="chat-group-pinned" className="mt-1">
          <h2
            id="chat-group-pinned"
            className="sticky top-0 z-10 bg-sidebar px-2.5 py-1.5 text-xs font-medium text-muted-foreground"
          >
            {to('pinned')}
          </h2>
          <ul className="grid grid-cols-[minmax(0,1fr)] gap-px">
            {pinned.map((chat) => (
              <ChatListItem
                key={chat.id}
                chat={chat}
                active={chat.id === activeId}
                onNavigate={onNavigate}
                selection={selection}
              />
            ))}
          </ul>
        </section>
      ) : null}
      {groups.map(({ group, chats: groupChats }) => (
        <section
          key={group}
          aria-labelledby={`chat-group-${group.replace(':', '-')}`}
          className="mt-3 first:mt-1"
        >
          <h2
            id={`chat-group-${group.replace(':', '-')}`}
            className="sticky top-0 z-10 bg-sidebar px-2.5 py-1.5 text-xs font-medium text-muted-foreground first-letter:uppercase"
          >
            {heading(group)}
          </h2>
          {/* One column no wider than the sidebar: a long title is cut, never widens the rows. */}
          <ul className="grid grid-cols-[minmax(0,1fr)] gap-px">
            {groupChats.map((chat) => (
              <ChatListItem
                key={chat.id}
                chat={chat}
                active={chat.id === activeId}
                onNavigate={onNavigate}
                selection={selection}
              />
            ))}
          </ul>
        </section>
      ))}
      <div ref={sentinel} className="flex h-8 items-center justify-center">
        {isFetchingNextPage ? <Spinner className="text-muted-foreground" /> : null}
      </div>
    </nav>
  );
}
