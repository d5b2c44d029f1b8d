// Why a reply failed, in plain words, with only the action that can help: Retry for a passing
// failure, a new chat when the chat outgrew the model, and no button at all when someone else
// (an administrator) must act or the request itself must change; the hint says which. A stopped
// reply gets a quiet note with Continue (a retry). Either keeps whatever text had arrived.
// A chunk of its own with the AI error codes (reply-error.tsx), fetched as a chat view mounts.
'use client';

import { CircleAlert, RotateCcw, SquarePen } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import { replyErrorAction, replyErrorCode } from '~/lib/ai-errors';

export interface ReplyErrorProps {
  status: 'failed' | 'cancelled';
  errorCode: string | null;
  onRetry: () => void;
  retrying: boolean;
}

export function ReplyErrorContent({ status, errorCode, onRetry, retrying }: ReplyErrorProps) {
  const t = useTranslations('replyError');
  if (status === 'cancelled') {
    return (
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
        <span>{t('stopped')}</span>
        <Button
          variant="link"
          size="sm"
          className="h-auto px-0"
          onClick={onRetry}
          disabled={retrying}
        >
          {t('retryStopped')}
        </Button>
      </div>
    );
  }
  const code = replyErrorCode(errorCode);
  const action = replyErrorAction(code);
  return (
    <div
      role="alert"
      data-error-code={code}
      className="mt-2 flex flex-col gap-3 rounded-xl border border-destructive/30 bg-destructive-soft p-3.5 text-sm sm:flex-row sm:items-center"
    >
      <div className="flex flex-1 gap-2.5">
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
        <div className="grid gap-0.5">
          <p className="font-medium text-foreground">{t(`codes.${code}`)}</p>
          <p className="text-muted-foreground">{t(`hints.${code}`)}</p>
        </div>
      </div>
      {action === 'retry' ? (
        <Button
          variant="outline"
          size="sm"
          onClick={onRetry}
          disabled={retrying}
          className="self-start sm:self-center"
        >
          <RotateCcw aria-hidden />
          {t('retry')}
        </Button>
      ) : action === 'newChat' ? (
        <Button variant="outline" size="sm" asChild className="self-start sm:self-center">
          <Link href="/">
            <SquarePen aria-hidden />
            {t('newChat')}
          </Link>
        </Button>
      ) : null}
    </div>
  );
}
