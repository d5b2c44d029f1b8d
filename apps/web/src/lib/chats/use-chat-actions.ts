// Renaming and deleting a chat, applied to the cache at once (the list and the header change
// before the server answers) and put right from the server if it refuses. The notices are raised
// here, at the mutation, because the menu that started a delete is gone by the time it ends.
'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useToast } from '~/components/ui/toaster';
import { useTRPC } from '../trpc/react';
import { findChat, forgetDeletion, removeChat, upsertChat } from './cache';

export function useRenameChat() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useTranslations('chatActions');
  const target = { queryClient, trpc };
  return useMutation(
    trpc.chat.rename.mutationOptions({
      onMutate: ({ id, title }) => {
        const chat = findChat(target, id);
        if (chat) upsertChat(target, { ...chat, title, title_source: 'user' });
        return { previous: chat };
      },
      onSuccess: (chat) => upsertChat(target, chat),
      onError: (_error, _input, context) => {
        if (context?.previous) {
          // Restore with a fresh timestamp so the cache accepts the older title back.
          upsertChat(target, { ...context.previous, updated_at: new Date().toISOString() });
        }
        void queryClient.invalidateQueries(trpc.chat.pathFilter());
        toast({ title: t('renameFailed'), tone: 'error' });
      },
    }),
  );
}

export function useDeleteChat() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useTranslations('chatActions');
  const target = { queryClient, trpc };
  return useMutation(
    trpc.chat.delete.mutationOptions({
      onMutate: ({ id }) => {
        removeChat(target, id);
      },
      onSuccess: () => toast({ title: t('deleted'), tone: 'success' }),
      onError: (_error, { id }) => {
        forgetDeletion(target, id);
        void queryClient.invalidateQueries(trpc.chat.pathFilter());
        toast({ title: t('deleteFailed'), tone: 'error' });
      },
    }),
  );
}
