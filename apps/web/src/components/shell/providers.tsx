// Client-side providers shared by every page: theme (light, dark or the system's), the tRPC and
// query clients and toasts. (Tooltips share their timing without a provider: ui/tooltip.tsx.)
'use client';

import { ThemeProvider } from 'next-themes';
import type { ReactNode } from 'react';
import { Toaster } from '~/components/ui/toaster';
import { TRPCReactProvider } from '~/lib/trpc/react';

export function Providers({
  children,
  closeLabel,
  nonce,
}: {
  children: ReactNode;
  closeLabel: string;
  /** The request's CSP nonce: the theme script runs inline before the page paints. */
  nonce?: string;
}) {
  return (
    <ThemeProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      nonce={nonce}
    >
      <TRPCReactProvider>
        <Toaster closeLabel={closeLabel}>{children}</Toaster>
      </TRPCReactProvider>
    </ThemeProvider>
  );
}
