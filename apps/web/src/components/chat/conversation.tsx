// An open chat's conversation with what only it uses: where it is scrolled
// (useConversationScroll), a search result opened at its message (useRevealMessage), editing and
// switching versions (useBranchActions), retrying and regenerating replies (useReplyRetries), the
// files of questions as they arrive, and the list itself (message-list.tsx). A chunk of its
// own, out of the chat's first load (lazy-conversation.tsx fetches it); the chat view keeps what
// works before the messages are on screen: the header, the composer and sending.
'use client';

import { useQueryClient } from '@tanstack/react-query';
import {
  type ComponentProps,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
} from 'react';
import { useBranchActions } from '~/lib/chat/use-branch-actions';
import { type ReplyFailureHandler, useReplyRetries } from '~/lib/chat/use-reply-retries';
import { useRevealMessage } from '~/lib/chat/use-reveal-message';
import { useConversationScroll } from '~/lib/hooks/use-conversation-scroll';
import { useTRPC } from '~/lib/trpc/react';
import { MessageList } from './message-list';

export interface ConversationHandle {
  /** Called before a send: the next question goes to the top of the view. */
  holdNextQuestion: () => void;
}

type ListProps = ComponentProps<typeof MessageList>;

/** MessageList's own props, less what the conversation supplies (scroll, versions, paging). */
export type ConversationProps = Pick<
  ListProps,
  'messages' | 'assistantName' | 'assistantNames' | 'hasOlder' | 'loadingOlder' | 'footer'
> & {
  chatId: string;
  /** A retry or regenerate the server refused (the chat view shows why, with "Try again"). */
  onReplyFailure: ReplyFailureHandler;
  /** Before a retry or regenerate: the chat view clears the last failure notice. */
  onReplyAction: () => void;
  /** Versions of each listed message that has several, oldest first. */
  siblings: Record<string, string[]>;
  loadOlder: () => void;
  /** A reply is being written: a new version cannot start until it ends. */
  locked: boolean;
  ref?: Ref<ConversationHandle>;
};

export function Conversation({
  chatId,
  messages,
  siblings,
  hasOlder,
  loadingOlder,
  loadOlder,
  locked,
  onReplyFailure,
  onReplyAction,
  ref,
  ...list
}: ConversationProps) {
  const scroll = useConversationScroll({
    firstMessageId: messages[0]?.id,
    lastMessageId: messages.at(-1)?.id,
    canLoadOlder: hasOlder && !loadingOlder,
    onLoadOlder: loadOlder,
  });
  useImperativeHandle(ref, () => ({ holdNextQuestion: scroll.holdNextQuestion }), [
    scroll.holdNextQuestion,
  ]);

  // A search result opens the chat at its message (issue 17).
  const loadedIds = useMemo(() => messages.map((message) => message.id), [messages]);
  useRevealMessage({
    loadedIds,
    hasOlder,
    loadingOlder,
    loadOlder,
    reveal: scroll.revealMessage,
  });

  // A question arriving (this tab, another tab, another device) may carry files: refresh them.
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const questionIds = messages
    .filter((message) => message.role === 'user')
    .map((message) => message.id)
    .join(',');
  useEffect(() => {
    if (questionIds)
      void queryClient.invalidateQueries(trpc.attachment.list.queryFilter({ chatId }));
  }, [questionIds, chatId, queryClient, trpc]);

  const actions = useBranchActions(chatId);
  // Stable while the chat view's handlers are (they are callbacks of its own), so the message
  // list's memoized rows do not all render again whenever the conversation does.
  const { retry, regenerate, busy } = useReplyRetries(chatId, onReplyFailure);
  const onRetry = useCallback(
    (messageId: string) => {
      onReplyAction();
      retry(messageId);
    },
    [onReplyAction, retry],
  );
  const onRegenerate = useCallback(() => {
    onReplyAction();
    regenerate();
  }, [onReplyAction, regenerate]);
  return (
    <MessageList
      {...list}
      onRetry={onRetry}
      onRegenerate={onRegenerate}
      busy={busy}
      messages={messages}
      hasOlder={hasOlder}
      loadingOlder={loadingOlder}
      onLoadOlder={loadOlder}
      branch={{ siblings, actions, locked }}
      scrollerRef={scroll.scrollerRef}
      contentRef={scroll.contentRef}
      spacerRef={scroll.spacerRef}
      atBottom={scroll.atBottom}
      onScrollToBottom={() => scroll.scrollToBottom('smooth')}
    />
  );
}
