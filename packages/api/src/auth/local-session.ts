// Local sign-in (only when Clerk is not configured, never in production): a name and an email in
// a signed, HTTP-only cookie. The user id is derived from the email, so signing in again with the
// same email returns to the same chats.
import { createHash, webcrypto } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { NAME_MAX_CHARS, textProblem } from '../text-rules';
import type { Actor, UserProfile } from './actor';

export const LOCAL_SESSION_COOKIE = 'zatten_session';
const SESSION_DAYS = 30;
const ISSUER = 'zatten-local';

export const localSignInSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter your name')
    .max(NAME_MAX_CHARS)
    .refine((name) => textProblem(name, 'name') === null, 'Use letters, not control characters'),
  email: z
    .email('Enter a valid email')
    .max(320)
    .transform((email) => email.toLowerCase()),
});

export type LocalSignIn = z.infer<typeof localSignInSchema>;

export function localUserId(email: string): string {
  return `local_${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24)}`;
}

function key(secret: string) {
  return new TextEncoder().encode(secret);
}

// Every request presents the cookie: the HMAC key is imported once per secret (jose would import
// raw bytes again on each verification) and the claims schema is built once.
const verifyKeys = new Map<string, Promise<webcrypto.CryptoKey>>();
function verifyKey(secret: string): Promise<webcrypto.CryptoKey> {
  let imported = verifyKeys.get(secret);
  if (!imported) {
    imported = webcrypto.subtle.importKey(
      'raw',
      key(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    if (verifyKeys.size > 8) verifyKeys.clear();
    verifyKeys.set(secret, imported);
  }
  return imported;
}

const sessionClaims = z.object({ sub: z.string().min(1), email: z.email(), name: z.string() });

export async function createLocalSession(
  secret: string,
  input: LocalSignIn,
  options: { secure?: boolean } = {},
): Promise<{ token: string; cookie: string; userId: string }> {
  const userId = localUserId(input.email);
  const token = await new SignJWT({ email: input.email, name: input.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${SESSION_DAYS}d`)
    .sign(key(secret));
  return { token, cookie: sessionCookie(token, SESSION_DAYS * 86400, options), userId };
}

/** The session cookie; `Secure` when served over https, so it never travels in clear text. */
export function sessionCookie(
  token: string,
  maxAgeSeconds: number,
  options: { secure?: boolean } = {},
): string {
  const secure = options.secure ? '; Secure' : '';
  return `${LOCAL_SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export const clearedSessionCookie = (options: { secure?: boolean } = {}) =>
  sessionCookie('', 0, options);

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [rawName, ...rest] = part.trim().split('=');
    if (rawName === name) return rest.join('=') || null;
  }
  return null;
}

/**
 * Sessions already verified in this process, by secret and token, until their expiry: a page
 * sends the same cookie with every request (a send and its stream are two), and verifying it is
 * an HMAC through WebCrypto each time. A token's verdict cannot change before it expires (the
 * token is signed and stateless: sign-out only clears the cookie), so the first one is kept.
 */
const verified = new Map<string, { actor: LocalActor; expiresAt: number }>();
type LocalActor = Extract<Actor, { kind: 'user' }> & { profile: UserProfile };
const VERIFIED_MAX = 10_000;

export async function verifyLocalSession(secret: string, token: string): Promise<Actor | null> {
  const cacheKey = `${secret}\n${token}`;
  const hit = verified.get(cacheKey);
  if (hit) {
    if (Date.now() < hit.expiresAt) return { ...hit.actor, profile: { ...hit.actor.profile } };
    verified.delete(cacheKey);
  }
  try {
    const { payload } = await jwtVerify(token, await verifyKey(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    const claims = sessionClaims.safeParse(payload);
    if (!claims.success) return null;
    const actor: LocalActor = {
      kind: 'user' as const,
      userId: claims.data.sub,
      via: 'local' as const,
      profile: { email: claims.data.email, name: claims.data.name, imageUrl: null },
      role: null,
    };
    if (typeof payload.exp === 'number') {
      if (verified.size >= VERIFIED_MAX) verified.clear();
      verified.set(cacheKey, { actor, expiresAt: payload.exp * 1000 });
    }
    return { ...actor, profile: { ...actor.profile } };
  } catch {
    return null;
  }
}
