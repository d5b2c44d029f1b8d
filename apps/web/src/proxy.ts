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

// The REST API for other systems (/api/v1/) is left out: it answers JSON to API keys only, never
// to a session, so Clerk has nothing to do there, and a page's nonce policy means nothing on a
// JSON response (next.config.ts gives it a fixed `default-src 'none'` policy instead). Per
// request, the proxy's nonce and header copies cost about as much as the REST create itself
// (`pnpm bench`, rest).
export const config = {
  matcher: [
    // Everything except Next.js internals, static files and the REST API.
    '/((?!_next|api/v1/|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api(?!/v1/)|trpc)(.*)',
  ],
};
