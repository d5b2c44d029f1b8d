// Issue 17: pin, archive (with undo) and delete several chats, applied to the cache at once (the
// list changes before the server answers) and put right from the server if it refuses. Other
// tabs and devices follow through the chats' Realtime events, which carry the whole row.
// Optimistic copies keep the row's updated_at, so the server's answer (newer) always replaces them.
'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useToast } from '~/components/ui/toaster';
import { useTRPC } from '../trpc/react';
import { findChat, forgetDeletion, removeChat, upsertChat } from './cache';

const now = () => new Date().toISOString();

export function usePinChat() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useTranslations('organize');
  const target = { queryClient, trpc };
  return useMutation(
    trpc.chat.pin.mutationOptions({
      onMutate: ({ id, pinned }) => {
        const chat = findChat(target, id);
        if (chat) upsertChat(target, { ...chat, pinned_at: pinned ? now() : null });
      },
      onSuccess: (chat) => upsertChat(target, chat),
      onError: () => {
        void queryClient.invalidateQueries(trpc.chat.pathFilter());
        toast({ title: t('failed'), tone: 'error' });
      },
    }),
  );
}

/** Archives or restores chats; archiving offers Undo in its notice. */
export function useArchiveChats() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useTranslations('organize');
  const target = { queryClient, trpc };
  const mutation = useMutation(
    trpc.chat.archive.mutationOptions({
      onMutate: ({ ids, archived }) => {
        for (const id of ids) {
          const chat = findChat(target, id);
          if (chat) {
            upsertChat(target, {
              ...chat,
              archived_at: archived ? now() : null,
              pinned_at: archived ? null : chat.pinned_at,
            });
          }
        }
      },
      onSuccess: (chats, { ids, archived }) => {
        for (const chat of chats) upsertChat(target, chat);
        toast({
          title: t(archived ? 'archivedToast' : 'restoredToast', { count: ids.length }),
          tone: 'success',
          ...(archived
            ? {
                action: {
                  label: t('undo'),
                  onClick: () => mutation.mutate({ ids, archived: false }),
                },
              }
            : {}),
        });
      },
      onError: () => {
        void queryClient.invalidateQueries(trpc.chat.pathFilter());
        toast({ title: t('failed'), tone: 'error' });
      },
    }),
  );
  return mutation;
}

/** Deletes several chats after the one confirmation; the open one returns to a new chat. */
export function useDeleteChats() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const t = useTranslations('organize');
  const target = { queryClient, trpc };
  return useMutation(
    trpc.chat.deleteMany.mutationOptions({
      onMutate: ({ ids }) => {
        if (ids.some((id) => pathname === `/c/${id}`)) router.replace('/');
        for (const id of ids) removeChat(target, id);
      },
      onSuccess: ({ ids }) =>
        toast({ title: t('deletedMany', { count: ids.length }), tone: 'success' }),
      onError: (_error, { ids }) => {
        for (const id of ids) forgetDeletion(target, id);
        void queryClient.invalidateQueries(trpc.chat.pathFilter());
        toast({ title: t('failed'), tone: 'error' });
      },
    }),
  );
}
