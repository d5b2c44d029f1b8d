// Notices above the composer: no AI configured on this server, and a send that did not go
// through (with the reason and a way forward; the text is back in the field); and in place of a
// conversation: a chat that is not there (deleted, or never the reader's) and messages that
// could not be loaded. A chunk of its own (notices.tsx), fetched as the chat views mount.
'use client';

import { CircleAlert, MessageSquareOff, PlugZap } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import type { SendFailure } from '~/lib/chat/send-errors';

export function AiNotConfiguredNotice() {
  const t = useTranslations('aiNotConfigured');
  return (
    <div
      role="note"
      className="flex gap-3 rounded-xl border border-border bg-warning-soft p-3.5 text-sm"
    >
      <PlugZap aria-hidden className="mt-0.5 size-4 shrink-0 text-warning-foreground" />
      <div className="grid gap-0.5">
        <p className="font-medium text-foreground">{t('title')}</p>
        <p className="text-muted-foreground">
          {t.rich('description', {
            code: (chunks) => (
              <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">{chunks}</code>
            ),
          })}
        </p>
      </div>
    </div>
  );
}

export interface SendFailureNoticeProps {
  failure: SendFailure;
  onRetry: () => void;
  onDismiss: () => void;
}

export function SendFailureNotice({ failure, onRetry, onDismiss }: SendFailureNoticeProps) {
  const t = useTranslations('sendError');
  const tc = useTranslations('common');
  const message =
    failure.kind === 'rateLimited'
      ? t('rateLimited', { seconds: failure.retryAfterSeconds })
      : t(failure.kind);
  const canRetry =
    failure.kind !== 'chatGone' && failure.kind !== 'tooLong' && failure.kind !== 'budgetExceeded';
  return (
    <div
      role="alert"
      className="flex flex-col gap-2 rounded-xl border border-destructive/30 bg-destructive-soft p-3 text-sm sm:flex-row sm:items-center"
    >
      <div className="flex flex-1 gap-2.5">
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
        <p>
          <span className="font-medium">{t('title')}</span>{' '}
          <span className="text-muted-foreground">{message}</span>
        </p>
      </div>
      <div className="flex gap-1 self-end sm:self-center">
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          {tc('dismiss')}
        </Button>
        {canRetry ? (
          <Button variant="outline" size="sm" onClick={onRetry}>
            {tc('tryAgain')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

export function ChatNotFound() {
  const t = useTranslations('chat');
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
      <MessageSquareOff aria-hidden className="size-8 text-muted-foreground" />
      <h1 className="text-lg font-semibold">{t('notFoundTitle')}</h1>
      <p className="max-w-sm text-sm text-muted-foreground">{t('notFoundDescription')}</p>
      <Button asChild>
        <Link href="/">{t('startNew')}</Link>
      </Button>
    </div>
  );
}

export function MessagesLoadFailed({ onReload }: { onReload: () => void }) {
  const t = useTranslations('chat');
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center text-sm">
      <p className="text-muted-foreground">{t('loadFailed')}</p>
      <Button variant="outline" onClick={onReload}>
        {t('reload')}
      </Button>
    </div>
  );
}
