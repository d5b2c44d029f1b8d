// Next.js 16's request proxy (formerly middleware). With Clerk configured, clerkMiddleware runs
// on every page and API request so `auth()` works in pages and the tRPC handler; without Clerk it
// is not mounted at all (@clerk/nextjs 7 throws without keys) and requests pass straight through.
import { clerkMiddleware } from '@clerk/nextjs/server';
import { type NextFetchEvent, type NextRequest, NextResponse } from 'next/server';
import { clerkEnabled } from '~/env';

const clerk = clerkEnabled ? clerkMiddleware() : null;

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  return clerk ? clerk(request, event) : NextResponse.next();
}

export const config = {
  matcher: [
    // Everything except Next.js internals and static files.
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
};
