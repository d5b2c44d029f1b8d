// Mounts Clerk only when this installation signs people in with Clerk (with @clerk/nextjs 7 a
// provider without keys throws), in the interface's language and with the Zatten colours.

import { enUS, ptBR } from '@clerk/localizations';
import { ClerkProvider } from '@clerk/nextjs';
import type { ReactNode } from 'react';
import type { Locale } from '~/i18n/config';

export function AuthProvider({
  mode,
  publishableKey,
  locale,
  nonce,
  children,
}: {
  mode: 'clerk' | 'local';
  publishableKey: string | undefined;
  locale: Locale;
  /** The request's CSP nonce, for the clerk-js script Clerk loads (the policy is strict-dynamic). */
  nonce?: string;
  children: ReactNode;
}) {
  if (mode !== 'clerk' || !publishableKey) return children;
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
