// The routes the web app serves (apps/web/src/app/api/**/route.ts), each calling the same api
// handler the app's route file calls. The fuzz checks this table against the route files, so a new
// route file without a row (and without fuzz cases) fails the suite.
import {
  type ApiServices,
  handleClerkWebhook,
  handleConfirmUpload,
  handleCreateChat,
  handleGetChat,
  handleHealth,
  handleLocalSignIn,
  handleLocalSignOut,
  handleOpenApiDocument,
  handleRequestUpload,
  handleStoredFileRequest,
  handleTRPCRequest,
} from '../../src/server';

export interface AppRoute {
  /** `METHOD /path`, path parameters as `{name}` (the route file's `[name]`). */
  route: string;
  handle(request: Request, services: ApiServices, params: string[]): Promise<Response> | Response;
}

const trpc = (request: Request, services: ApiServices) =>
  handleTRPCRequest(request, { services, endpoint: '/api/trpc' });
const storedFile = (request: Request, services: ApiServices) =>
  handleStoredFileRequest(services, request);

export const appRoutes: AppRoute[] = [
  { route: 'GET /api/trpc/{trpc}', handle: trpc },
  { route: 'POST /api/trpc/{trpc}', handle: trpc },
  {
    route: 'POST /api/v1/chats',
    handle: (request, services) => handleCreateChat(request, services),
  },
  {
    route: 'GET /api/v1/chats/{id}',
    handle: (request, services, [id]) => handleGetChat(request, services, id ?? ''),
  },
  {
    route: 'POST /api/v1/attachments',
    handle: (request, services) => handleRequestUpload(request, services),
  },
  {
    route: 'POST /api/v1/attachments/{id}/confirm',
    handle: (request, services, [id]) => handleConfirmUpload(request, services, id ?? ''),
  },
  {
    route: 'GET /api/v1/openapi.json',
    handle: (_request, services) => handleOpenApiDocument(services.env.APP_URL),
  },
  { route: 'GET /api/health', handle: (_request, services) => handleHealth(services) },
  {
    route: 'POST /api/auth/local',
    handle: (request, services) => handleLocalSignIn(request, services),
  },
  {
    route: 'DELETE /api/auth/local',
    handle: (request, services) => handleLocalSignOut(request, services),
  },
  { route: 'GET /api/files/object', handle: storedFile },
  { route: 'HEAD /api/files/object', handle: storedFile },
  { route: 'PUT /api/files/object', handle: storedFile },
  {
    route: 'POST /api/webhooks/clerk',
    handle: (request, services) => handleClerkWebhook(request, services),
  },
];

const compiled = appRoutes.map((entry) => {
  const [method, path] = entry.route.split(' ') as [string, string];
  const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
  return { ...entry, method, pattern };
});

/** The row serving a request, with its decoded path parameters; otherwise the status to answer. */
export function matchRoute(
  method: string,
  pathname: string,
): { entry: AppRoute; params: string[] } | { status: 400 | 404 | 405 } {
  let pathMatched = false;
  for (const entry of compiled) {
    const match = entry.pattern.exec(pathname);
    if (!match) continue;
    pathMatched = true;
    if (entry.method !== method) continue;
    try {
      return { entry, params: match.slice(1).map((part) => decodeURIComponent(part)) };
    } catch {
      return { status: 400 }; // a path that cannot be decoded
    }
  }
  return { status: pathMatched ? 405 : 404 };
}
