// The search palette (Ctrl/Cmd+K): titles and message text of all the person's chats, archived
// ones included, best first, each with the matching words highlighted. Choosing a result opens
// the chat at that message; a message on a branch not on screen switches the chat to it first.
// Snippets arrive as runs of plain text (`match` marks the words found) and render as text, so
// nothing in a message can become markup here.
'use client';

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { RouterOutputs } from '@zatten/api';
import { Archive, MessageSquareText, Pin, Search } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '~/components/ui/dialog';
import { Spinner } from '~/components/ui/spinner';
import { useToast } from '~/components/ui/toaster';
import { upsertChat } from '~/lib/chats/cache';
import { cn } from '~/lib/cn';
import { useDebounced } from '~/lib/hooks/use-debounced';
import { errorReason } from '~/lib/trpc/errors';
import { useTRPC } from '~/lib/trpc/react';

type Hit = RouterOutputs['chat']['search']['items'][number];
type Part = Hit['titleParts'][number];

function Highlighted({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded-sm bg-primary/15 px-0.5 text-foreground">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

export function SearchPalette({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('searchPalette');
  const tc = useTranslations('common');
  const tChat = useTranslations('chat');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 200);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!open) setText('');
  }, [open]);

  const results = useInfiniteQuery({
    ...trpc.chat.search.infiniteQueryOptions(
      { query, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    enabled: open && query.length > 0,
    retry: false,
    staleTime: 10_000,
  });
  const hits = useMemo(
    () => (query ? (results.data?.pages.flatMap((page) => page.items) ?? []) : []),
    [results.data, query],
  );
  useEffect(() => setActive(0), [query]);

  const switchBranch = useMutation(trpc.branch.switch.mutationOptions());

  const choose = async (hit: Hit) => {
    const message = hit.message;
    try {
      if (message && !message.on_active_branch) {
        const chat = await switchBranch.mutateAsync({ messageId: message.id });
        upsertChat({ queryClient, trpc }, chat);
        // Its pages follow the old branch until they are read again.
        await queryClient.resetQueries(
          trpc.message.list.infiniteQueryFilter({ chatId: hit.chat.id }),
        );
      }
    } catch {
      toast({ title: t('openFailed'), tone: 'error' });
      return;
    }
    onOpenChange(false);
    router.push(message ? `/c/${hit.chat.id}?m=${message.id}` : `/c/${hit.chat.id}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const next = (active + (event.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length;
      setActive(next);
      document.getElementById(`search-hit-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter') {
      const hit = hits[active];
      if (hit) {
        event.preventDefault();
        void choose(hit);
      }
    }
  };

  const failed = results.isError
    ? errorReason(results.error) === 'rate_limited'
      ? t('rateLimited')
      : t('failed')
    : null;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        closeLabel={tc('close')}
        className="top-[12vh] max-w-2xl translate-y-0 gap-0 overflow-hidden p-0"
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          document.getElementById('search-palette-input')?.focus();
        }}
      >
        <DialogTitle className="sr-only">{t('title')}</DialogTitle>
        <DialogDescription className="sr-only">{t('description')}</DialogDescription>
        <div className="flex items-center gap-2.5 border-b border-border px-4 py-3 pr-12">
          <Search aria-hidden className="size-4 shrink-0 text-muted-foreground" />
          <input
            id="search-palette-input"
            type="search"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls="search-palette-results"
            aria-activedescendant={hits.length > 0 ? `search-hit-${active}` : undefined}
            aria-label={t('inputLabel')}
            placeholder={t('placeholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            maxLength={200}
            autoComplete="off"
            className="h-8 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-muted-foreground [&::-webkit-search-cancel-button]:hidden"
          />
          {results.isFetching || switchBranch.isPending ? (
            <Spinner className="text-muted-foreground" />
          ) : null}
        </div>
        <div className="max-h-[min(60vh,32rem)] overflow-y-auto p-2">
          {!query ? (
            <p className="px-3 py-8 text-center text-sm text-muted-foreground">{t('empty')}</p>
          ) : failed ? (
            <p role="alert" className="px-3 py-8 text-center text-sm text-muted-foreground">
              {failed}
            </p>
          ) : results.isSuccess && hits.length === 0 ? (
            <p className="px-3 py-8 text-center text-sm text-muted-foreground">
              {t('noResults', { query })}
            </p>
          ) : null}
          {hits.length > 0 ? (
            <div
              id="search-palette-results"
              role="listbox"
              aria-label={t('results')}
              className="grid gap-0.5"
            >
              {hits.map((hit, index) => (
                <div
                  key={hit.chat.id}
                  tabIndex={-1}
                  id={`search-hit-${index}`}
                  role="option"
                  aria-selected={index === active}
                  data-search-hit
                  onMouseMove={() => setActive(index)}
                  onClick={() => void choose(hit)}
                  onKeyDown={() => {}}
                  className={cn(
                    'flex cursor-pointer gap-3 rounded-lg px-3 py-2.5 text-sm',
                    index === active ? 'bg-accent' : 'hover:bg-accent/60',
                  )}
                >
                  <MessageSquareText
                    aria-hidden
                    className="mt-0.5 size-4 shrink-0 text-muted-foreground"
                  />
                  <div className="grid min-w-0 flex-1 gap-0.5">
                    <div className="flex min-w-0 items-center gap-2">
                      <span className="truncate font-medium" dir="auto">
                        {hit.chat.title ? (
                          <Highlighted parts={hit.titleParts} />
                        ) : (
                          tChat('untitled')
                        )}
                      </span>
                      {hit.chat.pinned_at ? (
                        <Pin aria-hidden className="size-3 shrink-0 text-muted-foreground" />
                      ) : null}
                      {hit.chat.archived_at ? (
                        <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-muted px-1.5 py-0.5 text-[11px] text-muted-foreground">
                          <Archive aria-hidden className="size-3" />
                          {t('archived')}
                        </span>
                      ) : null}
                    </div>
                    {hit.message ? (
                      <p className="line-clamp-2 break-words text-muted-foreground" dir="auto">
                        <Highlighted parts={hit.message.snippet} />
                      </p>
                    ) : null}
                  </div>
                </div>
              ))}
            </div>
          ) : null}
          {results.hasNextPage ? (
            <button
              type="button"
              onClick={() => void results.fetchNextPage()}
              disabled={results.isFetchingNextPage}
              className="mt-1 w-full rounded-lg px-3 py-2 text-sm text-muted-foreground hover:bg-accent"
            >
              {t('more')}
            </button>
          ) : null}
        </div>
        <div className="hidden border-t border-border px-4 py-2 text-xs text-muted-foreground sm:block">
          {t('hint')}
        </div>
      </DialogContent>
    </Dialog>
  );
}
