// Who the browser's session belongs to, for tRPC (resolveSession) and for pages (redirects).
// With Clerk configured the session is Clerk's (clerkMiddleware in proxy.ts has run); otherwise
// it is the signed local sign-in cookie.
import {
  type Actor,
  actorFromClerkClaims,
  LOCAL_SESSION_COOKIE,
  localSignInAllowed,
  verifyLocalSession,
} from '@zatten/api/server';
import { cookies } from 'next/headers';
import { getApiServices } from './api';
import { getServerConfig } from './config';

type UserActor = Extract<Actor, { kind: 'user' }>;

export type PageSession =
  | { status: 'signed-in'; actor: UserActor }
  | { status: 'signed-out' }
  /** A session cookie was presented but is no longer valid (expired, or the secret changed). */
  | { status: 'expired' };

async function clerkActor(): Promise<UserActor | null> {
  // Imported on demand: Clerk is not mounted at all in local mode.
  const { auth } = await import('@clerk/nextjs/server');
  const { userId, sessionClaims } = await auth();
  if (!userId || !sessionClaims) return null;
  return actorFromClerkClaims({ ...sessionClaims });
}

/** tRPC's resolveSession: Clerk's session when Clerk is configured; the api reads local cookies. */
export async function resolveClerkSession(): Promise<Actor | null> {
  return getServerConfig().authMode === 'clerk' ? clerkActor() : null;
}

export async function getPageSession(): Promise<PageSession> {
  if (getServerConfig().authMode === 'clerk') {
    const actor = await clerkActor();
    return actor ? { status: 'signed-in', actor } : { status: 'signed-out' };
  }
  const services = getApiServices();
  // With local sign-in off, a cookie from when it was on signs nobody in (the api refuses it too).
  if (!localSignInAllowed(services.env)) return { status: 'signed-out' };
  const token = (await cookies()).get(LOCAL_SESSION_COOKIE)?.value;
  if (!token) return { status: 'signed-out' };
  const actor = await verifyLocalSession(services.sessionSecret, token);
  return actor?.kind === 'user' ? { status: 'signed-in', actor } : { status: 'expired' };
}
