// An open chat: header with its title and actions, the conversation, and the composer. Sending,
// stopping, retrying and regenerating go through the hooks in lib/chat; this file arranges them
// and keeps the person informed (send failures, no AI configured, a reply finishing).
'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { MessageSquareOff } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ChatActionsMenu } from '~/components/sidebar/chat-actions-menu';
import { Button } from '~/components/ui/button';
import { Spinner } from '~/components/ui/spinner';
import type { SendFailure } from '~/lib/chat/send-errors';
import { useReplyControls } from '~/lib/chat/use-reply-controls';
import { newOutgoing, type Outgoing, useSendMessage } from '~/lib/chat/use-send-message';
import { compareMessages } from '~/lib/chats/order';
import { chatTitle } from '~/lib/chats/title';
import { isActive } from '~/lib/chats/types';
import { useAutoScroll } from '~/lib/hooks/use-auto-scroll';
import { useShortcut } from '~/lib/hooks/use-shortcut';
import { markSessionExpired } from '~/lib/session-expiry';
import { errorReason } from '~/lib/trpc/errors';
import { useTRPC } from '~/lib/trpc/react';
import { ChatHeader } from './chat-header';
import { Composer, type ComposerHandle } from './composer';
import { MessageList } from './message-list';
import { AiNotConfiguredNotice, SendFailureNotice } from './notices';

export const MESSAGE_PAGE_SIZE = 50;

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
  const activeReply = messages.findLast(
    (message) => message.role === 'assistant' && isActive(message),
  );
  const assistantName =
    assistants.data?.find((assistant) => assistant.id === chat.data?.assistant_id)?.name ??
    'Zatten';

  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const composer = useRef<ComposerHandle>(null);
  const { atBottom, scrollToBottom } = useAutoScroll(scrollRef, contentRef);

  // Send, keeping the last failed attempt so "Try again" reuses its id (no duplicate if the
  // first attempt did reach the server).
  const sendMessage = useSendMessage();
  const [failure, setFailure] = useState<FailureState | null>(null);
  const report = useCallback((state: FailureState) => {
    if (state.failure.kind === 'sessionExpired') markSessionExpired();
    else setFailure(state);
  }, []);
  const onSend = async (text: string): Promise<boolean> => {
    const outgoing = failure?.outgoing?.content === text ? failure.outgoing : newOutgoing(text);
    setFailure(null);
    scrollToBottom('smooth');
    const result = await sendMessage(chatId, outgoing);
    if (result.ok) return true;
    report({ failure: result.failure, outgoing, again: () => composer.current?.submit() });
    return false;
  };

  const controls = useReplyControls(chatId, (replyFailure, again) =>
    report({ failure: replyFailure, outgoing: null, again }),
  );
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

  const notFound =
    errorReason(chat.error) === 'chat_not_found' || errorReason(pages.error) === 'chat_not_found';
  if (notFound) {
    return (
      <>
        <ChatHeader>{null}</ChatHeader>
        <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
          <MessageSquareOff aria-hidden className="size-8 text-muted-foreground" />
          <h1 className="text-lg font-semibold">{t('notFoundTitle')}</h1>
          <p className="max-w-sm text-sm text-muted-foreground">{t('notFoundDescription')}</p>
          <Button asChild>
            <Link href="/">{t('startNew')}</Link>
          </Button>
        </div>
      </>
    );
  }

  const title = chat.data ? chatTitle(chat.data, t('untitled')) : '';
  const aiConfigured = info.data?.aiConfigured !== false;

  return (
    <>
      <ChatHeader
        actions={chat.data ? <ChatActionsMenu chatId={chatId} title={title} align="end" /> : null}
      >
        <h1 className="truncate px-1 text-[15px] font-semibold" title={title}>
          {title || <span className="sr-only">{t('loading')}</span>}
        </h1>
        {chat.data && assistants.data && assistants.data.length > 1 ? (
          <span className="hidden shrink-0 rounded-full bg-muted px-2 py-0.5 text-xs text-muted-foreground sm:inline">
            {assistantName}
          </span>
        ) : null}
      </ChatHeader>

      {pages.isPending ? (
        <div className="flex flex-1 items-center justify-center" aria-busy="true">
          <Spinner className="size-5 text-muted-foreground" />
          <span className="sr-only">{t('loading')}</span>
        </div>
      ) : pages.isError ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center text-sm">
          <p className="text-muted-foreground">{t('loadFailed')}</p>
          <Button variant="outline" onClick={() => void pages.refetch()}>
            {t('reload')}
          </Button>
        </div>
      ) : (
        <MessageList
          messages={messages}
          assistantName={assistantName}
          hasOlder={pages.hasNextPage}
          loadingOlder={pages.isFetchingNextPage}
          onLoadOlder={() => void pages.fetchNextPage()}
          onRetry={(messageId) => {
            setFailure(null);
            controls.retry(messageId);
          }}
          onRegenerate={() => {
            setFailure(null);
            controls.regenerate();
          }}
          busy={controls.busy}
          scrollRef={scrollRef}
          contentRef={contentRef}
          atBottom={atBottom}
          onScrollToBottom={() => scrollToBottom('smooth')}
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
