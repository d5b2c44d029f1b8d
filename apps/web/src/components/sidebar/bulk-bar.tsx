// Issue 17: the bar over the chat list while chats are being selected: how many, archive (or
// restore, in the archived view) at once with Undo in the notice, and delete after one
// confirmation for all of them.
'use client';

import { Archive, ArchiveRestore, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from '~/components/ui/alert-dialog';
import { Button } from '~/components/ui/button';
import { Tooltip } from '~/components/ui/tooltip';
import { useArchiveChats, useDeleteChats } from '~/lib/chats/use-organize-chats';

export function BulkBar({
  ids,
  archivedView,
  onDone,
}: {
  ids: string[];
  archivedView: boolean;
  onDone: () => void;
}) {
  const t = useTranslations('organize');
  const tc = useTranslations('common');
  const archive = useArchiveChats();
  const remove = useDeleteChats();
  const [confirming, setConfirming] = useState(false);
  const none = ids.length === 0;
  const archiveLabel = archivedView ? t('restore') : t('archive');

  return (
    <div
      role="toolbar"
      aria-label={t('select')}
      className="flex items-center gap-1 rounded-lg border border-sidebar-border bg-surface px-2 py-1.5 shadow-xs"
    >
      <span className="min-w-0 flex-1 truncate px-1 text-sm font-medium" aria-live="polite">
        {t('selected', { count: ids.length })}
      </span>
      <Tooltip label={archiveLabel}>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={archiveLabel}
          disabled={none}
          onClick={() => {
            archive.mutate({ ids, archived: !archivedView });
            onDone();
          }}
        >
          {archivedView ? <ArchiveRestore aria-hidden /> : <Archive aria-hidden />}
        </Button>
      </Tooltip>
      <Tooltip label={tc('delete')}>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={tc('delete')}
          disabled={none}
          className="text-destructive hover:text-destructive"
          onClick={() => setConfirming(true)}
        >
          <Trash2 aria-hidden />
        </Button>
      </Tooltip>
      <Button variant="subtle" size="sm" onClick={onDone}>
        {t('cancelSelect')}
      </Button>
      <AlertDialog open={confirming} onOpenChange={setConfirming}>
        <AlertDialogContent>
          <div className="grid gap-2">
            <AlertDialogTitle className="text-lg font-semibold tracking-tight">
              {t('deleteManyTitle', { count: ids.length })}
            </AlertDialogTitle>
            <AlertDialogDescription className="text-sm text-muted-foreground">
              {t('deleteManyDescription')}
            </AlertDialogDescription>
          </div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialogCancel>{tc('cancel')}</AlertDialogCancel>
            <AlertDialogAction
              onClick={() => {
                remove.mutate({ ids });
                onDone();
              }}
            >
              {tc('delete')}
            </AlertDialogAction>
          </div>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
