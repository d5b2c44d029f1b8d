// The assistants console: every assistant with its model, who may use it and its state, and
// the actions create, edit, archive, restore and history.
'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '~/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '~/components/ui/dialog';
import { Spinner } from '~/components/ui/spinner';
import { useTRPC } from '~/lib/trpc/react';
import { AdminFrame } from './admin-frame';
import { type AdminAssistant, AssistantForm } from './assistant-form';
import { AssistantHistory } from './assistant-history';

type Editing = { assistant: AdminAssistant | null } | null;

export function AssistantsConsole() {
  const t = useTranslations('admin.assistants');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.assistants.list.queryOptions());
  const [editing, setEditing] = useState<Editing>(null);
  const [history, setHistory] = useState<AdminAssistant | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.admin.assistants.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.assistant.list.queryKey() });
  };
  const archive = useMutation(
    trpc.admin.assistants.archive.mutationOptions({ onSuccess: refresh }),
  );
  const restore = useMutation(
    trpc.admin.assistants.restore.mutationOptions({ onSuccess: refresh }),
  );
  const actionError = archive.error ?? restore.error;

  return (
    <AdminFrame
      title={t('title')}
      actions={
        <Button size="sm" onClick={() => setEditing({ assistant: null })}>
          <Plus aria-hidden />
          {t('new')}
        </Button>
      }
    >
      <p className="text-sm text-muted-foreground">{t('intro')}</p>
      {actionError ? (
        <p role="alert" className="text-sm text-destructive">
          {actionError.message}
        </p>
      ) : null}
      {list.isPending ? <Spinner /> : null}
      <div className="overflow-x-auto rounded-xl border border-border">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('tableCaption')}</caption>
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('name')}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('model')}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('visibility')}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('state')}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((assistant) => (
              <tr key={assistant.id} className="border-t border-border align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {assistant.name}
                  {assistant.is_default ? (
                    <span className="ml-2 rounded bg-muted px-1.5 py-0.5 text-xs font-normal">
                      {t('default')}
                    </span>
                  ) : null}
                  {assistant.description ? (
                    <span className="block text-xs font-normal text-muted-foreground">
                      {assistant.description}
                    </span>
                  ) : null}
                </th>
                <td className="px-3 py-2">
                  <code>{assistant.model}</code>
                </td>
                <td className="px-3 py-2">
                  {assistant.visibility === 'everyone'
                    ? t('visibility_everyone')
                    : t('restrictedTo', { list: assistant.allowed_users.join(', ') })}
                </td>
                <td className="px-3 py-2">{assistant.archived_at ? t('archived') : t('active')}</td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap justify-end gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setEditing({ assistant })}
                      aria-label={t('editNamed', { name: assistant.name })}
                    >
                      {t('edit')}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setHistory(assistant)}
                      aria-label={t('historyNamed', { name: assistant.name })}
                    >
                      {t('history')}
                    </Button>
                    {assistant.archived_at ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => restore.mutate({ id: assistant.id })}
                        aria-label={t('restoreNamed', { name: assistant.name })}
                      >
                        {t('restore')}
                      </Button>
                    ) : assistant.is_default ? null : (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => archive.mutate({ id: assistant.id })}
                        aria-label={t('archiveNamed', { name: assistant.name })}
                      >
                        {t('archive')}
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Dialog open={editing !== null} onOpenChange={(open) => (open ? null : setEditing(null))}>
        <DialogContent
          closeLabel={tc('close')}
          className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl"
        >
          <DialogHeader>
            <DialogTitle>{editing?.assistant ? t('editTitle') : t('newTitle')}</DialogTitle>
            <DialogDescription>{t('formDescription')}</DialogDescription>
          </DialogHeader>
          {editing ? (
            <AssistantForm
              key={editing.assistant?.id ?? 'new'}
              assistant={editing.assistant}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                refresh();
              }}
            />
          ) : null}
        </DialogContent>
      </Dialog>

      <Dialog open={history !== null} onOpenChange={(open) => (open ? null : setHistory(null))}>
        <DialogContent
          closeLabel={tc('close')}
          className="max-h-[90dvh] overflow-y-auto sm:max-w-xl"
        >
          <DialogHeader>
            <DialogTitle>{t('historyTitle', { name: history?.name ?? '' })}</DialogTitle>
            <DialogDescription>{t('historyDescription')}</DialogDescription>
          </DialogHeader>
          {history ? <AssistantHistory id={history.id} /> : null}
        </DialogContent>
      </Dialog>
    </AdminFrame>
  );
}
