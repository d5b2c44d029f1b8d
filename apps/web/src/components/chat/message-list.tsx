// The conversation, oldest at the top. Where it is scrolled is decided by
// useConversationScroll (open at the latest message, follow only at the bottom, keep the
// reader's place when older pages load); this file draws it, with a "jump to latest" button
// whenever the reader is away from the bottom.
// Messages that arrive together (a chat opened, an older page loaded) mount from the latest up:
// the last few at once, then a few more above them per frame in low-priority renders
// (useMountedFrom), each time keeping what the reader sees where it was. Mounting a page of 50
// messages in one go was one task of half a second on a slow phone.
'use client';

import { ArrowDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import {
  memo,
  type ReactNode,
  type RefObject,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { AssistantChangeDivider } from '~/components/chat-assistant/assistant-change';
import { assistantChanges } from '~/components/chat-assistant/assistant-changes';
import { Button } from '~/components/ui/button';
import { Spinner } from '~/components/ui/spinner';
import type { Message } from '~/lib/chats/types';
import { AssistantMessage } from './assistant-message';
import { BranchUserMessage, type BranchView } from './branch/branch-user-message';
import { VersionSwitcher } from './branch/version-switcher';
import { UserMessage } from './user-message';

/** Messages mounted at once when a conversation appears, and then per frame above them. */
const MOUNT_MESSAGES = 4;
/** The first mounted message before the list's first render has committed: none. */
const NOTHING = '';

/**
 * The index of the first message mounted: messages appended at the end (a question sent, a
 * reply) mount at once; messages that come in above (older pages), or a whole new list, mount
 * from the bottom up, MOUNT_MESSAGES per frame. Messages above the first mounted one are not
 * rendered yet; `mounting` (the list's `data-mounting`) until all of them are.
 */
function useMountedFrom(
  messages: Message[],
  scroller: RefObject<HTMLDivElement | null>,
  list: RefObject<HTMLOListElement | null>,
): { from: number; mounting: boolean } {
  // The first mounted message, by id, so that messages added above or below leave it in place;
  // NOTHING at first: the list's first render (with the page around it, when a chat's messages
  // arrive) mounts none, and the latest ones follow at once in a low-priority render.
  const [firstId, setFirstId] = useState<string | undefined>(NOTHING);
  let from = messages.length;
  if (firstId !== NOTHING) {
    from = firstId === undefined ? -1 : messages.findIndex((message) => message.id === firstId);
    // A list it does not belong to (another chat, or the first messages of this one): its tail.
    if (from === -1) from = Math.max(0, messages.length - MOUNT_MESSAGES);
  }
  const mountedId = messages[from]?.id;
  // Derived state, set while rendering: React renders again at once, before committing.
  if (firstId !== NOTHING && mountedId !== firstId) setFirstId(mountedId);
  useEffect(() => {
    if (firstId === NOTHING) startTransition(() => setFirstId(undefined));
  }, [firstId]);

  const latest = useRef(messages);
  latest.current = messages;
  /** Where the first mounted message was (from the list's top) before more went in above it. */
  const anchor = useRef<{ id: string; top: number } | null>(null);
  /** What the browser rounded off the last correction, to add to the next one. */
  const drift = useRef(0);
  const offsetOf = useCallback(
    (id: string) => {
      const element = list.current?.querySelector(`[data-message-id="${CSS.escape(id)}"]`);
      const top = list.current?.getBoundingClientRect().top;
      return element && top !== undefined ? element.getBoundingClientRect().top - top : null;
    },
    [list],
  );

  useEffect(() => {
    if (from === 0 || mountedId === undefined) return;
    const frame = requestAnimationFrame(() => {
      // At the start of a frame the layout is fresh: reading a position costs nothing.
      const top = offsetOf(mountedId);
      anchor.current = top === null ? null : { id: mountedId, top };
      const next = latest.current[Math.max(0, from - MOUNT_MESSAGES)]?.id;
      startTransition(() => setFirstId(next));
    });
    return () => cancelAnimationFrame(frame);
  }, [from, mountedId, offsetOf]);

  // Messages went in above the reader: move the view down by as much, so what was on screen
  // stays where it was (at the bottom, the scroll hook keeps the view there anyway).
  useLayoutEffect(() => {
    const before = anchor.current;
    if (!before || before.id === mountedId) return;
    anchor.current = null;
    const top = offsetOf(before.id);
    const view = scroller.current;
    if (top === null || !view) return;
    // Positions are fractional, scroll offsets may be rounded: carry what was rounded off, so a
    // page mounted in many steps does not move the reader by a pixel per step.
    const wanted = view.scrollTop + top - before.top + drift.current;
    view.scrollTop = wanted;
    // (Clamped at the bottom, the rest is not rounding: nothing to carry.)
    const rest = wanted - view.scrollTop;
    drift.current = Math.abs(rest) < 1 ? rest : 0;
  }, [mountedId, offsetOf, scroller]);

  return { from, mounting: from > 0 || firstId === NOTHING };
}

interface MessageRowProps {
  message: Message;
  /** The assistant that wrote a reply. */
  name: string;
  /** The assistant the chat changed to at this message, if it did. */
  changedTo: string | undefined;
  isLast: boolean;
  onRetry: (messageId: string) => void;
  onRegenerate: () => void;
  busy: boolean;
  branch: BranchView | undefined;
}

/** A row renders again only when what it shows changed (of the branch: its own versions). */
function sameRow(before: MessageRowProps, after: MessageRowProps): boolean {
  const id = after.message.id;
  return (
    before.message === after.message &&
    before.name === after.name &&
    before.changedTo === after.changedTo &&
    before.isLast === after.isLast &&
    before.onRetry === after.onRetry &&
    before.onRegenerate === after.onRegenerate &&
    before.busy === after.busy &&
    before.branch?.actions === after.branch?.actions &&
    before.branch?.locked === after.branch?.locked &&
    before.branch?.siblings[id] === after.branch?.siblings[id]
  );
}

/**
 * One message of the list, memoized: the list renders again whenever the chat view does (a
 * query of the chat updating, the reply's row persisted while it streams), and a long reply's
 * rows need not. (The reply being written renders from its own stream's state, not from here.)
 */
const MessageRow = memo(function MessageRow({
  message,
  name,
  changedTo,
  isLast,
  onRetry,
  onRegenerate,
  busy,
  branch,
}: MessageRowProps) {
  return (
    // A column, not a grid: a grid sizes its track from the content's widest line,
    // which for a long reply meant measuring all of it again at every streamed frame.
    <li
      data-message-role={message.role}
      data-message-id={message.id}
      className="flex min-w-0 flex-col gap-8 rounded-xl data-[revealed=true]:animate-reveal motion-reduce:data-[revealed=true]:animate-none"
    >
      {changedTo !== undefined ? <AssistantChangeDivider name={changedTo} /> : null}
      {message.role === 'user' ? (
        branch ? (
          <BranchUserMessage message={message} branch={branch} />
        ) : (
          <UserMessage message={message} />
        )
      ) : (
        <AssistantMessage
          message={message}
          assistantName={name}
          isLast={isLast}
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
  );
}, sameRow);

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
  const scroller = useRef<HTMLDivElement | null>(null);
  const list = useRef<HTMLOListElement | null>(null);
  const setScroller = useCallback(
    (element: HTMLDivElement | null) => {
      scroller.current = element;
      scrollerRef(element);
    },
    [scrollerRef],
  );
  const { from, mounting } = useMountedFrom(messages, scroller, list);
  const lastId = messages.at(-1)?.id;
  const changes = assistantChanges(messages);
  const nameOf = (message: Message) =>
    (message.assistant_id && assistantNames?.get(message.assistant_id)) || assistantName;

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={setScroller}
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
          <ol
            ref={list}
            aria-label={t('conversation')}
            data-mounting={mounting || undefined}
            className="flex flex-col gap-8"
          >
            {messages.slice(from).map((message) => (
              <MessageRow
                key={message.id}
                message={message}
                name={nameOf(message)}
                changedTo={
                  changes.has(message.id)
                    ? (assistantNames?.get(changes.get(message.id) ?? '') ?? assistantName)
                    : undefined
                }
                isLast={message.id === lastId}
                onRetry={onRetry}
                onRegenerate={onRegenerate}
                busy={busy}
                branch={branch}
              />
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
