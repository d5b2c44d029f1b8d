// Short notices ("Copied", "Chat deleted", "Could not rename") on Radix Toast: announced to
// screen readers politely, dismissible by swipe, Escape or the close button, and paused on hover.
// This provider only keeps the list: the toasts are drawn by toast-stack.tsx, a chunk fetched
// when the page is idle and mounted with the first toast, out of every page's first load.
'use client';

import dynamic from 'next/dynamic';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useIdlePreload } from '~/lib/hooks/use-idle-preload';

export interface ToastInput {
  title: string;
  description?: string;
  tone?: 'neutral' | 'success' | 'error';
  action?: { label: string; onClick: () => void };
}

export interface ToastEntry extends ToastInput {
  id: number;
}

const loadToastStack = () => import('./toast-stack');
const ToastStack = dynamic(() => loadToastStack().then((module) => module.ToastStack), {
  ssr: false,
});

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

export function useToast(): (toast: ToastInput) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast needs <Toaster> above it');
  return show;
}

let nextId = 1;

export function Toaster({ children, closeLabel }: { children: ReactNode; closeLabel: string }) {
  const [toasts, setToasts] = useState<ToastEntry[]>([]);
  // Mounted from the first toast on, so later ones find the viewport (and F8) in place.
  const [mounted, setMounted] = useState(false);
  useIdlePreload(loadToastStack);
  const show = useCallback((toast: ToastInput) => {
    setMounted(true);
    // Keep at most three on screen; the oldest leaves first.
    setToasts((current) => [...current.slice(-2), { ...toast, id: nextId++ }]);
  }, []);
  const remove = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  const value = useMemo(() => show, [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      {mounted ? <ToastStack toasts={toasts} remove={remove} closeLabel={closeLabel} /> : null}
    </ToastContext.Provider>
  );
}
