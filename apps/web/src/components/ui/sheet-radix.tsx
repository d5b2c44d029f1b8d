// A panel that slides in from the left on phones (the sidebar), built on Radix Dialog so focus
// is trapped and Escape closes it. Imported only by sheet.tsx, which fetches this chunk after the
// first load; components use that.
'use client';

import { Dialog as SheetPrimitive } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '~/lib/cn';

export const Sheet = SheetPrimitive.Root;
export const SheetTrigger = SheetPrimitive.Trigger;
export const SheetTitle = SheetPrimitive.Title;
export const SheetDescription = SheetPrimitive.Description;

export function SheetContent({
  className,
  ...props
}: ComponentProps<typeof SheetPrimitive.Content>) {
  return (
    <SheetPrimitive.Portal>
      <SheetPrimitive.Overlay className="fixed inset-0 z-40 bg-overlay animate-fade-in" />
      <SheetPrimitive.Content
        className={cn(
          'fixed inset-y-0 left-0 z-50 flex w-[85%] max-w-80 flex-col bg-sidebar shadow-2xl outline-none transition-transform data-[state=closed]:-translate-x-full',
          className,
        )}
        {...props}
      />
    </SheetPrimitive.Portal>
  );
}
