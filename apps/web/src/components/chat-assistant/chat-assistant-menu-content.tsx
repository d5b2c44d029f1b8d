// The content of an open chat's assistant menu (chat-assistant-menu.tsx): the assistants to
// choose from and the switch for the person's own instructions, with what they change. A chunk of
// its own, fetched once the menu has mounted.
'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { AssistantRadioItems } from '~/components/chat/assistant-picker-content';
import {
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuSeparator,
} from '~/components/ui/dropdown-menu';
import { useToast } from '~/components/ui/toaster';
import type { Assistant, Chat } from '~/lib/chats/types';
import { useTRPC } from '~/lib/trpc/react';

export function ChatAssistantMenuContent({
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const onSuccess = (updated: Chat) => {
    queryClient.setQueryData(trpc.chat.get.queryKey({ id: chat.id }), updated);
  };
  const onError = (error: { message: string }) =>
    toast({ title: t('changeFailed'), description: error.message });
  const setAssistant = useMutation(
    trpc.chatSettings.setAssistant.mutationOptions({
      onSuccess: (updated, variables) => {
        onSuccess(updated);
        const name = assistants.find((a) => a.id === variables.assistantId)?.name ?? '';
        toast({ title: t('changed', { name }) });
      },
      onError,
    }),
  );
  const setPersonal = useMutation(
    trpc.chatSettings.setPersonalInstructions.mutationOptions({ onSuccess, onError }),
  );
  const available = assistants.some((a) => a.id === chat.assistant_id);

  return (
    <DropdownMenuContent align="start" className="w-72">
      <DropdownMenuLabel>{t('label')}</DropdownMenuLabel>
      {available ? null : (
        <p className="px-2.5 pb-1.5 text-xs text-muted-foreground">
          {t('unavailable', { name: currentName })}
        </p>
      )}
      <DropdownMenuRadioGroup
        value={chat.assistant_id}
        onValueChange={(assistantId) => {
          if (assistantId !== chat.assistant_id)
            setAssistant.mutate({ chatId: chat.id, assistantId });
        }}
      >
        <AssistantRadioItems assistants={assistants} />
      </DropdownMenuRadioGroup>
      <DropdownMenuSeparator />
      <DropdownMenuItem
        onSelect={() =>
          setPersonal.mutate({ chatId: chat.id, enabled: !chat.personal_instructions })
        }
      >
        <span className="flex size-4 items-center justify-center">
          {chat.personal_instructions ? <Check aria-hidden /> : null}
        </span>
        {chat.personal_instructions ? t('personalOn') : t('personalOff')}
      </DropdownMenuItem>
    </DropdownMenuContent>
  );
}
