// Clerk's sign-in (email and the social connections enabled in the Clerk dashboard, e.g.
// Google), on this app's /sign-in path.
'use client';

import { SignIn } from '@clerk/nextjs';
import { safeRedirectPath } from '~/lib/safe-redirect';

export function ClerkSignIn({ next }: { next: string | null }) {
  // On the server the page has already checked `next` against APP_URL; in the browser it is
  // checked again against the origin the page is served from.
  const target = safeRedirectPath(next);
  return <SignIn path="/sign-in" routing="path" forceRedirectUrl={target} />;
}
