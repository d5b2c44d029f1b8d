// Files in the composer before sending: a thumbnail (images) or a file icon, the name and size,
// a progress bar while uploading, the reason when refused, and a button to remove each. A chunk
// of its own (composer.tsx fetches it when the page is idle): nothing shows before a file is added.
'use client';

import { FileText, Loader2, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { AttachmentsController } from '~/lib/chat/use-attachments';
import { cn } from '~/lib/cn';
import { useFormatBytes } from '~/lib/hooks/use-format-bytes';

export function AttachmentChips({ attachments }: { attachments: AttachmentsController }) {
  const t = useTranslations('attachments');
  const size = useFormatBytes();
  if (attachments.items.length === 0) return null;
  const max = attachments.limits;
  return (
    <ul
      aria-label={t('list')}
      className="flex flex-wrap gap-2 px-3 pt-3"
      data-testid="composer-attachments"
    >
      {attachments.items.map((item) => (
        <li
          key={item.localId}
          data-status={item.status}
          className={cn(
            'relative flex max-w-full items-center gap-2 rounded-xl border border-border bg-background py-1.5 pr-8 pl-1.5 text-xs',
            item.status === 'error' && 'border-destructive/60',
          )}
        >
          {item.previewUrl && item.status !== 'error' ? (
            <img
              src={item.previewUrl}
              alt=""
              data-testid="attachment-thumbnail"
              className="size-10 shrink-0 rounded-lg object-cover"
            />
          ) : (
            <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground">
              <FileText aria-hidden className="size-5" />
            </span>
          )}
          <span className="flex min-w-0 flex-col">
            <span className="max-w-48 truncate font-medium text-foreground">{item.name}</span>
            {item.status === 'error' ? (
              <span role="alert" className="max-w-64 text-destructive">
                {t(`errors.${item.error ?? 'failed'}`, {
                  name: item.name,
                  size: size(max?.maxFileBytes ?? 0),
                  count: max?.maxFilesPerMessage ?? 0,
                })}
              </span>
            ) : (
              <span className="text-muted-foreground">{size(item.sizeBytes)}</span>
            )}
            {item.status === 'uploading' ? (
              <span
                role="progressbar"
                aria-label={t('uploading', { name: item.name })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(item.progress * 100)}
                className="mt-1 h-1 w-28 overflow-hidden rounded-full bg-muted"
              >
                <span
                  className="block h-full bg-primary transition-[width]"
                  style={{ width: `${Math.round(item.progress * 100)}%` }}
                />
              </span>
            ) : null}
          </span>
          {item.status === 'uploading' ? (
            <Loader2
              aria-hidden
              className="absolute top-1.5 right-8 size-3 animate-spin text-muted-foreground"
            />
          ) : null}
          <button
            type="button"
            onClick={() => attachments.remove(item.localId)}
            aria-label={t('remove', { name: item.name })}
            className="absolute top-1 right-1 rounded-full p-1 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2"
          >
            <X aria-hidden className="size-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}
