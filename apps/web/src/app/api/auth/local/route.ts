// Local sign-in (POST {name, email} sets the session cookie) and sign-out (DELETE clears it).
// The api refuses both when Clerk is configured or in production.
import { handleLocalSignIn, handleLocalSignOut } from '@zatten/api/server';
import { getApiServices } from '~/server/api';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleLocalSignIn(request, getApiServices());
}

export function DELETE(): Response {
  return handleLocalSignOut();
}
