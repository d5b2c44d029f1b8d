// Confirms deleting a chat (it cannot be undone); deleting the open chat returns to a new one.
'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from '~/components/ui/alert-dialog';
import { useDeleteChat } from '~/lib/chats/use-chat-actions';

export function DeleteChatDialog({
  chatId,
  title,
  open,
  onOpenChange,
}: {
  chatId: string;
  title: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('chatActions');
  const tc = useTranslations('common');
  const router = useRouter();
  const pathname = usePathname();
  const remove = useDeleteChat();

  const confirm = () => {
    if (pathname === `/c/${chatId}`) router.replace('/');
    remove.mutate({ id: chatId });
  };

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <div className="grid gap-2">
          <AlertDialogTitle className="text-lg font-semibold tracking-tight">
            {t('deleteTitle')}
          </AlertDialogTitle>
          <AlertDialogDescription className="text-sm text-muted-foreground">
            {t.rich('deleteDescription', {
              title,
              strong: (chunks) => <strong className="font-medium text-foreground">{chunks}</strong>,
            })}
          </AlertDialogDescription>
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel>{tc('cancel')}</AlertDialogCancel>
          <AlertDialogAction onClick={confirm}>{tc('delete')}</AlertDialogAction>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
