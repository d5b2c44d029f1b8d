// Retry and regenerate for a chat's replies, used by the conversation's message actions (in its
// chunk, out of the chat's first load; stopping is use-stop-reply.ts). Each applies the server's
// answer to the cache at once (the reply restarts streaming in place) and reports a refusal in
// words.
'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { invalidateMessages, upsertMessage } from '../chats/cache';
import { useTRPC } from '../trpc/react';
import { classifySendError, type SendFailure } from './send-errors';

/** `again` repeats the refused action, for the notice's "Try again". */
export type ReplyFailureHandler = (failure: SendFailure, again: () => void) => void;

export function useReplyRetries(chatId: string, onFailure: ReplyFailureHandler) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const target = { queryClient, trpc };

  const retry = useMutation(
    trpc.message.retry.mutationOptions({
      onSuccess: ({ assistantMessage }) => upsertMessage(target, assistantMessage),
    }),
  );
  // A regenerate adds a new version of the reply (the branch on screen changes): refetch it.
  const regenerate = useMutation(
    trpc.message.regenerate.mutationOptions({
      onSuccess: () => invalidateMessages(target, chatId),
    }),
  );

  // The same functions while the chat and the failure handler stay (the mutations' `mutate` is
  // stable): the message list's rows are memoized on them.
  const { mutate: retryMutate } = retry;
  const { mutate: regenerateMutate } = regenerate;
  const actions = useMemo(() => {
    const runRetry = (messageId: string) =>
      retryMutate(
        { messageId },
        { onError: (error) => onFailure(classifySendError(error), () => runRetry(messageId)) },
      );
    const runRegenerate = () =>
      regenerateMutate(
        { chatId },
        { onError: (error) => onFailure(classifySendError(error), runRegenerate) },
      );
    return { retry: runRetry, regenerate: runRegenerate };
  }, [retryMutate, regenerateMutate, chatId, onFailure]);

  return { ...actions, busy: retry.isPending || regenerate.isPending };
}
