// One chat in the sidebar: its title links to it (marked as the current page when open), with
// a menu for rename, pin, archive and delete that appears on hover or focus and always on touch
// screens. While chats are being selected (issue 17), the row is a checkbox instead.
'use client';

import { Pin } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { chatTitle } from '~/lib/chats/title';
import type { Chat } from '~/lib/chats/types';
import { cn } from '~/lib/cn';
import { ChatActionsMenu } from './chat-actions-menu';
import type { ChatSelection } from './chat-list';

export function ChatListItem({
  chat,
  active,
  onNavigate,
  selection,
}: {
  chat: Chat;
  active: boolean;
  onNavigate?: () => void;
  selection?: ChatSelection | null;
}) {
  const t = useTranslations('chat');
  const to = useTranslations('organize');
  const title = chatTitle(chat, t('untitled'));
  if (selection) {
    const checked = selection.ids.has(chat.id);
    return (
      <li
        className={cn(
          'flex min-w-0 items-center rounded-lg text-sm transition-colors',
          checked
            ? 'bg-sidebar-accent text-foreground'
            : 'text-sidebar-foreground hover:bg-sidebar-accent/70',
        )}
      >
        <label className="flex min-w-0 flex-1 cursor-pointer items-center gap-2.5 py-2 pr-2 pl-2.5">
          <input
            type="checkbox"
            checked={checked}
            onChange={() => selection.toggle(chat.id)}
            aria-label={to('selectChat', { title })}
            data-chat-select
            className="size-4 shrink-0 accent-primary"
          />
          <span className="truncate" dir="auto">
            {title}
          </span>
        </label>
      </li>
    );
  }
  return (
    <li
      className={cn(
        'group relative flex min-w-0 items-center rounded-lg text-sm transition-colors',
        active
          ? 'bg-sidebar-accent font-medium text-foreground'
          : 'text-sidebar-foreground hover:bg-sidebar-accent/70',
      )}
    >
      <Link
        href={`/c/${chat.id}`}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
        className="block min-w-0 flex-1 truncate rounded-lg py-2 pr-9 pl-2.5 outline-offset-[-2px]"
        title={title}
        dir="auto"
        data-chat-link
      >
        {title}
      </Link>
      {chat.pinned_at ? (
        <Pin
          aria-hidden
          className={cn(
            'pointer-events-none absolute right-3 size-3 text-muted-foreground group-focus-within:opacity-0 group-hover:opacity-0 max-md:hidden',
            active && 'md:hidden',
          )}
        />
      ) : null}
      <ChatActionsMenu
        chatId={chat.id}
        title={title}
        pinned={chat.pinned_at !== null}
        archived={chat.archived_at !== null}
        className={cn(
          'absolute right-1 size-7 opacity-100 hover:bg-transparent hover:text-foreground focus-visible:opacity-100 data-[state=open]:opacity-100 md:opacity-0 md:group-hover:opacity-100 md:group-focus-within:opacity-100',
          active && 'md:opacity-100',
        )}
      />
    </li>
  );
}
