// Where a chat's assistant changed: a divider before the exchange the new assistant answered.
'use client';

import { useTranslations } from 'next-intl';

export function AssistantChangeDivider({ name }: { name: string }) {
  const t = useTranslations('chatAssistant');
  return (
    <div className="flex items-center gap-3 text-xs text-muted-foreground">
      <hr aria-hidden className="flex-1 border-border" />
      <span>{t('switchedTo', { name })}</span>
      <hr aria-hidden className="flex-1 border-border" />
    </div>
  );
}
