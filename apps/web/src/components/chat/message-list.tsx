// The conversation, oldest at the top. Where it is scrolled is decided by
// useConversationScroll (open at the latest message, follow only at the bottom, keep the
// reader's place when older pages load); this file draws it, with a "jump to latest" button
// whenever the reader is away from the bottom.
'use client';

import { ArrowDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode, RefObject } from 'react';
import { Button } from '~/components/ui/button';
import { Spinner } from '~/components/ui/spinner';
import type { Message } from '~/lib/chats/types';
import { AssistantMessage } from './assistant-message';
import { UserMessage } from './user-message';

export function MessageList({
  messages,
  assistantName,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  onRetry,
  onRegenerate,
  busy,
  scrollerRef,
  contentRef,
  spacerRef,
  atBottom,
  onScrollToBottom,
  footer,
}: {
  messages: Message[];
  assistantName: string;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (messageId: string) => void;
  onRegenerate: () => void;
  busy: boolean;
  scrollerRef: (element: HTMLDivElement | null) => void;
  contentRef: (element: HTMLDivElement | null) => void;
  spacerRef: RefObject<HTMLDivElement | null>;
  atBottom: boolean;
  onScrollToBottom: () => void;
  footer?: ReactNode;
}) {
  const t = useTranslations('chat');
  const lastId = messages.at(-1)?.id;

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scrollerRef}
        data-testid="conversation-scroller"
        className="h-full overflow-x-hidden overflow-y-auto [overflow-anchor:none] [scrollbar-gutter:stable_both-edges]"
      >
        <div ref={contentRef} className="mx-auto w-full max-w-3xl px-4 pt-6 pb-10 sm:px-6">
          <div className="flex min-h-8 justify-center">
            {hasOlder ? (
              <Button variant="ghost" size="sm" onClick={onLoadOlder} disabled={loadingOlder}>
                {loadingOlder ? <Spinner /> : null}
                {t('loadOlder')}
              </Button>
            ) : null}
          </div>
          <ol aria-label={t('conversation')} className="flex flex-col gap-8">
            {messages.map((message) => (
              <li
                key={message.id}
                data-message-role={message.role}
                data-message-id={message.id}
                className="min-w-0"
              >
                {message.role === 'user' ? (
                  <UserMessage message={message} />
                ) : (
                  <AssistantMessage
                    message={message}
                    assistantName={assistantName}
                    isLast={message.id === lastId}
                    onRetry={onRetry}
                    onRegenerate={onRegenerate}
                    busy={busy}
                  />
                )}
              </li>
            ))}
          </ol>
          {footer}
          <div ref={spacerRef} aria-hidden data-testid="conversation-spacer" />
        </div>
      </div>
      {/* Announced when it appears, so a screen-reader user knows there is more below. */}
      <div aria-live="polite" className="absolute bottom-4 left-1/2 -translate-x-1/2">
        {atBottom ? null : (
          <Button
            variant="outline"
            size="icon"
            onClick={onScrollToBottom}
            aria-label={t('scrollToBottom')}
            data-testid="jump-to-latest"
            className="rounded-full bg-surface shadow-md"
          >
            <ArrowDown aria-hidden />
          </Button>
        )}
      </div>
    </div>
  );
}
