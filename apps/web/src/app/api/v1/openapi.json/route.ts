// The OpenAPI document describing the REST endpoints, with this installation's URL.
import { openApiDocument } from '@zatten/api/server';
import { getServerConfig } from '~/server/config';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(openApiDocument(getServerConfig().api.APP_URL), {
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
