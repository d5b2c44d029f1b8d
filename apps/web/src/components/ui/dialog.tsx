// Modal dialog (Radix Dialog): focus is trapped while open and returns to the trigger on close;
// Escape and the close button dismiss it. Every dialog has a title for screen readers. Radix's
// code is a chunk of its own, dialog-radix.tsx, fetched once a dialog has mounted rather than in
// the first load (lazy-overlay.tsx). The components here take the same props as Radix's.
'use client';

import type { ComponentProps, ComponentType, ReactNode } from 'react';
import { cn } from '~/lib/cn';
import type * as Radix from './dialog-radix';
import { lazyModule, lazyOverlay, lazyPart } from './lazy-overlay';

const dialog = lazyModule<typeof Radix>(() => import('./dialog-radix'));

export const { Root: Dialog, Trigger: DialogTrigger } = lazyOverlay(dialog, {
  root: (module) => module.Dialog,
  trigger: (module) => module.DialogTrigger,
  haspopup: 'dialog',
  opensOn: 'click',
});

// Rendered only inside an open dialog, so after the chunk has arrived.
export const DialogClose = lazyPart(dialog, (module) => module.DialogClose);
export const DialogContent = lazyPart(dialog, (module) => module.DialogContent);
export const DialogTitle = lazyPart(dialog, (module) => module.DialogTitle);
export const DialogDescription = lazyPart(dialog, (module) => module.DialogDescription);

/**
 * A dialog with its content in a chunk of its own (`importer`), fetched with Radix's once the
 * dialog has mounted; the trigger waits for both. `part` picks a component of the chunk.
 */
export function lazyDialog<C>(importer: () => Promise<C>) {
  const both = lazyModule(() =>
    Promise.all([dialog.load(), importer()]).then(([radix, content]) => ({ radix, content })),
  );
  const { Root, Trigger } = lazyOverlay(both, {
    root: (module) => module.radix.Dialog,
    trigger: (module) => module.radix.DialogTrigger,
    haspopup: 'dialog',
    opensOn: 'click',
  });
  return {
    Dialog: Root,
    Trigger,
    module: both,
    part: <P extends object>(pick: (content: C) => ComponentType<P>) =>
      lazyPart(both, (module) => pick(module.content)),
  };
}

export function DialogHeader({ children }: { children: ReactNode }) {
  return <div className="flex flex-col gap-1.5 pr-6">{children}</div>;
}

export function DialogFooter({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      className={cn('flex flex-col-reverse gap-2 sm:flex-row sm:justify-end', className)}
      {...props}
    />
  );
}
