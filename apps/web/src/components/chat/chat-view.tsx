// An open chat: header with its title and actions, the conversation, and the composer. Sending,
// stopping, retrying and regenerating go through the hooks in lib/chat; this file arranges them
// and keeps the person informed (send failures, no AI configured, a reply finishing).
'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ChatAssistantMenu } from '~/components/chat-assistant/chat-assistant-menu';
import { useAssistantNames } from '~/components/chat-assistant/use-assistant-names';
import { ChatActionsMenu } from '~/components/sidebar/chat-actions-menu';
import type { SendFailure } from '~/lib/chat/send-errors';
import { useAttachments } from '~/lib/chat/use-attachments';
import type { ReplyFailureHandler } from '~/lib/chat/use-reply-retries';
import { newOutgoing, type Outgoing, useSendMessage } from '~/lib/chat/use-send-message';
import { useStopReply } from '~/lib/chat/use-stop-reply';
import { compareMessages } from '~/lib/chats/order';
import { chatTitle } from '~/lib/chats/title';
import { isActive } from '~/lib/chats/types';
import { useShortcut } from '~/lib/hooks/use-shortcut';
import { markSessionExpired } from '~/lib/session-expiry';
import { errorReason } from '~/lib/trpc/errors';
import { useTRPC } from '~/lib/trpc/react';
import { ChatHeader } from './chat-header';
import { Composer, type ComposerHandle } from './composer';
import type { ConversationHandle } from './conversation';
import { Conversation, ConversationLoading } from './lazy-conversation';
import { markdownChunk } from './markdown-chunk';
import { MESSAGE_PAGE_SIZE } from './message-page';
import {
  AiNotConfiguredNotice,
  ChatNotFound,
  MessagesLoadFailed,
  preloadNotices,
  SendFailureNotice,
} from './notices';
import { replyErrorChunk } from './reply-error-chunk';
import { ShareButton } from './share-dialog';

interface FailureState {
  failure: SendFailure;
  /** The message that failed to send, so sending the same text again reuses its id. */
  outgoing: Outgoing | null;
  again: () => void;
}

