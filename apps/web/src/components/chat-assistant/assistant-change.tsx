// Where a chat's assistant changed: a divider before the first reply of the new assistant.
'use client';

import { useTranslations } from 'next-intl';
import type { Message } from '~/lib/chats/types';

/** For each reply whose assistant differs from the reply before it, the new assistant's id. */
export function assistantChanges(messages: Message[]): Map<string, string> {
  const changes = new Map<string, string>();
  let previous: string | null = null;
  for (const message of messages) {
    if (message.role !== 'assistant' || !message.assistant_id) continue;
    if (previous && previous !== message.assistant_id)
      changes.set(message.id, message.assistant_id);
    previous = message.assistant_id;
  }
  return changes;
}

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
