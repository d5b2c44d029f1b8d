// Local sign-in (POST {name, email} sets the session cookie) and sign-out (DELETE clears it).
// The api refuses both when Clerk is configured, in production, without the opt-in, or when they
// come from another site.
import { handleLocalSignIn, handleLocalSignOut } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleLocalSignIn(request, getApiServices());
}

export function DELETE(request: Request): Response {
  return handleLocalSignOut(request, getApiServices());
}
