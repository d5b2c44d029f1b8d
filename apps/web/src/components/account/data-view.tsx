// Settings → Data (issue 17): export everything as one archive, import a ChatGPT export or an
// archive (in batches, with a progress bar and a summary of what was imported or skipped), and
// the chats the person shared, each with its link, copy and revoke.
'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Link2, Trash2, Upload } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Card } from '~/components/admin/page-frame';
import { shareUrl } from '~/components/chat/share-url';
import { Button } from '~/components/ui/button';
import { Spinner } from '~/components/ui/spinner';
import { useToast } from '~/components/ui/toaster';
import { IMPORT_FILE_MAX_BYTES, planImport, saveFile } from '~/lib/portability/files';
import { errorCode } from '~/lib/trpc/errors';
import { useTRPC } from '~/lib/trpc/react';
import { SettingsFrame } from './settings-frame';

type Progress =
  | { state: 'idle' }
  | { state: 'running'; name: string; done: number; total: number }
  | { state: 'done'; imported: number; skipped: number; filesSkipped: number }
  | { state: 'failed'; message: string };

function ImportExport() {
  const t = useTranslations('portability');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState(false);
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const importChatGpt = useMutation(trpc.portability.importChatGpt.mutationOptions());
  const importArchive = useMutation(trpc.portability.importArchive.mutationOptions());

  async function exportAll() {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.portability.exportAll.queryOptions(),
        staleTime: 0,
      });
      const day = new Date().toISOString().slice(0, 10);
      saveFile(`zatten-chat-${day}.json`, file.mimeType, file.content);
    } catch {
      toast({ title: t('exportFailed'), tone: 'error' });
    } finally {
      setExporting(false);
    }
  }

  async function importFile(file: File) {
    if (file.size > IMPORT_FILE_MAX_BYTES) {
      setProgress({
        state: 'failed',
        message: t('tooLarge', { mb: IMPORT_FILE_MAX_BYTES / 1024 / 1024 }),
      });
      return;
    }
    const plan = planImport(await file.text());
    if (plan.kind === 'malformed') {
      setProgress({ state: 'failed', message: t('malformed') });
      return;
    }
    let imported = 0;
    let skipped = 0;
    let filesSkipped = 0;
    let done = 0;
    setProgress({ state: 'running', name: file.name, done, total: plan.total });
    try {
      for (const batch of plan.batches) {
        const result =
          plan.kind === 'chatgpt'
            ? await importChatGpt.mutateAsync({ conversations: batch as never })
            : await importArchive.mutateAsync({
                format: 'zatten-chat-archive',
                version: 1,
                chats: batch as never,
              });
        imported += result.imported;
        skipped += result.skipped;
        filesSkipped += result.attachmentsSkipped;
        done += batch.length;
        setProgress({ state: 'running', name: file.name, done, total: plan.total });
      }
      setProgress({ state: 'done', imported, skipped, filesSkipped });
    } catch (error) {
      const code = errorCode(error);
      setProgress({
        state: 'failed',
        message:
          code === 'BAD_REQUEST'
            ? t('malformed')
            : code === 'PAYLOAD_TOO_LARGE'
              ? t('tooLarge', { mb: 2 })
              : t('failed', { reason: error instanceof Error ? error.message : String(error) }),
      });
    } finally {
      void queryClient.invalidateQueries(trpc.chat.pathFilter());
    }
  }

  const running = progress.state === 'running';
  return (
    <Card title={t('title')} description={t('description')}>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          onClick={() => void exportAll()}
          disabled={exporting}
          data-testid="export-all"
          className="gap-1.5"
        >
          <Download aria-hidden />
          {exporting ? t('exporting') : t('exportAll')}
        </Button>
        <span className="text-sm text-muted-foreground">{t('exportAllHint')}</span>
      </div>
      <div className="grid gap-2 border-t border-border pt-4">
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="outline"
            onClick={() => input.current?.click()}
            disabled={running}
            className="gap-1.5"
          >
            <Upload aria-hidden />
            {t('import')}
          </Button>
          <input
            ref={input}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            tabIndex={-1}
            aria-label={t('choose')}
            data-testid="import-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <span className="text-sm text-muted-foreground">{t('importHint')}</span>
        </div>
        {progress.state === 'running' ? (
          <div className="grid gap-1.5">
            <span className="text-sm">{t('importing', { name: progress.name })}</span>
            <div
              role="progressbar"
              aria-label={t('importing', { name: progress.name })}
              aria-valuemin={0}
              aria-valuemax={progress.total}
              aria-valuenow={progress.done}
              className="h-2 overflow-hidden rounded-full bg-muted"
            >
              <div
                className="h-full bg-primary transition-[width]"
                style={{
                  width: `${Math.round((progress.done / Math.max(1, progress.total)) * 100)}%`,
                }}
              />
            </div>
          </div>
        ) : null}
        <p role="status" className="text-sm" data-testid="import-summary">
          {progress.state === 'done'
            ? [
                t('summary', { imported: progress.imported, skipped: progress.skipped }),
                progress.filesSkipped > 0
                  ? t('filesSkipped', { count: progress.filesSkipped })
                  : '',
              ]
                .filter(Boolean)
                .join(' ')
            : progress.state === 'failed'
              ? progress.message
              : null}
        </p>
      </div>
    </Card>
  );
}

function SharedLinks() {
  const t = useTranslations('share');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const links = useQuery(trpc.share.list.queryOptions());
  const revoke = useMutation(
    trpc.share.revoke.mutationOptions({
      onSuccess: () => toast({ title: t('revoked'), tone: 'success' }),
      onError: () => toast({ title: t('revokeFailed'), tone: 'error' }),
      onSettled: () => queryClient.invalidateQueries(trpc.share.list.queryFilter()),
    }),
  );
  return (
    <Card title={t('links')}>
      {!links.data ? (
        <Spinner />
      ) : links.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('noLinks')}</p>
      ) : (
        <ul className="grid divide-y divide-border" data-testid="shared-links">
          {links.data.map((link) => (
            <li key={link.id} className="flex items-center gap-3 py-2.5">
              <Link2 aria-hidden className="size-4 shrink-0 text-muted-foreground" />
              <div className="min-w-0 flex-1">
                <a
                  href={`/s/${link.id}`}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="block truncate text-sm font-medium hover:underline"
                  dir="auto"
                >
                  {link.title}
                </a>
                <span className="text-xs text-muted-foreground">
                  {t('sharedOn', {
                    date: format.dateTime(new Date(link.createdAt), { dateStyle: 'medium' }),
                  })}
                  {' · '}
                  {t('messages', { count: link.messageCount })}
                </span>
              </div>
              <Button
                variant="subtle"
                size="sm"
                onClick={() =>
                  void navigator.clipboard
                    ?.writeText(shareUrl(link.id))
                    .then(() => toast({ title: t('copied'), tone: 'success' }))
                }
              >
                {t('copy')}
              </Button>
              <Button
                variant="subtle"
                size="sm"
                className="gap-1.5 text-destructive"
                disabled={revoke.isPending && revoke.variables?.id === link.id}
                onClick={() => revoke.mutate({ id: link.id })}
                aria-label={`${t('revoke')}: ${link.title}`}
              >
                <Trash2 aria-hidden />
                {t('revoke')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function DataSettings() {
  const t = useTranslations('account.nav');
  return (
    <SettingsFrame title={t('data')}>
      <ImportExport />
      <SharedLinks />
    </SettingsFrame>
  );
}
