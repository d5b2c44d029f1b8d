// Next.js 16's request proxy (formerly middleware). Every page gets a Content-Security-Policy with
// a fresh nonce: the policy goes on the request (Next.js reads the nonce from it and puts it on
// its scripts; the layout hands it to the theme script) and on the response. With Clerk
// configured, clerkMiddleware runs on every page and API request so `auth()` works, checking the
// session token's `azp` against the same authorized parties as Bearer tokens; without Clerk it
// is not mounted at all (@clerk/nextjs 7 throws without keys).
import { clerkMiddleware } from '@clerk/nextjs/server';
import { clerkAuthorizedParties, readApiEnv } from '@zatten/api/env';
import {
  type NextFetchEvent,
  type NextMiddleware,
  type NextRequest,
  NextResponse,
} from 'next/server';
import { clerkEnabled, env } from '~/env';
import { clerkFrontendApiOrigin, contentSecurityPolicy, createNonce } from '~/lib/security/csp';

const POLICY_HEADER = 'content-security-policy';

function withPolicy(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const policy = contentSecurityPolicy({
    nonce,
    clerkFrontendApi: clerkEnabled
      ? clerkFrontendApiOrigin(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)
      : null,
    supabaseUrl: env.NEXT_PUBLIC_SUPABASE_URL ?? null,
    development: env.NODE_ENV === 'development',
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set(POLICY_HEADER, policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(POLICY_HEADER, policy);
  return response;
}

// Built on the first request: the environment is read when the server runs, not at build time.
let clerk: NextMiddleware | null | undefined;

function clerkProxy(): NextMiddleware | null {
  if (clerk === undefined) {
    const api = clerkEnabled ? readApiEnv() : null;
    clerk = api
      ? clerkMiddleware((_auth, request) => withPolicy(request), {
          authorizedParties: clerkAuthorizedParties(api),
          // With the PEM key, session cookies are verified without a call to Clerk.
          jwtKey: api.CLERK_JWT_KEY,
        })
      : null;
  }
  return clerk;
}

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  const handler = clerkProxy();
  return handler ? handler(request, event) : withPolicy(request);
}

export const config = {
  matcher: [
    // Everything except Next.js internals and static files.
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
};
