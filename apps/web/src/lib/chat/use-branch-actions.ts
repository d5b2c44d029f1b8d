// Edit a sent message and switch between versions. Both move the chat's active leaf, so the
// branch on screen is refetched; other tabs and devices follow through the chat's realtime event.
'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useToast } from '~/components/ui/toaster';
import { invalidateMessages, upsertChat } from '../chats/cache';
import { useTRPC } from '../trpc/react';

export interface BranchActions {
  /** Sends an edited version of `messageId`; resolves to whether the server took it. */
  edit(messageId: string, content: string): Promise<boolean>;
  /** Shows the branch through `messageId`, one of a message's versions. */
  switchTo(messageId: string): void;
  /** A switch or an edit is on its way. */
  busy: boolean;
}

export function useBranchActions(chatId: string): BranchActions {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useTranslations('branch');
  const target = { queryClient, trpc };

  const edit = useMutation(
    trpc.branch.edit.mutationOptions({
      onSuccess: () => invalidateMessages(target, chatId),
      onError: () => toast({ title: t('editFailed'), tone: 'error' }),
    }),
  );
  const switchBranch = useMutation(
    trpc.branch.switch.mutationOptions({
      onSuccess: async (chat) => {
        upsertChat(target, chat);
        await invalidateMessages(target, chatId);
      },
      onError: () => toast({ title: t('switchFailed'), tone: 'error' }),
    }),
  );

  // The same object while nothing it holds changes: the message list's rows are memoized on it.
  const { mutateAsync: editAsync } = edit;
  const { mutate: switchTo } = switchBranch;
  const busy = edit.isPending || switchBranch.isPending;
  return useMemo(
    () => ({
      edit: async (messageId, content) => {
        try {
          await editAsync({ messageId, content, clientMessageId: crypto.randomUUID() });
          return true;
        } catch {
          // Reported by the mutation's onError; the editor stays open with the text.
          return false;
        }
      },
      switchTo: (messageId) => switchTo({ messageId }),
      busy,
    }),
    [editAsync, switchTo, busy],
  );
}
