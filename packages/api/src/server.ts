// @zatten/api/server: what the serving app mounts. Request handlers are fetch-standard
// (Request -> Response), so the api package needs nothing from Next.js.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext, type SessionResolver } from './context';
import { appRouter } from './root';
import type { ApiServices } from './services';
import { boundBody } from './trpc-body';

export type { Actor, UserProfile } from './auth/actor';
export { actorFromClerkClaims } from './auth/clerk';
export { handleLocalSignIn, handleLocalSignOut } from './auth/local-routes';
export { LOCAL_SESSION_COOKIE, verifyLocalSession } from './auth/local-session';
export {
  createInnerContext,
  createRequestContext,
  type InnerContext,
  type SessionResolver,
} from './context';
export { type ApiEnv, type AuthMode, apiEnvSchema, authMode, readApiEnv } from './env';
export { createLogger, type Logger } from './logger';
export { handleCreateChat, handleGetChat } from './rest/chats';
export { openApiDocument } from './rest/openapi';
export { type AppRouter, appRouter, createCaller } from './root';
export { type ApiServices, createApiServices } from './services';
export { handleClerkWebhook } from './webhooks/clerk';

export async function handleTRPCRequest(
  request: Request,
  options: { services: ApiServices; endpoint: string; resolveSession?: SessionResolver },
): Promise<Response> {
  const bounded = await boundBody(request, options.services.limits.maxBodyBytes);
  if (bounded instanceof Response) return bounded;
  return fetchRequestHandler({
    endpoint: options.endpoint,
    req: bounded,
    router: appRouter,
    // One HTTP request may not fan out into unbounded work.
    maxBatchSize: options.services.limits.maxBatchSize,
    createContext: () =>
      createRequestContext({
        services: options.services,
        request: bounded,
        resolveSession: options.resolveSession,
      }),
    onError({ error, path, ctx }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        options.services.logger.error('tRPC request failed', {
          path,
          requestId: ctx?.requestId,
          error: error.cause ?? error,
        });
      }
    },
    responseMeta({ ctx }) {
      return { headers: ctx?.responseHeaders ?? new Headers() };
    },
  });
}
