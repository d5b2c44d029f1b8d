// Keeps a conversation pinned to its newest line while text streams in, and lets go as soon as
// the reader scrolls up to read something; scrolling back to the bottom pins it again.
'use client';

import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** How close to the bottom (px) still counts as "at the bottom". */
const SLACK = 80;

export function useAutoScroll(
  container: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
) {
  const pinned = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  const scrollToBottom = useCallback(
    (behavior: ScrollBehavior = 'auto') => {
      const element = container.current;
      if (!element) return;
      pinned.current = true;
      setAtBottom(true);
      element.scrollTo({ top: element.scrollHeight, behavior });
    },
    [container],
  );

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let lastTop = element.scrollTop;
    const onScroll = () => {
      const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
      const near = distance <= SLACK;
      // Only an upward scroll by the reader unpins; content growing below does not.
      if (element.scrollTop < lastTop - 2 && !near) pinned.current = false;
      if (near) pinned.current = true;
      lastTop = element.scrollTop;
      setAtBottom(near);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [container]);

  useEffect(() => {
    const element = container.current;
    const inner = content.current;
    if (!element || !inner) return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, [container, content]);

  return { atBottom, scrollToBottom, isPinned: () => pinned.current };
}
