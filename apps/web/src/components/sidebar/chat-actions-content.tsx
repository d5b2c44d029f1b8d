// The items of a chat's "more" menu and the dialogs they open (chat-actions-menu.tsx): a chunk of
// its own, fetched once a menu has mounted, so the first load carries only the menu buttons.
'use client';

import { Archive, ArchiveRestore, Pencil, Pin, PinOff, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import {
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
} from '~/components/ui/dropdown-menu';
import { useArchiveChats, usePinChat } from '~/lib/chats/use-organize-chats';
import { DeleteChatDialog } from './delete-chat-dialog';
import { ExportChatItems } from './export-chat-items';
import { RenameChatDialog } from './rename-chat-dialog';

export interface ChatActionsTarget {
  chatId: string;
  title: string;
  /** Issue 17: the chat's pin and archive state (the menu offers the opposite). */
  pinned?: boolean;
  archived?: boolean;
}

export function ChatActionsContent({
  chatId,
  title,
  pinned,
  archived,
  align,
  onRename,
  onDelete,
}: ChatActionsTarget & {
  align: 'start' | 'end';
  onRename: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations('chatActions');
  const to = useTranslations('organize');
  const pin = usePinChat();
  const archive = useArchiveChats();
  return (
    <DropdownMenuContent align={align} className="w-60">
      <DropdownMenuItem onSelect={onRename}>
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
        <DropdownMenuItem onSelect={() => archive.mutate({ ids: [chatId], archived: !archived })}>
          {archived ? <ArchiveRestore aria-hidden /> : <Archive aria-hidden />}
          {archived ? to('restore') : to('archive')}
        </DropdownMenuItem>
      ) : null}
      {/* Issue 17: export this chat. */}
      <ExportChatItems chatId={chatId} title={title} />
      <DropdownMenuSeparator />
      <DropdownMenuItem destructive onSelect={onDelete}>
        <Trash2 aria-hidden />
        {t('delete')}
      </DropdownMenuItem>
    </DropdownMenuContent>
  );
}

export function ChatActionsDialogs({
  chatId,
  title,
  renaming,
  deleting,
  setRenaming,
  setDeleting,
}: ChatActionsTarget & {
  renaming: boolean;
  deleting: boolean;
  setRenaming: (open: boolean) => void;
  setDeleting: (open: boolean) => void;
}) {
  return (
    <>
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
