// tRPC context. The inner context (services, actor, request id) is what procedures use and what
// tests build directly for createCaller; the request context resolves the actor from a fetch
// Request first.
import { randomUUID } from 'node:crypto';
import { verifyApiKeyInOneTrip } from '@zatten/db';
import type { Actor } from './auth/actor';
import { anonymous } from './auth/actor';
import { verifyClerkToken } from './auth/clerk';
import { LOCAL_SESSION_COOKIE, readCookie, verifyLocalSession } from './auth/local-session';
import { localSignInAllowed } from './env';
import type { ApiServices } from './services';

export interface InnerContext {
  services: ApiServices;
  actor: Actor;
  requestId: string;
  /** Why a presented credential was refused, for a precise 401. */
  authError: string | null;
  /** Response headers a procedure wants set (e.g. the local session cookie). */
  responseHeaders: Headers;
}

export function createInnerContext(input: {
  services: ApiServices;
  actor?: Actor;
  requestId?: string;
  authError?: string | null;
}): InnerContext {
  return {
    services: input.services,
    actor: input.actor ?? anonymous,
    requestId: input.requestId ?? randomUUID(),
    authError: input.authError ?? null,
    responseHeaders: new Headers(),
  };
}

export type SessionResolver = (request: Request) => Promise<Actor | null>;

/**
 * Resolves who is calling: a Bearer API key (`zk_...`) or Clerk session token, else the
 * browser session (Clerk's, resolved by the web app through `resolveSession`, or the local
 * sign-in cookie when Clerk is not configured).
 */
export async function resolveActor(
  services: ApiServices,
  request: Request,
  resolveSession?: SessionResolver,
): Promise<{ actor: Actor; authError: string | null }> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const token = match?.[1];
    if (!token) return { actor: anonymous, authError: 'malformed-authorization-header' };
    if (token.startsWith('zk_')) {
      // Only a verification starts a cache entry's lifetime: a hit is not set again.
      let apiKey = services.apiKeys.get(token);
      if (!apiKey) {
        apiKey = await verifyApiKeyInOneTrip(services.database, token);
        if (apiKey) services.apiKeys.set(token, apiKey);
      }
      return apiKey
        ? { actor: { kind: 'apiKey', apiKey }, authError: null }
        : { actor: anonymous, authError: 'api-key-invalid' };
    }
    if (services.mode !== 'clerk' && !services.env.CLERK_JWT_KEY) {
      return { actor: anonymous, authError: 'session-tokens-not-accepted' };
    }
    const verified = await verifyClerkToken(services.env, token);
    return verified.ok
      ? { actor: verified.actor, authError: null }
      : { actor: anonymous, authError: verified.reason };
  }
  if (resolveSession) {
    const actor = await resolveSession(request);
    if (actor) return { actor, authError: null };
  }
  // A cookie signed while local sign-in was on is nobody once it is off (same secret or not).
  if (services.mode === 'local' && localSignInAllowed(services.env)) {
    const cookie = readCookie(request.headers.get('cookie'), LOCAL_SESSION_COOKIE);
    if (cookie) {
      const actor = await verifyLocalSession(services.sessionSecret, cookie);
      return actor
        ? { actor, authError: null }
        : { actor: anonymous, authError: 'session-expired' };
    }
  }
  return { actor: anonymous, authError: null };
}

export async function createRequestContext(input: {
  services: ApiServices;
  request: Request;
  resolveSession?: SessionResolver;
}): Promise<InnerContext> {
  const { actor, authError } = await resolveActor(
    input.services,
    input.request,
    input.resolveSession,
  );
  return createInnerContext({
    services: input.services,
    actor,
    authError,
    requestId: input.request.headers.get('x-request-id') ?? randomUUID(),
  });
}
