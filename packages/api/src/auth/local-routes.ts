// Local sign-in routes (POST to sign in, DELETE to sign out). Only when Clerk is not configured,
// never in production, and only when opted in (LOCAL_SIGN_IN; on by default in development).
// Both refuse cross-site requests: a forged sign-in would put the victim in the attacker's
// account, a forged sign-out is a nuisance.
import { z } from 'zod';
import { localSignInAllowed } from '../env';
import { problemResponse } from '../rest/problem';
import type { ApiServices } from '../services';
import { refuseCrossSite } from './cross-site';
import { clearedSessionCookie, createLocalSession, localSignInSchema } from './local-session';

function refused(services: ApiServices): Response | null {
  if (services.mode !== 'local' || !localSignInAllowed(services.env)) {
    return problemResponse(
      403,
      'local-sign-in-disabled',
      'Local sign-in is disabled',
      services.env.NODE_ENV === 'production'
        ? 'Local sign-in is refused in production; sign in with Clerk.'
        : services.mode !== 'local'
          ? 'This installation signs people in with Clerk.'
          : 'Local sign-in is off; set LOCAL_SIGN_IN=1 to allow it outside production.',
    );
  }
  return null;
}

/** Whether the request reached us over https (directly or through a proxy that says so). */
function servedOverHttps(request: Request, services: ApiServices): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (forwarded) return forwarded === 'https';
  return new URL(request.url).protocol === 'https:' || services.env.APP_URL.startsWith('https:');
}

export async function handleLocalSignIn(
  request: Request,
  services: ApiServices,
): Promise<Response> {
  const denied =
    refuseCrossSite(request, { appUrl: services.env.APP_URL, requireJson: true }) ??
    refused(services);
  if (denied) return denied;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problemResponse(
      400,
      'malformed-json',
      'Malformed JSON',
      'Send {"name", "email"} as JSON.',
    );
  }
  const parsed = localSignInSchema.safeParse(body);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    return problemResponse(
      400,
      'validation-failed',
      'The request is not valid',
      'Check your name and email.',
      {
        errors: Object.entries(flat.fieldErrors).flatMap(([path, messages]) =>
          (messages ?? []).map((message) => ({ path, message })),
        ),
      },
    );
  }
  const session = await createLocalSession(services.sessionSecret, parsed.data, {
    secure: servedOverHttps(request, services),
  });
  return new Response(JSON.stringify({ userId: session.userId }), {
    status: 200,
    headers: { 'content-type': 'application/json', 'set-cookie': session.cookie },
  });
}

export function handleLocalSignOut(request: Request, services: ApiServices): Response {
  const denied = refuseCrossSite(request, { appUrl: services.env.APP_URL, requireJson: false });
  if (denied) return denied;
  return new Response(null, {
    status: 204,
    headers: { 'set-cookie': clearedSessionCookie({ secure: servedOverHttps(request, services) }) },
  });
}
