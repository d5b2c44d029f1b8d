// Stopping a chat's running reply (the composer's Stop and Escape): the server's answer goes
// into the cache at once, so the reply shows as stopped. Retry and regenerate, which only the
// conversation's message actions use, are use-reply-retries.ts.
'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { upsertMessage } from '../chats/cache';
import { useTRPC } from '../trpc/react';

export function useStopReply() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.message.cancel.mutationOptions({
      onSuccess: ({ message }) => upsertMessage({ queryClient, trpc }, message),
    }),
  );
  return {
    stop: (messageId: string) => cancel.mutate({ messageId }),
    stopping: cancel.isPending,
  };
}
