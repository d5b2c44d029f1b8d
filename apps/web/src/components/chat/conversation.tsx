// An open chat's conversation with what only it uses: where it is scrolled
// (useConversationScroll), a search result opened at its message (useRevealMessage), editing and
// switching versions (useBranchActions), and the list itself (message-list.tsx). A chunk of its
// own, out of the chat's first load (lazy-conversation.tsx fetches it); the chat view keeps what
// works before the messages are on screen: the header, the composer and sending.
'use client';

import { type ReactNode, type Ref, useImperativeHandle, useMemo } from 'react';
import { useBranchActions } from '~/lib/chat/use-branch-actions';
import { useRevealMessage } from '~/lib/chat/use-reveal-message';
import type { Message } from '~/lib/chats/types';
import { useConversationScroll } from '~/lib/hooks/use-conversation-scroll';
import { MessageList } from './message-list';

export interface ConversationHandle {
  /** Called before a send: the next question goes to the top of the view. */
  holdNextQuestion: () => void;
}

export interface ConversationProps {
  chatId: string;
  /** The loaded messages of the branch on screen, oldest first. */
  messages: Message[];
  /** Versions of each listed message that has several, oldest first. */
  siblings: Record<string, string[]>;
  assistantName: string;
  assistantNames: Map<string, string>;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => void;
  onRetry: (messageId: string) => void;
  onRegenerate: () => void;
  busy: boolean;
  /** A reply is being written: a new version cannot start until it ends. */
  locked: boolean;
  footer?: ReactNode;
  ref?: Ref<ConversationHandle>;
}

export function Conversation({
  chatId,
  messages,
  siblings,
  hasOlder,
  loadingOlder,
  loadOlder,
  locked,
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

  const actions = useBranchActions(chatId);
  return (
    <MessageList
      {...list}
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
