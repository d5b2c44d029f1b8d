// Chooses which assistant a new chat talks to (shown when there is more than one): a menu of
// their names and descriptions, the default one first.
'use client';

import { ChevronDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '~/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from '~/components/ui/dropdown-menu';
import type { Assistant } from '~/lib/chats/types';

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
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          className="gap-1 px-2 text-[15px] font-semibold"
          aria-label={t('assistantLabel', { name: selected.name })}
        >
          {selected.name}
          <ChevronDown aria-hidden className="text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>{t('chooseAssistant')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={selected.id} onValueChange={onChange}>
          {assistants.map((assistant) => (
            <DropdownMenuRadioItem key={assistant.id} value={assistant.id} className="items-start">
              <span className="grid gap-0.5">
                <span className="font-medium">{assistant.name}</span>
                {assistant.description ? (
                  <span className="text-xs text-muted-foreground">{assistant.description}</span>
                ) : null}
              </span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
