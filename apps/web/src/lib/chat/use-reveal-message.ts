// Opening a chat at one message (a search result: `/c/<id>?m=<message id>`): older pages load
// until the message is on screen, then it is scrolled into view and marked `data-revealed`,
// which plays a short highlight (CSS) and stays until another message is revealed.
// The search palette has already switched the chat to the branch that holds the message, so the
// pages (which follow the active branch) reach it. The parameter is dropped once it has been
// used, so a reload opens the chat as usual.
'use client';

import type { Route } from 'next';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';

export function useRevealMessage({
  loadedIds,
  hasOlder,
  loadingOlder,
  loadOlder,
  reveal,
}: {
  /** Ids of the messages on screen, in order (a change means pages arrived). */
  loadedIds: string[];
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => void;
  reveal: (element: HTMLElement) => void;
}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const target = params.get('m');
  const done = useRef<string | null>(null);

  useEffect(() => {
    if (!target || done.current === target || loadedIds.length === 0) return;
    if (!loadedIds.includes(target)) {
      if (hasOlder && !loadingOlder) loadOlder();
      else if (!hasOlder) {
        done.current = target; // not on this branch any more (deleted or moved): open as usual
        router.replace(pathname as Route, { scroll: false });
      }
      return;
    }
    // After the layout the scroll hook does for newly loaded messages. The list mounts a page
    // from its latest message up, a few per frame: until the message is mounted, look again at
    // the next frame.
    let frame = 0;
    const look = () => {
      const element = document.querySelector<HTMLElement>(
        `[data-message-id="${CSS.escape(target)}"]`,
      );
      if (!element) {
        frame = requestAnimationFrame(look);
        return;
      }
      done.current = target;
      reveal(element);
      for (const previous of document.querySelectorAll<HTMLElement>('[data-revealed]')) {
        delete previous.dataset.revealed;
      }
      element.dataset.revealed = 'true';
      router.replace(pathname as Route, { scroll: false });
    };
    frame = requestAnimationFrame(look);
    return () => cancelAnimationFrame(frame);
  }, [target, loadedIds, hasOlder, loadingOlder, loadOlder, reveal, router, pathname]);
}
