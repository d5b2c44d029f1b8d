// Local sign-in routes (POST to sign in, DELETE to sign out). Only when Clerk is not configured,
// and never in production.
import { z } from 'zod';
import { problemResponse } from '../rest/problem';
import type { ApiServices } from '../services';
import { clearedSessionCookie, createLocalSession, localSignInSchema } from './local-session';

function refused(services: ApiServices): Response | null {
  if (services.env.NODE_ENV === 'production' || services.mode !== 'local') {
    return problemResponse(
      403,
      'local-sign-in-disabled',
      'Local sign-in is disabled',
      services.env.NODE_ENV === 'production'
        ? 'Local sign-in is refused in production; sign in with Clerk.'
        : 'This installation signs people in with Clerk.',
    );
  }
  return null;
}

export async function handleLocalSignIn(
  request: Request,
  services: ApiServices,
): Promise<Response> {
  const denied = refused(services);
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
  const session = await createLocalSession(services.sessionSecret, parsed.data);
  return new Response(JSON.stringify({ userId: session.userId }), {
    status: 200,
    headers: { 'content-type': 'application/json', 'set-cookie': session.cookie },
  });
}

export function handleLocalSignOut(): Response {
  return new Response(null, { status: 204, headers: { 'set-cookie': clearedSessionCookie() } });
}
