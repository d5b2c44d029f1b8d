// Clerk's provider for this app: in the interface's language, with the Zatten colours, and the
// request's CSP nonce on the clerk-js script Clerk loads (the policy is strict-dynamic). Loaded
// through clerk-boundary.tsx, only when Clerk signs people in.
'use client';

import { enUS, ptBR } from '@clerk/localizations';
import { ClerkProvider } from '@clerk/nextjs';
import type { ReactNode } from 'react';
import type { Locale } from '~/i18n/config';

export function ZattenClerkProvider({
  publishableKey,
  locale,
  nonce,
  children,
}: {
  publishableKey: string;
  locale: Locale;
  nonce?: string;
  children: ReactNode;
}) {
  return (
    <ClerkProvider
      publishableKey={publishableKey}
      nonce={nonce}
      localization={locale === 'pt-BR' ? ptBR : enUS}
      signInUrl="/sign-in"
      signInFallbackRedirectUrl="/"
      appearance={{
        variables: {
          colorPrimary: 'var(--primary)',
          colorBackground: 'var(--surface)',
          colorForeground: 'var(--foreground)',
          colorMutedForeground: 'var(--muted-foreground)',
          colorInput: 'var(--surface)',
          colorInputForeground: 'var(--foreground)',
          colorBorder: 'var(--border)',
          borderRadius: '0.75rem',
          fontFamily: 'var(--font-sans)',
        },
      }}
    >
      {children}
    </ClerkProvider>
  );
}
