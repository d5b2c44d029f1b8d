// The composer's attach button (issue 16): it tells the limits before anyone picks a file (files
// per message and size per file, from `attachment.limits`), in its tooltip and as the button's
// accessible description, so nobody learns them only from a refusal.
'use client';

import { Paperclip } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Button } from '~/components/ui/button';
import { Tooltip } from '~/components/ui/tooltip';
import type { AttachmentsController } from '~/lib/chat/use-attachments';
import { useFormatBytes } from '~/lib/hooks/use-format-bytes';

export function AttachButton({
  limits,
  disabled,
  onClick,
}: {
  limits: AttachmentsController['limits'];
  disabled?: boolean;
  onClick: () => void;
}) {
  const t = useTranslations('attachments');
  const size = useFormatBytes();
  const descriptionId = useId();
  const described = limits
    ? t('limits', { count: limits.maxFilesPerMessage, size: size(limits.maxFileBytes) })
    : null;
  return (
    <>
      <Tooltip
        label={
          described ? (
            <span className="grid max-w-64 gap-0.5">
              <span>{t('attach')}</span>
              <span className="font-normal opacity-80">{described}</span>
            </span>
          ) : (
            t('attach')
          )
        }
      >
        <Button
          type="button"
          size="icon"
          variant="ghost"
          onClick={onClick}
          disabled={disabled}
          aria-label={t('attach')}
          aria-describedby={described ? descriptionId : undefined}
          className="shrink-0 rounded-full"
        >
          <Paperclip aria-hidden />
        </Button>
      </Tooltip>
      {described ? (
        <span id={descriptionId} hidden>
          {described}
        </span>
      ) : null}
    </>
  );
}
