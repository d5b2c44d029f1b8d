// @zatten/api/server: what the serving app mounts. Request handlers are fetch-standard
// (Request -> Response), so the api package needs nothing from Next.js.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { refuseCrossSite } from './auth/cross-site';
import { createRequestContext, type SessionResolver } from './context';
import { toTRPCError } from './errors';
import { serveMessageStream } from './message-stream';
import { appRouter } from './root';
import type { ApiServices } from './services';
import { oneChunkPerFrame } from './sse-frames';
import { boundBody } from './trpc-body';
import { serveUserEvents } from './user-events-stream';

export type { Actor, UserProfile } from './auth/actor';
export { actorFromClerkClaims } from './auth/clerk';
export { refuseCrossSite } from './auth/cross-site';
export { handleLocalSignIn, handleLocalSignOut } from './auth/local-routes';
export { LOCAL_SESSION_COOKIE, verifyLocalSession } from './auth/local-session';
export { type ApiServerOptions, createApiServer } from './composition';
export {
  createInnerContext,
  createRequestContext,
  type InnerContext,
  type SessionResolver,
} from './context';
export {
  type ApiEnv,
  type AuthMode,
  apiEnvShape,
  authMode,
  clerkAuthorizedParties,
  localSignInAllowed,
  readApiEnv,
} from './env';
export { createLogger, type Logger } from './logger';
// issue 16: the disk store's signed URLs, and REST uploads.
export { handleConfirmUpload, handleRequestUpload } from './rest/attachments';
export { handleCreateChat, handleGetChat } from './rest/chats';
export { handleHealth } from './rest/health';
export { handleOpenApiDocument, openApiDocument } from './rest/openapi';
export { type AppRouter, appRouter, createCaller } from './root';
export {
  describeModes,
  type ServerConfig,
  type ServerEnv,
  serverConfigFrom,
} from './server-config';
export { type ApiServices, createApiServices } from './services';
export { handleStoredFileRequest } from './storage/route';
export { handleClerkWebhook } from './webhooks/clerk';

export async function handleTRPCRequest(
  request: Request,
  options: { services: ApiServices; endpoint: string; resolveSession?: SessionResolver },
): Promise<Response> {
  // Mutations are POSTs: only JSON, and only from this app's pages (or with a Bearer credential).
  const denied = refuseCrossSite(request, {
    appUrl: options.services.env.APP_URL,
    requireJson: true,
  });
  if (denied) return denied;
  const bounded = await boundBody(request, options.services.limits.maxBodyBytes);
  if (bounded instanceof Response) return bounded;
  // The live chat list's streams, which one write fans out to: encoded once per event.
  const events = await serveUserEvents(bounded, options);
  if (events) return events;
  // A reply followed while it runs in this process: its frames encoded once for all followers.
  const reply = await serveMessageStream(bounded, options);
  if (reply) return reply;
  const response = await fetchRequestHandler({
    endpoint: options.endpoint,
    req: bounded,
    router: appRouter,
    // One HTTP request may not fan out into unbounded work.
    maxBatchSize: options.services.limits.maxBatchSize,
    // Resolving the caller queries the database: its failures go through the one error map too
    // (a database that does not answer is a 503, not a 500).
    createContext: async () => {
      try {
        return await createRequestContext({
          services: options.services,
          request: bounded,
          resolveSession: options.resolveSession,
        });
      } catch (error) {
        throw toTRPCError(error);
      }
    },
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
  // Subscriptions (SSE): one write per frame, not one per line (sse-frames.ts).
  return oneChunkPerFrame(response);
}
