// "‹ 2/3 ›" under a message that has other versions (edits of a question, regenerated replies):
// two real buttons, so Tab and Enter/Space work, and a position that screen readers hear as
// "Version 2 of 3".
'use client';

import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import { cn } from '~/lib/cn';

export function VersionSwitcher({
  versions,
  current,
  onSwitch,
  disabled,
  className,
}: {
  /** Every version's id, oldest first (the message's siblings, itself included). */
  versions: readonly string[];
  current: string;
  onSwitch: (messageId: string) => void;
  disabled?: boolean;
  className?: string;
}) {
  const t = useTranslations('branch');
  const index = versions.indexOf(current);
  if (versions.length < 2 || index === -1) return null;
  const previous = versions[index - 1];
  const next = versions[index + 1];
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form's fieldset
    <div
      role="group"
      aria-label={t('versions')}
      data-testid="version-switcher"
      className={cn('flex items-center text-xs text-muted-foreground tabular-nums', className)}
    >
      <Button
        variant="subtle"
        size="icon-sm"
        aria-label={t('previous')}
        disabled={disabled || !previous}
        onClick={() => previous && onSwitch(previous)}
      >
        <ChevronLeft aria-hidden />
      </Button>
      <span aria-hidden>{t('position', { index: index + 1, total: versions.length })}</span>
      <span className="sr-only">
        {t('positionLabel', { index: index + 1, total: versions.length })}
      </span>
      <Button
        variant="subtle"
        size="icon-sm"
        aria-label={t('next')}
        disabled={disabled || !next}
        onClick={() => next && onSwitch(next)}
      >
        <ChevronRight aria-hidden />
      </Button>
    </div>
  );
}
