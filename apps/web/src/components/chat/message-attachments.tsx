// The files sent with a question: image thumbnails and file cards above its bubble, each opening
// the file through a short-lived signed URL. Read from attachment.list for the chat (one query
// for all its messages), refreshed when messages arrive, so other tabs show them too.
'use client';

import { useQuery } from '@tanstack/react-query';
import { FileText } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useFormatBytes } from '~/lib/hooks/use-format-bytes';
import { useTRPC } from '~/lib/trpc/react';

/** Signed URLs live 15 minutes: refetch well before. */
const ATTACHMENTS_STALE_MS = 10 * 60_000;

export function useChatAttachments(chatId: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.attachment.list.queryOptions(
      { chatId },
      { staleTime: ATTACHMENTS_STALE_MS, refetchInterval: ATTACHMENTS_STALE_MS },
    ),
  );
}

export function MessageAttachments({ chatId, messageId }: { chatId: string; messageId: string }) {
  const t = useTranslations('attachments');
  const size = useFormatBytes();
  const files = (useChatAttachments(chatId).data ?? []).filter(
    (file) => file.messageId === messageId,
  );
  if (files.length === 0) return null;
  return (
    <ul
      aria-label={t('sentList')}
      data-testid="message-attachments"
      className="flex max-w-[85%] flex-wrap justify-end gap-2 sm:max-w-[75%]"
    >
      {files.map((file) => (
        <li key={file.id}>
          <a
            href={file.url ?? undefined}
            target="_blank"
            rel="noreferrer noopener"
            aria-label={t('open', { name: file.name })}
            className="flex items-center gap-2 rounded-xl border border-border bg-background p-1.5 text-xs hover:bg-muted"
          >
            {file.kind === 'image' && file.url ? (
              <img
                src={file.url}
                alt={file.name}
                data-testid="message-thumbnail"
                className="size-24 rounded-lg object-cover"
              />
            ) : (
              <>
                <span className="flex size-10 items-center justify-center rounded-lg bg-muted text-muted-foreground">
                  <FileText aria-hidden className="size-5" />
                </span>
                <span className="flex min-w-0 flex-col pr-2">
                  <span className="max-w-48 truncate font-medium">{file.name}</span>
                  <span className="text-muted-foreground">{size(file.sizeBytes)}</span>
                </span>
              </>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}
