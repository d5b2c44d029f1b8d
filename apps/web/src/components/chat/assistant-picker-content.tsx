// The new chat's assistant menu (assistant-picker.tsx): each assistant's name and description.
// A chunk of its own, fetched once the menu has mounted.
'use client';

import { useTranslations } from 'next-intl';
import {
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
} from '~/components/ui/dropdown-menu';
import type { Assistant } from '~/lib/chats/types';

export function AssistantPickerContent({
  assistants,
  value,
  onChange,
}: {
  assistants: Assistant[];
  value: string;
  onChange: (id: string) => void;
}) {
  const t = useTranslations('newChat');
  return (
    <DropdownMenuContent align="start" className="w-72">
      <DropdownMenuLabel>{t('chooseAssistant')}</DropdownMenuLabel>
      <DropdownMenuRadioGroup value={value} onValueChange={onChange}>
        <AssistantRadioItems assistants={assistants} />
      </DropdownMenuRadioGroup>
    </DropdownMenuContent>
  );
}

/** One radio item per assistant: its name, and its description under it when it has one. */
export function AssistantRadioItems({ assistants }: { assistants: readonly Assistant[] }) {
  return assistants.map((assistant) => (
    <DropdownMenuRadioItem key={assistant.id} value={assistant.id} className="items-start">
      <span className="grid gap-0.5">
        <span className="font-medium">{assistant.name}</span>
        {assistant.description ? (
          <span className="text-xs text-muted-foreground">{assistant.description}</span>
        ) : null}
      </span>
    </DropdownMenuRadioItem>
  ));
}
