// One chat in the sidebar: its title links to it (marked as the current page when open), with
// a menu for rename and delete that appears on hover or focus and always on touch screens.
'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { chatTitle } from '~/lib/chats/title';
import type { Chat } from '~/lib/chats/types';
import { cn } from '~/lib/cn';
import { ChatActionsMenu } from './chat-actions-menu';

export function ChatListItem({
  chat,
  active,
  onNavigate,
}: {
  chat: Chat;
  active: boolean;
  onNavigate?: () => void;
}) {
  const t = useTranslations('chat');
  const title = chatTitle(chat, t('untitled'));
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
      <ChatActionsMenu
        chatId={chat.id}
        title={title}
        className={cn(
          'absolute right-1 size-7 opacity-100 hover:bg-transparent hover:text-foreground focus-visible:opacity-100 data-[state=open]:opacity-100 md:opacity-0 md:group-hover:opacity-100 md:group-focus-within:opacity-100',
          active && 'md:opacity-100',
        )}
      />
    </li>
  );
}
