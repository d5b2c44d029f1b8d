// Client-side providers shared by every page: the tRPC and query clients and toasts. (Tooltips
// share their timing without a provider: ui/tooltip.tsx; the theme needs none: lib/theme.ts.)
'use client';

import type { ReactNode } from 'react';
import { Toaster } from '~/components/ui/toaster';
import { TRPCReactProvider } from '~/lib/trpc/react';

export function Providers({ children, closeLabel }: { children: ReactNode; closeLabel: string }) {
  return (
    <TRPCReactProvider>
      <Toaster closeLabel={closeLabel}>{children}</Toaster>
    </TRPCReactProvider>
  );
}
