// The small buttons under a message: copy always; regenerate under the last reply; each with an
// accessible name and a tooltip.
'use client';

import { Check, Copy, RefreshCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ReplyTokens } from '~/components/chat-assistant/reply-tokens';
import { Button } from '~/components/ui/button';
import { Tooltip } from '~/components/ui/tooltip';
import { cn } from '~/lib/cn';
import { useCopy } from '~/lib/hooks/use-copy';

export function MessageActions({
  text,
  onRegenerate,
  regenerating,
  usage,
  feedback,
  className,
}: {
  /** Issue 17: thumbs up/down (feedback-buttons.tsx), under finished replies. */
  feedback?: ReactNode;
  text: string;
  /** A reply's token usage, shown on demand. */
  usage?: unknown;
  onRegenerate?: () => void;
  regenerating?: boolean;
  className?: string;
}) {
  const t = useTranslations('message');
  const { copied, copy } = useCopy();
  return (
    <div className={cn('flex items-center gap-0.5', className)}>
      <Tooltip label={copied ? t('copied') : t('copyMessage')}>
        <Button
          variant="subtle"
          size="icon-sm"
          onClick={() => void copy(text)}
          aria-label={copied ? t('copied') : t('copyMessage')}
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
        </Button>
      </Tooltip>
      {feedback}
      {usage ? <ReplyTokens usage={usage} /> : null}
      {onRegenerate ? (
        <Tooltip label={t('regenerate')}>
          <Button
            variant="subtle"
            size="icon-sm"
            onClick={onRegenerate}
            disabled={regenerating}
            aria-label={t('regenerate')}
          >
            <RefreshCw aria-hidden className={cn(regenerating && 'animate-spin')} />
          </Button>
        </Tooltip>
      ) : null}
    </div>
  );
}
