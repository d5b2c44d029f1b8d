// Tooltips for icon buttons. The button keeps its own aria-label; the tooltip is the same words
// for sighted pointer and keyboard users. The trigger's behaviour is here, in the first load (it
// is Radix Tooltip's: open after a pause under the pointer, at once on keyboard focus and for the
// next button within a moment of the last; closed by leaving, pressing, blurring, scrolling or
// Escape). The floating label and its positioning code (floating-ui) are a chunk of their own
// (tooltip-content.tsx), fetched once a tooltip has mounted.
'use client';

import {
  type PointerEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { lazyModule } from './lazy-overlay';
import { Slot } from './slot';

const content = lazyModule(() => import('./tooltip-content'));

/** How long the pointer rests on a trigger before its tooltip opens. */
export const OPEN_DELAY_MS = 400;
/** After a tooltip closes, the next one opens at once for this long. */
export const SKIP_DELAY_MS = 300;

// One tooltip shows at a time, and moving from one trigger to the next skips the pause: state
// shared by every tooltip of the page, as Radix's provider shares it.
let closeShown: (() => void) | null = null;
let openDelayed = true;
let skipDelayTimer: ReturnType<typeof setTimeout> | undefined;

export type TooltipSide = 'top' | 'right' | 'bottom' | 'left';

export function Tooltip({
  label,
  children,
  side = 'top',
  className,
}: {
  label: ReactNode;
  children: ReactNode;
  side?: TooltipSide;
  className?: string;
}) {
  const Content = content.useModule()?.TooltipContent;
  const [state, setState] = useState<'closed' | 'delayed-open' | 'instant-open'>('closed');
  const [trigger, setTrigger] = useState<HTMLElement | null>(null);
  const contentId = useId();
  const openTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pointerDown = useRef(false);
  const pointerOpened = useRef(false);

  const isOpen = useRef(false);
  const close = useCallback(function close() {
    clearTimeout(openTimer.current);
    if (closeShown === close) closeShown = null;
    if (!isOpen.current) return;
    isOpen.current = false;
    setState('closed');
    clearTimeout(skipDelayTimer);
    skipDelayTimer = setTimeout(() => {
      openDelayed = true;
    }, SKIP_DELAY_MS);
  }, []);

  const open = useCallback(
    (delayed: boolean) => {
      clearTimeout(openTimer.current);
      clearTimeout(skipDelayTimer);
      if (closeShown && closeShown !== close) closeShown();
      closeShown = close;
      openDelayed = false;
      isOpen.current = true;
      setState(delayed ? 'delayed-open' : 'instant-open');
    },
    [close],
  );

  useEffect(
    () => () => {
      clearTimeout(openTimer.current);
      if (closeShown === close) closeShown = null;
    },
    [close],
  );

  const shown = state !== 'closed';
  useEffect(() => {
    if (!shown) return;
    // Escape takes the tooltip away and nothing else, as with Radix's layers: a dialog or sheet
    // that holds the trigger stays open until the next Escape. The window's capture phase runs
    // before the dialog's own listener on the document.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      close();
    };
    // Scrolling whatever holds the trigger takes the tooltip away from it.
    const onScroll = (event: Event) => {
      if (trigger && event.target instanceof Node && event.target.contains(trigger)) close();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('scroll', onScroll, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('scroll', onScroll, { capture: true });
    };
  }, [shown, trigger, close]);

  const visible = shown && Content !== undefined && trigger !== null;
  return (
    <>
      <Slot
        aria-describedby={visible ? contentId : undefined}
        data-state={state}
        ref={setTrigger}
        onPointerMove={(event: PointerEvent) => {
          if (event.pointerType === 'touch' || pointerOpened.current) return;
          pointerOpened.current = true;
          clearTimeout(openTimer.current);
          if (openDelayed) openTimer.current = setTimeout(() => open(true), OPEN_DELAY_MS);
          else open(false);
        }}
        onPointerLeave={() => {
          close();
          pointerOpened.current = false;
        }}
        onPointerDown={() => {
          close();
          pointerDown.current = true;
          document.addEventListener(
            'pointerup',
            () => {
              pointerDown.current = false;
            },
            { once: true },
          );
        }}
        // A press focuses the button too; only keyboard focus shows the tooltip.
        onFocus={() => {
          if (!pointerDown.current) open(false);
        }}
        onBlur={close}
        onClick={close}
      >
        {children}
      </Slot>
      {visible ? (
        <Content anchor={trigger} id={contentId} side={side} state={state} className={className}>
          {label}
        </Content>
      ) : null}
    </>
  );
}
