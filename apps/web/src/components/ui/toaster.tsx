// Short notices ("Copied", "Chat deleted", "Could not rename") on Radix Toast: announced to
// screen readers politely, dismissible by swipe, Escape or the close button, and paused on hover.
'use client';

import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { Toast as ToastPrimitive } from 'radix-ui';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { cn } from '~/lib/cn';

export interface ToastInput {
  title: string;
  description?: string;
  tone?: 'neutral' | 'success' | 'error';
  action?: { label: string; onClick: () => void };
}

interface ToastEntry extends ToastInput {
  id: number;
}

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

export function useToast(): (toast: ToastInput) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast needs <Toaster> above it');
  return show;
}

let nextId = 1;

export function Toaster({ children, closeLabel }: { children: ReactNode; closeLabel: string }) {
  const [toasts, setToasts] = useState<ToastEntry[]>([]);
  const show = useCallback((toast: ToastInput) => {
    // Keep at most three on screen; the oldest leaves first.
    setToasts((current) => [...current.slice(-2), { ...toast, id: nextId++ }]);
  }, []);
  const remove = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  const value = useMemo(() => show, [show]);

  return (
    <ToastContext.Provider value={value}>
      <ToastPrimitive.Provider swipeDirection="down" duration={4500}>
        {children}
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
    </ToastContext.Provider>
  );
}
