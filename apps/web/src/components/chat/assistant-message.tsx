// A reply from the assistant: Markdown that grows token by token while it is written, then the
// actions (copy, regenerate for the last reply), or why it failed with Retry. While writing it is
// marked aria-busy so screen readers wait for the finished text instead of reading every token.
// A refusal is the model's own answer: shown as a normal reply, marked as declined.
// The Markdown (loaded on demand, reply-markdown.tsx) of a reply being written renders at every
// frame from the text so far: each render adds only the tail (markdown.tsx). A reply that
// arrives whole renders from a deferred copy of its text instead (see useShownText).
'use client';

import { Ban } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ReactNode, useDeferredValue } from 'react';
import { ZattenMark } from '~/components/brand/logo';
import { useReplyStream } from '~/lib/chat/use-reply-stream';
import type { Message } from '~/lib/chats/types';
import { cn } from '~/lib/cn';
import { FeedbackButtons } from './feedback-buttons';
import { MessageActions } from './message-actions';
import { ReplyError } from './reply-error';
import { ReplyMarkdown } from './reply-markdown';

/** Longer replies (in characters) render in the background when they first appear. */
const LONG_REPLY_CHARS = 20_000;

function TypingDots({ label }: { label: string }) {
  return (
    <span role="status" aria-label={label} className="inline-flex h-7 items-center gap-1">
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          aria-hidden
          className="size-1.5 animate-bounce rounded-full bg-muted-foreground/70"
          style={{ animationDelay: `${delay}ms` }}
        />
      ))}
    </span>
  );
}

/** What useDeferredValue holds while a reply is written: the text is shown as it arrives. */
const LIVE = Symbol('live');

/**
 * The text to render. A long reply that arrives whole (a chat opened) first mounts empty and
 * fills in through a deferred, interruptible render, so opening a chat with a very long reply
 * never blocks the page while it parses. A reply being written is shown as it is at each frame,
 * not deferred: a deferred render is thrown away and started again whenever an urgent one comes
 * first, and a stream brings one every frame, so on a slow or busy machine the deferred text
 * fell seconds behind and then landed all at once (every block written meanwhile laid out in
 * one frame: tasks of 200 to 700 ms at 4x CPU slowdown, every few seconds, and the whole reply
 * again when it ended). Rendered at each frame, a render and its layout cover only the tail.
 */
function useShownText(content: string, writing: boolean): string {
  const settled = useDeferredValue<string | typeof LIVE>(
    writing ? LIVE : content,
    writing ? LIVE : content.length > LONG_REPLY_CHARS ? '' : content,
  );
  // At the end of a reply the deferred copy still holds LIVE for a render: the text, as is.
  return writing || settled === LIVE ? content : settled;
}

export function AssistantMessage({
  message,
  assistantName,
  isLast,
  onRetry,
  onRegenerate,
  busy,
  versions,
}: {
  message: Message;
  assistantName: string;
  isLast: boolean;
  onRetry: (messageId: string) => void;
  onRegenerate: () => void;
  /** A retry or regenerate request is on its way. */
  busy: boolean;
  /** The switcher between this reply's versions (branch/), when it has several. */
  versions?: ReactNode;
}) {
  const t = useTranslations('message');
  const view = useReplyStream(message);
  const writing = view.status === 'pending' || view.status === 'streaming';
  const shown = useShownText(view.content, writing);
  const refused = view.status === 'failed' && view.errorCode === 'content_refused' && view.content;
  const tr = useTranslations('replyError');

  return (
    <article
      aria-label={t('fromAssistant', { name: assistantName })}
      aria-busy={writing}
      data-status={view.status}
      data-testid="assistant-message"
      className="group flex gap-3.5"
    >
      <ZattenMark className="mt-0.5 hidden size-7 shrink-0 sm:block" />
      <div className="min-w-0 flex-1 pt-0.5">
        {view.content ? (
          <div className="text-[15px]">
            <ReplyMarkdown text={shown} streaming={writing} />
          </div>
        ) : writing ? (
          <TypingDots label={t('writing', { name: assistantName })} />
        ) : view.status === 'complete' ? (
          <p className="text-sm text-muted-foreground italic">{t('empty')}</p>
        ) : null}

        {refused ? (
          <p
            data-testid="refusal-mark"
            className="mt-2 inline-flex items-center gap-1.5 text-xs text-muted-foreground"
          >
            <Ban aria-hidden className="size-3.5" />
            {tr('declined')}
          </p>
        ) : view.status === 'failed' || view.status === 'cancelled' ? (
          <ReplyError
            status={view.status}
            errorCode={view.errorCode}
            onRetry={() => onRetry(message.id)}
            retrying={busy}
          />
        ) : null}

        {!writing && view.content ? (
          <MessageActions
            text={view.content}
            usage={message.usage}
            feedback={
              view.status === 'complete' || view.status === 'cancelled' ? (
                <FeedbackButtons chatId={message.chat_id} messageId={message.id} />
              ) : undefined
            }
            onRegenerate={
              isLast && (view.status === 'complete' || refused) ? onRegenerate : undefined
            }
            regenerating={busy}
            className={cn(
              '-ml-1.5 mt-1.5 transition-opacity',
              !isLast && 'md:opacity-0 md:group-hover:opacity-100 md:focus-within:opacity-100',
            )}
          />
        ) : null}
        {versions}
      </div>
    </article>
  );
}