function overlayOpen(): boolean {
  return Boolean(document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"]'));
}

export function ChatView({ chatId }: { chatId: string }) {
  const t = useTranslations('chat');
  const trpc = useTRPC();

  const info = useQuery(
    trpc.system.info.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const chat = useQuery(trpc.chat.get.queryOptions({ id: chatId }));
  // Replies render with a renderer loaded on demand (reply-markdown.tsx): fetched beside the
  // messages, so they show as Markdown from the start, or within a moment of it.
  useEffect(() => {
    markdownChunk.load().catch(() => undefined);
    // Out of the first load too, and wanted before anything can fail (the network may be gone).
    preloadNotices().catch(() => undefined);
    replyErrorChunk.load().catch(() => undefined);
  }, []);
  const assistants = useQuery(
    trpc.assistant.list.queryOptions(undefined, { staleTime: 5 * 60_000 }),
  );
  const pages = useInfiniteQuery(
    trpc.message.list.infiniteQueryOptions(
      { chatId, limit: MESSAGE_PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );

  const messages = useMemo(
    () =>
      pages.data
        ? [...pages.data.pages]
            .reverse()
            .flatMap((page) => page.items)
            .sort(compareMessages)
        : [],
    [pages.data],
  );
  const siblings = useMemo(
    () => Object.assign({}, ...(pages.data?.pages.map((page) => page.siblings) ?? [])),
    [pages.data],
  );
  const activeReply = messages.findLast(
    (message) => message.role === 'assistant' && isActive(message),
  );
  const assistantNames = useAssistantNames(assistants.data, messages, chat.data?.assistant_id);
  const assistantName = assistantNames.get(chat.data?.assistant_id ?? '') ?? 'Zatten';

  const composer = useRef<ComposerHandle>(null);
  const conversation = useRef<ConversationHandle>(null);
  const loadOlder = useCallback(() => {
    if (pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
  }, [pages.hasNextPage, pages.isFetchingNextPage, pages.fetchNextPage]);

  // Send, keeping the last failed attempt so "Try again" reuses its id (no duplicate if the
  // first attempt did reach the server).
  const sendMessage = useSendMessage();
  const attachments = useAttachments();
  const [failure, setFailure] = useState<FailureState | null>(null);
  const report = useCallback((state: FailureState) => {
    if (state.failure.kind === 'sessionExpired') markSessionExpired();
    else setFailure(state);
  }, []);
  const onSend = async (text: string): Promise<boolean> => {
    const outgoing =
      failure?.outgoing?.content === text
        ? failure.outgoing
        : newOutgoing(text, attachments.readyIds);
    setFailure(null);
    conversation.current?.holdNextQuestion();
    const result = await sendMessage(chatId, outgoing);
    if (result.ok) return true;
    report({ failure: result.failure, outgoing, again: () => composer.current?.submit() });
    return false;
  };

  const controls = useStopReply();
  const onReplyFailure = useCallback<ReplyFailureHandler>(
    (replyFailure, again) => report({ failure: replyFailure, outgoing: null, again }),
    [report],
  );
  const clearFailure = useCallback(() => setFailure(null), []);
  const stop = useCallback(() => {
    if (activeReply) controls.stop(activeReply.id);
  }, [activeReply, controls]);
  useShortcut(
    { key: 'Escape' },
    () => {
      if (!overlayOpen()) stop();
    },
    Boolean(activeReply),
  );

  // Tell screen-reader users when a reply has finished (the text itself is not announced token
  // by token: the message is aria-busy while it is written).
  const [announcement, setAnnouncement] = useState('');
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (activeReply) {
      followed.current = activeReply.id;
      return;
    }
    if (followed.current) {
      const ended = messages.find((message) => message.id === followed.current);
      followed.current = null;
      if (ended?.status === 'complete') setAnnouncement(t('replyFinished'));
      else if (ended?.status === 'failed') setAnnouncement(t('replyFailed'));
    }
  }, [activeReply, messages, t]);

  // The browser tab names the open chat, as it does in ChatGPT.
  const tabTitle = chat.data ? chatTitle(chat.data, t('untitled')) : '';
  useEffect(() => {
    if (!tabTitle) return;
    const wanted = `${tabTitle} · Zatten`;
    const apply = () => {
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next.js streams the page's metadata and may write its default <title> after this effect
    // ran; put ours back whenever that happens while this chat is open.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [tabTitle]);

  const notFound =
    errorReason(chat.error) === 'chat_not_found' || errorReason(pages.error) === 'chat_not_found';
  if (notFound) {
    return (
      <>
        <ChatHeader>{null}</ChatHeader>
        <ChatNotFound />
      </>
    );
  }

  const title = chat.data ? chatTitle(chat.data, t('untitled')) : '';
  const aiConfigured = info.data?.aiConfigured !== false;

  return (
    <>
      <ChatHeader
        actions={
          chat.data ? (
            <>
              <ShareButton chatId={chatId} />
              <ChatActionsMenu
                chatId={chatId}
                title={title}
                align="end"
                pinned={chat.data.pinned_at !== null}
                archived={chat.data.archived_at !== null}
              />
            </>
          ) : null
        }
      >
        <h1 className="truncate px-1 text-[15px] font-semibold" title={title} dir="auto">
          {title || <span className="sr-only">{t('loading')}</span>}
        </h1>
        {chat.data && assistants.data ? (
          <ChatAssistantMenu
            chat={chat.data}
            assistants={assistants.data}
            currentName={assistantName}
          />
        ) : null}
      </ChatHeader>

      {pages.isPending ? (
        <ConversationLoading />
      ) : pages.isError ? (
        <MessagesLoadFailed onReload={() => void pages.refetch()} />
      ) : (
        <Conversation
          ref={conversation}
          chatId={chatId}
          messages={messages}
          siblings={siblings}
          assistantName={assistantName}
          assistantNames={assistantNames}
          hasOlder={pages.hasNextPage}
          loadingOlder={pages.isFetchingNextPage}
          loadOlder={loadOlder}
          onReplyFailure={onReplyFailure}
          onReplyAction={clearFailure}
          locked={Boolean(activeReply)}
          footer={
            messages.length === 0 ? (
              <p className="py-16 text-center text-sm text-muted-foreground">{t('emptyChat')}</p>
            ) : null
          }
        />
      )}

      <div className="shrink-0 pb-3 sm:pb-5">
        <div className="mx-auto grid w-full max-w-3xl gap-2 px-3 sm:px-6">
          {aiConfigured ? null : <AiNotConfiguredNotice />}
          {failure ? (
            <SendFailureNotice
              failure={failure.failure}
              onDismiss={() => setFailure(null)}
              onRetry={() => {
                setFailure(null);
                failure.again();
              }}
            />
          ) : null}
          <Composer
            ref={composer}
            draftKey={chatId}
            onSend={onSend}
            attachments={attachments}
            onStop={stop}
            replying={Boolean(activeReply)}
            stopping={controls.stopping}
            disabled={!aiConfigured}
            disabledReason={t('aiDisabledPlaceholder')}
            autoFocus
          />
          <p className="text-center text-xs text-muted-foreground">{t('disclaimer')}</p>
        </div>
      </div>
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </>
  );
}
