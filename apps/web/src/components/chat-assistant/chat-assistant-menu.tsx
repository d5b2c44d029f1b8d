// The assistant picker of an open chat: the next reply uses the assistant chosen here (earlier
// replies keep theirs), and the person's own instructions can be switched off for this chat.
// An assistant no longer available (archived, or closed to this person) still shows by name.
// Only the button is in the first load; the menu's content is a chunk of its own
// (chat-assistant-menu-content.tsx), fetched once the menu has mounted.
'use client';

import { ChevronDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import { lazyMenu } from '~/components/ui/dropdown-menu';
import type { Assistant, Chat } from '~/lib/chats/types';

const menu = lazyMenu(() => import('./chat-assistant-menu-content'));
const MenuContent = menu.part((content) => content.ChatAssistantMenuContent);

export function ChatAssistantMenu({
  chat,
  assistants,
  currentName,
}: {
  chat: Chat;
  assistants: Assistant[];
  /** The chat's assistant's name, also when it is not in `assistants` any more. */
  currentName: string;
}) {
  const t = useTranslations('chatAssistant');
  return (
    <menu.Menu>
      <menu.Trigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="shrink-0 gap-1 rounded-full bg-muted px-2.5 text-xs text-muted-foreground"
          aria-label={t('trigger', { name: currentName })}
        >
          {currentName}
          <ChevronDown aria-hidden />
        </Button>
      </menu.Trigger>
      <MenuContent chat={chat} assistants={assistants} currentName={currentName} />
    </menu.Menu>
  );
}
