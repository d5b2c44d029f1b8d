// The conversation, oldest at the top. Where it is scrolled is decided by
// useConversationScroll (open at the latest message, follow only at the bottom, keep the
// reader's place when older pages load); this file draws it, with a "jump to latest" button
// whenever the reader is away from the bottom.
'use client';

import { ArrowDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode, RefObject } from 'react';
import { AssistantChangeDivider } from '~/components/chat-assistant/assistant-change';
import { assistantChanges } from '~/components/chat-assistant/assistant-changes';
import { Button } from '~/components/ui/button';
import { Spinner } from '~/components/ui/spinner';
import type { Message } from '~/lib/chats/types';
import { AssistantMessage } from './assistant-message';
import { BranchUserMessage, type BranchView } from './branch/branch-user-message';
import { VersionSwitcher } from './branch/version-switcher';
import { UserMessage } from './user-message';

export function MessageList({
  messages,
  assistantName,
  assistantNames,
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
  branch,
}: {
  messages: Message[];
  assistantName: string;
  /** Names by assistant id, so each reply names the assistant that wrote it. */
  assistantNames?: Map<string, string>;
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
  /** Edit and version controls (branch/); without it, messages show none. */
  branch?: BranchView;
}) {
  const t = useTranslations('chat');
  const lastId = messages.at(-1)?.id;
  const changes = assistantChanges(messages);
  const nameOf = (message: Message) =>
    (message.assistant_id && assistantNames?.get(message.assistant_id)) || assistantName;

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
              // A column, not a grid: a grid sizes its track from the content's widest line,
              // which for a long reply meant measuring all of it again at every streamed frame.
              <li
                key={message.id}
                data-message-role={message.role}
                data-message-id={message.id}
                className="flex min-w-0 flex-col gap-8 rounded-xl data-[revealed=true]:animate-reveal motion-reduce:data-[revealed=true]:animate-none"
              >
                {changes.has(message.id) ? (
                  <AssistantChangeDivider
                    name={assistantNames?.get(changes.get(message.id) ?? '') ?? assistantName}
                  />
                ) : null}
                {message.role === 'user' ? (
                  branch ? (
                    <BranchUserMessage message={message} branch={branch} />
                  ) : (
                    <UserMessage message={message} />
                  )
                ) : (
                  <AssistantMessage
                    message={message}
                    assistantName={nameOf(message)}
                    isLast={message.id === lastId}
                    onRetry={onRetry}
                    onRegenerate={onRegenerate}
                    busy={busy}
                    versions={
                      branch ? (
                        <VersionSwitcher
                          versions={branch.siblings[message.id] ?? []}
                          current={message.id}
                          onSwitch={branch.actions.switchTo}
                          disabled={branch.actions.busy}
                          className="-ml-1.5 mt-1"
                        />
                      ) : null
                    }
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
