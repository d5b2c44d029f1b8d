// The tRPC endpoint: queries and mutations (batched, streamed) and subscriptions (SSE).
import { handleTRPCRequest } from '@zatten/api/server';
import { getApiServices } from '~/server/api';
import { resolveClerkSession } from '~/server/session';

export const dynamic = 'force-dynamic';

function handler(request: Request): Promise<Response> {
  return handleTRPCRequest(request, {
    services: getApiServices(),
    endpoint: '/api/trpc',
    resolveSession: resolveClerkSession,
  });
}

export { handler as GET, handler as POST };
