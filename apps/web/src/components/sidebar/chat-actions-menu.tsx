// The "more" menu of a chat (in the sidebar and the chat header): rename and delete, each
// opening its dialog, and pin / archive (issue 17), applied at once. Focus returns to the menu
// button when a dialog closes.
'use client';

import { Archive, ArchiveRestore, Ellipsis, Pencil, Pin, PinOff, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '~/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '~/components/ui/dropdown-menu';
import { useArchiveChats, usePinChat } from '~/lib/chats/use-organize-chats';
import { cn } from '~/lib/cn';
import { DeleteChatDialog } from './delete-chat-dialog';
import { ExportChatItems } from './export-chat-items';
import { RenameChatDialog } from './rename-chat-dialog';

export function ChatActionsMenu({
  chatId,
  title,
  className,
  align = 'start',
  pinned,
  archived,
}: {
  chatId: string;
  title: string;
  className?: string;
  align?: 'start' | 'end';
  /** Issue 17: the chat's pin and archive state (the menu offers the opposite). */
  pinned?: boolean;
  archived?: boolean;
}) {
  const t = useTranslations('chatActions');
  const to = useTranslations('organize');
  const pin = usePinChat();
  const archive = useArchiveChats();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('menuLabel', { title })}
            className={cn('text-muted-foreground', className)}
          >
            <Ellipsis aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align={align} className="w-60">
          <DropdownMenuItem onSelect={() => setRenaming(true)}>
            <Pencil aria-hidden />
            {t('rename')}
          </DropdownMenuItem>
          {pinned !== undefined && !archived ? (
            <DropdownMenuItem onSelect={() => pin.mutate({ id: chatId, pinned: !pinned })}>
              {pinned ? <PinOff aria-hidden /> : <Pin aria-hidden />}
              {pinned ? to('unpin') : to('pin')}
            </DropdownMenuItem>
          ) : null}
          {archived !== undefined ? (
            <DropdownMenuItem
              onSelect={() => archive.mutate({ ids: [chatId], archived: !archived })}
            >
              {archived ? <ArchiveRestore aria-hidden /> : <Archive aria-hidden />}
              {archived ? to('restore') : to('archive')}
            </DropdownMenuItem>
          ) : null}
          {/* Issue 17: export this chat. */}
          <ExportChatItems chatId={chatId} title={title} />
          <DropdownMenuSeparator />
          <DropdownMenuItem destructive onSelect={() => setDeleting(true)}>
            <Trash2 aria-hidden />
            {t('delete')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <RenameChatDialog
        chatId={chatId}
        currentTitle={title}
        open={renaming}
        onOpenChange={setRenaming}
      />
      <DeleteChatDialog chatId={chatId} title={title} open={deleting} onOpenChange={setDeleting} />
    </>
  );
}
