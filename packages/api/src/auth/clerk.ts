// Clerk session tokens presented as Bearer tokens by other apps (and by the web app's session,
// which the web app resolves itself). Verification is networkless when CLERK_JWT_KEY is set.
import { createClerkClient, verifyToken } from '@clerk/backend';
import { type ApiEnv, clerkAuthorizedParties } from '../env';
import type { Actor, UserProfile } from './actor';

export type ClerkVerification =
  | { ok: true; actor: Extract<Actor, { kind: 'user' }> }
  | { ok: false; reason: string };

/** Reads the profile and role a Clerk session token may carry as custom claims (see README). */
export function actorFromClerkClaims(
  claims: Record<string, unknown>,
): Extract<Actor, { kind: 'user' }> {
  const email = typeof claims.email === 'string' ? claims.email : null;
  const metadata = claims.metadata as { role?: unknown } | undefined;
  return {
    kind: 'user',
    userId: String(claims.sub),
    via: 'clerk',
    profile: email
      ? {
          email,
          name: typeof claims.name === 'string' ? claims.name : null,
          imageUrl: typeof claims.image_url === 'string' ? claims.image_url : null,
        }
      : null,
    role: typeof metadata?.role === 'string' ? metadata.role : null,
  };
}

/**
 * The issuer Clerk session tokens must carry: CLERK_ISSUER, or the Frontend API URL encoded in
 * the publishable key (`pk_<env>_<base64("<frontend-api>$")>`).
 */
function expectedIssuer(env: ApiEnv): string | null {
  if (env.CLERK_ISSUER) return env.CLERK_ISSUER;
  const encoded = env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY?.split('_')[2];
  if (!encoded) return null;
  const host = Buffer.from(encoded, 'base64').toString('utf8').replace(/\$$/, '');
  return host ? `https://${host}` : null;
}

export async function verifyClerkToken(env: ApiEnv, token: string): Promise<ClerkVerification> {
  let claims: Record<string, unknown>;
  try {
    // The package's top-level verifyToken resolves to the claims and throws a
    // TokenVerificationError (with a `reason`) when the token is refused.
    claims = (await verifyToken(token, {
      jwtKey: env.CLERK_JWT_KEY,
      secretKey: env.CLERK_SECRET_KEY,
      authorizedParties: clerkAuthorizedParties(env),
    })) as unknown as Record<string, unknown>;
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    return { ok: false, reason: typeof reason === 'string' ? reason : 'token-invalid' };
  }
  const issuer = expectedIssuer(env);
  if (issuer && claims.iss !== issuer) return { ok: false, reason: 'token-invalid-issuer' };
  if (typeof claims.sub !== 'string' || !claims.sub) return { ok: false, reason: 'token-invalid' };
  return { ok: true, actor: actorFromClerkClaims(claims) };
}

/** The profile of a Clerk user, from Clerk's Backend API (used when the token carries none). */
export async function fetchClerkProfile(env: ApiEnv, userId: string): Promise<UserProfile | null> {
  if (!env.CLERK_SECRET_KEY) return null;
  const clerk = createClerkClient({ secretKey: env.CLERK_SECRET_KEY });
  const user = await clerk.users.getUser(userId);
  const email =
    user.primaryEmailAddress?.emailAddress ?? user.emailAddresses[0]?.emailAddress ?? null;
  if (!email) return null;
  return {
    email,
    name: user.fullName ?? user.username ?? null,
    imageUrl: user.imageUrl ?? null,
  };
}
