// The toasts themselves, on Radix Toast: a chunk of its own, fetched when the page is idle and
// mounted with the first toast (toaster.tsx keeps the list), so no page's first load carries it.
'use client';

import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { Toast as ToastPrimitive } from 'radix-ui';
import { cn } from '~/lib/cn';
import type { ToastEntry } from './toaster';

export function ToastStack({
  toasts,
  remove,
  closeLabel,
}: {
  toasts: ToastEntry[];
  remove: (id: number) => void;
  closeLabel: string;
}) {
  return (
    <ToastPrimitive.Provider swipeDirection="down" duration={4500}>
      {toasts.map((toast) => (
        <ToastPrimitive.Root
          key={toast.id}
          onOpenChange={(open) => {
            if (!open) remove(toast.id);
          }}
          duration={toast.tone === 'error' ? 8000 : undefined}
          // Errors interrupt a screen reader; confirmations wait their turn.
          type={toast.tone === 'error' ? 'foreground' : 'background'}
          className="flex w-full items-start gap-3 rounded-xl border border-border bg-popover p-3.5 pr-10 text-sm text-popover-foreground shadow-lg animate-fade-in data-[swipe=move]:translate-y-[var(--radix-toast-swipe-move-y)]"
        >
          {toast.tone === 'error' ? (
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
          ) : toast.tone === 'success' ? (
            <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
          ) : null}
          <div className="grid flex-1 gap-1">
            <ToastPrimitive.Title className="font-medium">{toast.title}</ToastPrimitive.Title>
            {toast.description ? (
              <ToastPrimitive.Description className="text-muted-foreground">
                {toast.description}
              </ToastPrimitive.Description>
            ) : null}
            {toast.action ? (
              <ToastPrimitive.Action altText={toast.action.label} asChild>
                <button
                  type="button"
                  onClick={toast.action.onClick}
                  className="mt-1 w-fit rounded-md text-sm font-medium text-brand-strong underline-offset-4 hover:underline"
                >
                  {toast.action.label}
                </button>
              </ToastPrimitive.Action>
            ) : null}
          </div>
          <ToastPrimitive.Close
            aria-label={closeLabel}
            className={cn(
              'absolute top-3 right-3 rounded-md p-1 text-muted-foreground hover:bg-accent hover:text-foreground',
            )}
          >
            <X aria-hidden className="size-4" />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport className="fixed bottom-4 left-1/2 z-[60] flex w-[calc(100%-2rem)] max-w-sm -translate-x-1/2 flex-col gap-2 outline-none sm:right-4 sm:left-auto sm:translate-x-0" />
    </ToastPrimitive.Provider>
  );
}
