// Sending a message: it appears at once (optimistic), the server stores it with a reply that
// starts streaming, and the cache takes the stored pair. A failed send takes the message back out
// and reports why; trying the same text again reuses its id, so a send that did reach the server
// is not stored twice.
'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { branchTail, findChat, removeMessage, upsertChat, upsertMessage } from '../chats/cache';
import type { Message } from '../chats/types';
import { useTRPC } from '../trpc/react';
import { classifySendError, type SendFailure } from './send-errors';

export interface Outgoing {
  content: string;
  clientMessageId: string;
  /** Confirmed files to send with it (issue 16). */
  attachmentIds?: string[];
}

export type SendResult =
  | { ok: true; userMessage: Message; assistantMessage: Message }
  | { ok: false; failure: SendFailure };

export function newOutgoing(content: string, attachmentIds?: string[]): Outgoing {
  return {
    content,
    clientMessageId: crypto.randomUUID(),
    ...(attachmentIds?.length ? { attachmentIds } : {}),
  };
}

function optimisticMessage(chatId: string, outgoing: Outgoing, parentId: string | null): Message {
  const now = new Date().toISOString();
  return {
    id: outgoing.clientMessageId,
    chat_id: chatId,
    parent_id: parentId,
    user_id: '',
    role: 'user',
    content: outgoing.content,
    status: 'complete',
    error_code: null,
    error_message: null,
    model: null,
    openai_response_id: null,
    usage: null,
    created_at: now,
    updated_at: '1970-01-01T00:00:00.000Z', // any stored copy replaces this one
    completed_at: now,
    assistant_id: null,
  };
}

export function useSendMessage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const send = useMutation(trpc.message.send.mutationOptions());

  return useCallback(
    async (chatId: string, outgoing: Outgoing): Promise<SendResult> => {
      const target = { queryClient, trpc };
      // It continues the branch on screen, as the server will place it.
      upsertMessage(target, optimisticMessage(chatId, outgoing, branchTail(target, chatId)));
      try {
        const { userMessage, assistantMessage } = await send.mutateAsync({
          chatId,
          content: outgoing.content,
          clientMessageId: outgoing.clientMessageId,
          ...(outgoing.attachmentIds?.length ? { attachmentIds: outgoing.attachmentIds } : {}),
        });
        if (outgoing.attachmentIds?.length)
          void queryClient.invalidateQueries(trpc.attachment.list.queryFilter({ chatId }));
        upsertMessage(target, userMessage);
        upsertMessage(target, assistantMessage);
        // Move the chat to the top of the list now rather than when the live update arrives.
        const chat = findChat(target, chatId);
        if (chat) upsertChat(target, { ...chat, last_activity_at: userMessage.created_at });
        return { ok: true, userMessage, assistantMessage };
      } catch (error) {
        removeMessage(target, chatId, outgoing.clientMessageId);
        return { ok: false, failure: classifySendError(error) };
      }
    },
    [queryClient, trpc, send],
  );
}
