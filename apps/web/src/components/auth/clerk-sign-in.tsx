// Clerk's sign-in (email and the social connections enabled in the Clerk dashboard, e.g.
// Google), on this app's /sign-in path.
'use client';

import { SignIn } from '@clerk/nextjs';

export function ClerkSignIn({ next }: { next: string | null }) {
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
  return <SignIn path="/sign-in" routing="path" forceRedirectUrl={target} />;
}
