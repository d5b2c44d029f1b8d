// Chooses which assistant a new chat talks to (shown when there is more than one): a menu of
// their names and descriptions, the default one first. The menu's content is a chunk of its own
// (assistant-picker-content.tsx), fetched once the menu has mounted.
'use client';

import { ChevronDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import { lazyMenu } from '~/components/ui/dropdown-menu';
import type { Assistant } from '~/lib/chats/types';

const menu = lazyMenu(() => import('./assistant-picker-content'));
const MenuContent = menu.part((content) => content.AssistantPickerContent);

export function AssistantPicker({
  assistants,
  value,
  onChange,
}: {
  assistants: Assistant[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  const t = useTranslations('newChat');
  const selected = assistants.find((assistant) => assistant.id === value) ?? assistants[0];
  if (!selected) return null;
  if (assistants.length < 2) {
    return <span className="truncate px-2 text-[15px] font-semibold">{selected.name}</span>;
  }
  return (
    <menu.Menu>
      <menu.Trigger asChild>
        <Button
          variant="ghost"
          className="gap-1 px-2 text-[15px] font-semibold"
          aria-label={t('assistantLabel', { name: selected.name })}
        >
          {selected.name}
          <ChevronDown aria-hidden className="text-muted-foreground" />
        </Button>
      </menu.Trigger>
      <MenuContent assistants={assistants} value={selected.id} onChange={onChange} />
    </menu.Menu>
  );
}
