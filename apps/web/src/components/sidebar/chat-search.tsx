// The search field above the chat list: filters chats by title as you type. Down arrow moves
// into the results (the list then takes Up/Down/Home/End), Enter opens the first result, Escape
// clears it. Its Ctrl/Cmd+K button opens the search palette, which also searches inside messages
// (issue 17; the shortcut opens it too).
'use client';

import { Search, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { useSearchPalette } from '~/components/shell/shortcuts-dialog';
import { useSidebar } from '~/components/shell/sidebar-context';
import { Kbd } from '~/components/ui/kbd';
import { useModKey } from '~/lib/hooks/use-mod-key';

/** The chat links of the sidebar this field belongs to, in order. */
function chatLinks(from: HTMLElement): HTMLElement[] {
  const sidebar = from.closest('[data-sidebar]') ?? document;
  return [...sidebar.querySelectorAll<HTMLElement>('[data-chat-link]')];
}

export function ChatSearch({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useTranslations('sidebar');
  const tp = useTranslations('searchPalette');
  const openPalette = useSearchPalette();
  const input = useRef<HTMLInputElement>(null);
  const { searchRequest } = useSidebar();
  const modKey = useModKey();

  useEffect(() => {
    if (searchRequest > 0) {
      // The sheet may still be opening on phones; focus once it is in the document.
      requestAnimationFrame(() => input.current?.focus());
    }
  }, [searchRequest]);

  return (
    <div className="relative">
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <input
        ref={input}
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-chat-search
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value) {
            event.preventDefault();
            onChange('');
          } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
            const first = chatLinks(event.currentTarget)[0];
            if (!first || (event.key === 'Enter' && !value)) return;
            event.preventDefault();
            if (event.key === 'Enter') first.click();
            else first.focus();
          }
        }}
        placeholder={t('searchPlaceholder')}
        aria-label={t('search')}
        className="peer h-9 w-full rounded-lg border border-transparent bg-sidebar-accent/70 pr-12 pl-8 text-sm text-sidebar-foreground placeholder:text-muted-foreground focus-visible:border-ring focus-visible:bg-surface focus-visible:outline-none [&::-webkit-search-cancel-button]:hidden"
      />
      {value ? (
        <button
          type="button"
          onClick={() => {
            onChange('');
            input.current?.focus();
          }}
          aria-label={t('clearSearch')}
          className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded-md p-1 text-muted-foreground hover:bg-accent hover:text-foreground"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      ) : (
        <button
          type="button"
          onClick={openPalette}
          title={tp('inputLabel')}
          className="absolute top-1/2 right-1.5 hidden -translate-y-1/2 gap-0.5 rounded-md p-0.5 hover:bg-accent peer-focus:hidden md:flex"
        >
          {/* The name contains the visible keys (WCAG 2.5.3, label in name). */}
          <span className="sr-only">{tp('inputLabel')} </span>
          <Kbd>{modKey}</Kbd>
          <Kbd>K</Kbd>
        </button>
      )}
    </div>
  );
}
