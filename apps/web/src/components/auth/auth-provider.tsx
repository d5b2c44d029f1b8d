// Mounts Clerk only when this installation signs people in with Clerk (with @clerk/nextjs 7 a
// provider without keys throws). The provider itself (language, colours, nonce) is in
// clerk-provider.tsx, loaded on demand so local installations download none of Clerk's code.

import type { ReactNode } from 'react';
import type { Locale } from '~/i18n/config';
import { ClerkBoundary } from './clerk-boundary';

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
    <ClerkBoundary publishableKey={publishableKey} locale={locale} nonce={nonce}>
      {children}
    </ClerkBoundary>
  );
}
