// Where the conversation is scrolled, as in the best chat apps:
// - a chat opens at its latest message, however it was reached (sidebar, URL, reload, history);
// - after sending, the question moves to the top of the view and the reply streams in below it
//   (a spacer under the list makes room, and shrinks as the reply grows);
// - the view follows new text only while the reader is at the bottom: any upward scroll by the
//   reader (wheel, touch, keys, scrollbar) lets go, and coming back to the bottom pins it again;
// - older messages load when the reader nears the top, and inserting them keeps the reader's
//   place (measured by hand: the scroller has `overflow-anchor: none`, so the browser's own
//   anchoring cannot adjust twice).
// The elements arrive through callback refs, so the observers attach when the list is actually
// mounted, not while a spinner stands in for it.
'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How close to the bottom (px) still counts as "at the bottom" for the jump button. */
const SLACK = 80;
/** Start loading older messages this far (px) from the top. */
const LOAD_OLDER_MARGIN = 600;
/** Space kept above a question scrolled to the top. */
const QUESTION_GAP = 16;

const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

export function useConversationScroll({
  firstMessageId,
  lastMessageId,
  canLoadOlder,
  onLoadOlder,
}: {
  firstMessageId: string | undefined;
  lastMessageId: string | undefined;
  /** More history exists and none is loading now. */
  canLoadOlder: boolean;
  onLoadOlder: () => void;
}) {
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const [content, setContent] = useState<HTMLDivElement | null>(null);
  const spacer = useRef<HTMLDivElement | null>(null);
  const pinned = useRef(true);
  /** The last question is held at the top of the view (after a send). */
  const holdQuestion = useRef(false);
  const positioned = useRef(false);
  const [atBottom, setAtBottom] = useState(true);
  const geometry = useRef({ top: 0, height: 0, firstId: undefined as string | undefined });
  const loadOlder = useRef({ can: canLoadOlder, run: onLoadOlder });
  loadOlder.current = { can: canLoadOlder, run: onLoadOlder };

  const remember = useCallback((element: HTMLElement) => {
    geometry.current.top = element.scrollTop;
    geometry.current.height = element.scrollHeight;
  }, []);

  const bottomDistance = (element: HTMLElement) =>
    element.scrollHeight - element.scrollTop - element.clientHeight;

  /** Sizes the spacer so the last question can sit at the top with its reply below it. */
  const layoutSpacer = useCallback(() => {
    const element = scroller;
    const room = spacer.current;
    if (!element || !room || !content) return;
    // Written only when it changes: this runs at every frame of a streaming reply, and each
    // write would have the browser lay the page out again before the scroll position is read.
    const setHeight = (height: string) => {
      if (room.style.height !== height) room.style.height = height;
    };
    if (!holdQuestion.current) {
      setHeight('0px');
      return;
    }
    const questions = content.querySelectorAll<HTMLElement>('[data-message-role="user"]');
    const question = questions[questions.length - 1];
    if (!question) {
      setHeight('0px');
      return;
    }
    const below = room.getBoundingClientRect().top - question.getBoundingClientRect().top;
    const padding = Number.parseFloat(getComputedStyle(content).paddingBottom) || 0;
    const needed = element.clientHeight - below - padding - QUESTION_GAP;
    setHeight(`${Math.max(0, Math.floor(needed))}px`);
  }, [scroller, content]);

  const scrollToBottom = useCallback(
    (behavior: ScrollBehavior = 'auto') => {
      if (!scroller) return;
      pinned.current = true;
      setAtBottom(true);
      scroller.scrollTo({ top: scroller.scrollHeight, behavior });
    },
    [scroller],
  );

  /** Called before a send: the next question goes to the top of the view. */
  const holdNextQuestion = useCallback(() => {
    holdQuestion.current = true;
    pinned.current = true;
  }, []);

  // Open at the latest message once the messages are first on screen.
  useLayoutEffect(() => {
    if (!scroller || positioned.current || lastMessageId === undefined) return;
    positioned.current = true;
    scroller.scrollTop = scroller.scrollHeight;
    geometry.current.firstId = firstMessageId;
    remember(scroller);
  }, [scroller, lastMessageId, firstMessageId, remember]);

  // Older messages went in above: keep the reader looking at the same line.
  useLayoutEffect(() => {
    if (!scroller || !positioned.current) return;
    const before = geometry.current;
    if (before.firstId !== undefined && firstMessageId !== before.firstId) {
      const grown = scroller.scrollHeight - before.height;
      if (grown > 0 && !pinned.current) scroller.scrollTop = before.top + grown;
    }
    geometry.current.firstId = firstMessageId;
    remember(scroller);
  }, [scroller, firstMessageId, remember]);

  // A new last message (the question just sent, or a new reply): place the view.
  useLayoutEffect(() => {
    if (!scroller || !positioned.current || lastMessageId === undefined) return;
    layoutSpacer();
    if (pinned.current) scroller.scrollTop = scroller.scrollHeight;
    remember(scroller);
  }, [scroller, lastMessageId, layoutSpacer, remember]);

  useEffect(() => {
    const element = scroller;
    if (!element) return;
    // The reader's intent to read up lets go at once, before a resize could pull them back.
    const letGo = () => {
      pinned.current = false;
    };
    const onScroll = () => {
      const distance = bottomDistance(element);
      // An upward move from where the view was last left (by a scroll event, or by this hook
      // after a layout: `remember`), away from the bottom: the reader's. Compared with the last
      // scroll event alone, a page that shrank (the browser clamps the position, and the
      // resize observer keeps it at the new bottom) and grew again before this event is
      // dispatched looked like the reader scrolling up, and the view stopped following.
      if (element.scrollTop < geometry.current.top - 1 && distance > 2) pinned.current = false;
      if (distance <= 2) pinned.current = true;
      remember(element);
      setAtBottom(distance <= SLACK);
      if (
        positioned.current &&
        element.scrollTop < LOAD_OLDER_MARGIN &&
        loadOlder.current.can &&
        !pinned.current
      ) {
        loadOlder.current.run();
      }
    };
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) letGo();
    };
    const onKey = (event: KeyboardEvent) => {
      if (UP_KEYS.has(event.key)) letGo();
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    element.addEventListener('wheel', onWheel, { passive: true });
    element.addEventListener('touchmove', letGo, { passive: true });
    element.addEventListener('keydown', onKey);
    return () => {
      element.removeEventListener('scroll', onScroll);
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('touchmove', letGo);
      element.removeEventListener('keydown', onKey);
    };
  }, [scroller, remember]);

  // Text streaming in (or images, code blocks, a resized window): follow if pinned.
  useEffect(() => {
    if (!scroller || !content) return;
    const observer = new ResizeObserver(() => {
      layoutSpacer();
      if (pinned.current && positioned.current) scroller.scrollTop = scroller.scrollHeight;
      remember(scroller);
      setAtBottom(bottomDistance(scroller) <= SLACK);
    });
    observer.observe(content);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scroller, content, layoutSpacer, remember]);

  /**
   * Puts a message a third of the way down the view and lets go of the bottom (a search result
   * opened in the chat), so streaming text or a resize does not pull the reader away from it.
   */
  const revealMessage = useCallback(
    (element: HTMLElement) => {
      if (!scroller) return;
      pinned.current = false;
      const offset = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      scroller.scrollTop = Math.max(0, scroller.scrollTop + offset - scroller.clientHeight / 3);
      remember(scroller);
      setAtBottom(bottomDistance(scroller) <= SLACK);
    },
    [scroller, remember],
  );

  return {
    revealMessage,
    scrollerRef: setScroller,
    contentRef: setContent,
    spacerRef: spacer,
    atBottom,
    scrollToBottom,
    holdNextQuestion,
  };
}
