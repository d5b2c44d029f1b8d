// The floating half of a tooltip (tooltip.tsx): the label beside its trigger, kept in view by
// floating-ui as Radix's popper keeps it (flipped to the other side, shifted along it), in a
// portal on the body. A chunk of its own: nothing of it is needed to paint a page.
'use client';

import { autoUpdate, flip, limitShift, offset, shift, useFloating } from '@floating-ui/react-dom';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { cn } from '~/lib/cn';
import type { TooltipSide } from './tooltip';

export function TooltipContent({
  anchor,
  id,
  side,
  state,
  className,
  children,
}: {
  anchor: HTMLElement;
  id: string;
  side: TooltipSide;
  state: 'delayed-open' | 'instant-open';
  className?: string;
  children: ReactNode;
}) {
  const { refs, floatingStyles, placement, isPositioned } = useFloating({
    placement: side,
    strategy: 'fixed',
    elements: { reference: anchor },
    middleware: [offset(6), shift({ crossAxis: false, limiter: limitShift() }), flip()],
    whileElementsMounted: autoUpdate,
  });
  return createPortal(
    <div
      ref={refs.setFloating}
      className="z-50"
      style={{
        ...floatingStyles,
        minWidth: 'max-content',
        visibility: isPositioned ? undefined : 'hidden',
      }}
    >
      <div
        role="tooltip"
        id={id}
        data-state={state}
        data-side={placement.split('-')[0]}
        className={cn(
          'animate-fade-in rounded-md bg-foreground px-2 py-1 text-xs font-medium text-background shadow-md',
          className,
        )}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
